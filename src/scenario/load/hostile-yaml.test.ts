/**
 * YAML that is hostile or broken below the schema level (aliases, tags, nesting, bytes) is an input
 * error at its line and column, like any other: never an exception, a hang, or a silent substitute.
 */
import { describe, expect, it } from "vitest";
import { TINY_MODEL, TINY_SCENARIO } from "../../testing/fixtures.js";
import { formatInputIssue } from "./input-issue.js";
import { loadModel, loadScenario } from "./load-scenario.js";
import { memoryReader } from "./source-reader.js";
import { decodeUtf8Text } from "./utf8-text.js";

const anyPolicy = () => undefined;

function scenarioErrors(scenario: string | Uint8Array, model: string = TINY_MODEL): string[] {
  const result = loadScenario(memoryReader({ "s.yaml": scenario, "model.yaml": model }), "s.yaml", anyPolicy);
  return result.ok ? [] : result.issues.map(formatInputIssue);
}

function modelErrors(model: string): string[] {
  const result = loadModel(memoryReader({ "model.yaml": model }), "model.yaml");
  return result.ok ? [] : result.issues.map(formatInputIssue);
}

/** The classic "billion laughs": nine levels of nine aliases each, 9^9 strings once expanded. */
const BILLION_LAUGHS = [
  "kind: InfrastructureModel",
  "name: lol",
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ..."bcdefghi".split("").map((name, i) => `${name}: &${name} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(",")}]`),
  "",
].join("\n");

const CORE_TAGS = "(!!str, !!int, !!float, !!bool, !!null, !!seq, !!map)";

describe("aliases", () => {
  it("an undefined alias is an issue at the alias", () => {
    expect(scenarioErrors(TINY_SCENARIO.replace("seed: 9", "seed: *nine"))).toEqual(["s.yaml:4:7: seed: undefined alias *nine: no anchor &nine before it"]);
  });

  it("an alias used before its anchor is undefined too", () => {
    expect(scenarioErrors(TINY_SCENARIO.replace("seed: 9", "seed: *nine\nx: &nine 9"))).toEqual(["s.yaml:4:7: seed: undefined alias *nine: no anchor &nine before it"]);
  });

  it("an alias inside its own anchored node is a cycle, not an endless value", () => {
    expect(modelErrors("kind: InfrastructureModel\nname: x\nzones: &z [ { id: a, racks: *z } ]\n")).toEqual([
      "model.yaml:3:29: zones.0.racks: alias *z is inside the node anchored &z, so it would expand forever",
    ]);
  });

  it("refuses the billion laughs at the alias that passes the expansion limit", () => {
    expect(modelErrors(BILLION_LAUGHS)).toEqual([
      "model.yaml:8:8: f.0: aliases expand to more than 100000 values (the limit against alias bombs); write the values out or alias less",
    ]);
  });

  it("refuses an alias whose expansion nests past the limit", () => {
    const deep = `${"[".repeat(40)}1${"]".repeat(40)}`;
    expect(modelErrors(`kind: InfrastructureModel\nname: x\na: &deep ${deep}\nb: ${"[".repeat(30)}*deep${"]".repeat(30)}\n`)).toEqual([
      `model.yaml:4:34: b${".0".repeat(30)}: alias *deep nests more than 64 levels deep when expanded (the limit)`,
    ]);
  });

  it("still reads a shared anchor", () => {
    const text = TINY_SCENARIO.replace("mean: 2h", "mean: &long 2h").replace("bootTime: 30s", "bootTime: *long");
    expect(scenarioErrors(text)).toEqual([]);
  });
});

describe("nesting", () => {
  it("10,000 nested [ are refused at the first one past the limit, without a stack overflow", () => {
    const errors = scenarioErrors(TINY_SCENARIO.replace("seed: 9", `seed: ${"[".repeat(10_000)}${"]".repeat(10_000)}`));
    expect(errors).toEqual(["s.yaml:4:70: nested more than 64 levels deep (the limit)"]);
  });

  it("counts block levels with the flow ones", () => {
    const flow = `${"{x: ".repeat(70)}1${"}".repeat(70)}`;
    expect(modelErrors(`kind: InfrastructureModel\nname: x\na:\n  b:\n    c: ${flow}\n`)).toEqual(["model.yaml:5:252: nested more than 64 levels deep (the limit)"]);
  });

  it("refuses deep block nesting as well", () => {
    const lines = Array.from({ length: 200 }, (_, i) => `${" ".repeat(i)}k:`).join("\n");
    expect(modelErrors(`kind: InfrastructureModel\nname: x\n${lines}\n`)).toEqual(["model.yaml:67:65: nested more than 64 levels deep (the limit)"]);
  });

  it("accepts 64 levels (the limit itself)", () => {
    const errors = modelErrors(`kind: InfrastructureModel\nname: x\na: ${"[".repeat(63)}${"]".repeat(63)}\n`);
    expect(errors).toContain('model.yaml:3:1: a: unknown field "a"');
    expect(errors.join("\n")).not.toMatch(/nested/);
  });
});

