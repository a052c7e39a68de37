/**
 * `nfvtwin validate` over several files as a user runs it: a file with hostile YAML (an undefined
 * alias, an alias bomb, bytes that are not UTF-8) is exit 2 at its position and hides no other file's result.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliProcess } from "../testing/cli-process.js";
import { TINY_MODEL, TINY_SCENARIO } from "../testing/fixtures.js";

const BOMB = ["kind: InfrastructureModel", "name: lol", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat("bcdefghi".split("").map((name, i) => `${name}: &${name} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(",")}]`))
  .join("\n");

describe("nfvtwin validate with hostile files among good ones", () => {
  it("prints every file's result and exits 2", () => {
    const work = mkdtempSync(join(tmpdir(), "nfvtwin-validate-"));
    try {
      writeFileSync(join(work, "model.yaml"), TINY_MODEL);
      writeFileSync(join(work, "a-good.yaml"), TINY_SCENARIO);
      writeFileSync(join(work, "b-alias.yaml"), TINY_SCENARIO.replace("seed: 9", "seed: *nine"));
      writeFileSync(join(work, "c-bomb.yaml"), `${BOMB}\n`);
      const [before, after] = TINY_SCENARIO.replace("tiny-run", "tiny@run").split("@") as [string, string];
      writeFileSync(join(work, "d-bytes.yaml"), Buffer.concat([Buffer.from(before), Buffer.from([0xff]), Buffer.from(after)]));
      writeFileSync(join(work, "e-field.yaml"), TINY_SCENARIO.replace("seed: 9", "seed: 9\ncolour: blue"));
      const r = runCliProcess(["validate", "a-good.yaml", "b-alias.yaml", "c-bomb.yaml", "d-bytes.yaml", "e-field.yaml", "model.yaml"], work);
      expect(r.stdout).toBe("ok a-good.yaml (Scenario)\nok model.yaml (InfrastructureModel)\n");
      expect(r.stderr.trim().split("\n")).toEqual([
        "b-alias.yaml:4:7: seed: undefined alias *nine: no anchor &nine before it",
        "c-bomb.yaml:8:8: f.0: aliases expand to more than 100000 values (the limit against alias bombs); write the values out or alias less",
        "d-bytes.yaml:2:11: invalid UTF-8: byte 0xFF cannot start a character; input files must be UTF-8 text",
        'e-field.yaml:5:1: colour: unknown field "colour"',
      ]);
      expect(r.status).toBe(2);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