describe("tags", () => {
  it("!!js/function is an error at the tag", () => {
    expect(scenarioErrors(TINY_SCENARIO.replace("name: tiny-run", "name: !!js/function 'function () {}'"))).toEqual([
      `s.yaml:2:7: unsupported tag !!js/function; only the YAML 1.2 core tags are read ${CORE_TAGS}`,
    ]);
  });

  it("!!python/object is an error at the tag", () => {
    expect(scenarioErrors(TINY_SCENARIO.replace("seed: 9", "seed: !!python/object:os.system 9"))).toEqual([
      `s.yaml:4:7: unsupported tag !!python/object:os.system; only the YAML 1.2 core tags are read ${CORE_TAGS}`,
    ]);
  });

  it("a custom !foo tag is an error at the tag", () => {
    expect(scenarioErrors(TINY_SCENARIO.replace("bootTime: 30s", "bootTime: !foo 30s"))).toEqual([
      `s.yaml:13:17: unsupported tag !foo; only the YAML 1.2 core tags are read ${CORE_TAGS}`,
    ]);
  });

  it("YAML 1.1 tags stay refused under a %YAML 1.1 directive", () => {
    expect(scenarioErrors(`%YAML 1.1\n---\n${TINY_SCENARIO.replace("name: tiny-run", "name: !!binary dGlueQ==")}`)).toEqual([
      `s.yaml:4:7: unsupported tag !!binary; only the YAML 1.2 core tags are read ${CORE_TAGS}`,
    ]);
  });

  it("core tags are read, and a core tag that does not fit its value is an error", () => {
    expect(scenarioErrors(TINY_SCENARIO.replace("seed: 9", "seed: !!int 9").replace("name: tiny-run", "name: !!str tiny-run"))).toEqual([]);
    expect(scenarioErrors(TINY_SCENARIO.replace("seed: 9", "seed: !!map 9"))).toEqual(["s.yaml:4:7: the value cannot be read as !!map"]);
  });
});

describe("bytes", () => {
  const bytes = (text: string, at: string, bad: ReadonlyArray<number>): Uint8Array => {
    const [before, after] = text.split(at) as [string, string];
    const enc = new TextEncoder();
    return new Uint8Array([...enc.encode(before), ...bad, ...enc.encode(after)]);
  };

  it("invalid UTF-8 in the middle of a line is an issue at the bad byte", () => {
    expect(scenarioErrors(bytes(TINY_SCENARIO, "@", []))).toEqual([]);
    expect(scenarioErrors(bytes(TINY_SCENARIO.replace("tiny-run", "tiny@run"), "@", [0xff]))).toEqual([
      "s.yaml:2:11: invalid UTF-8: byte 0xFF cannot start a character; input files must be UTF-8 text",
    ]);
  });

  it("counts columns in characters after multi-byte ones, and skips a byte order mark", () => {
    const text = "\uFEFFkind: Scenario\nname: \u00e9\u{1F600}@x\n";
    expect(decodeUtf8Text(bytes(text, "@", [0xe2, 0x28, 0xa1]))).toEqual({
      ok: false,
      line: 2,
      column: 10,
      message: "invalid UTF-8: byte 0xE2 is followed by 0x28, which cannot continue it; input files must be UTF-8 text",
    });
    expect(decodeUtf8Text(bytes(text, "@", []))).toEqual({ ok: true, text: "kind: Scenario\nname: \u00e9\u{1F600}x\n" });
  });

  it("refuses overlong forms, surrogates and a character cut by the end of the file", () => {
    const at = (bad: number[]) => {
      const r = decodeUtf8Text(new Uint8Array([0x61, 0x0a, 0x62, ...bad]));
      return r.ok ? "ok" : `${r.line}:${r.column}: ${r.message.split(";")[0]}`;
    };
    expect(at([0xc0, 0x80])).toBe("2:2: invalid UTF-8: byte 0xC0 cannot start a character");
    expect(at([0xed, 0xa0, 0x80])).toBe("2:2: invalid UTF-8: byte 0xED is followed by 0xA0, which cannot continue it");
    expect(at([0xf0, 0x9f, 0x98])).toBe("2:2: invalid UTF-8: the file ends inside a character");
    expect(at([0xf0, 0x9f, 0x98, 0x80])).toBe("ok");
  });
});
