/**
 * The files' JSON Schemas are as strict as the loader: no unknown keys, unit patterns that agree with
 * the kernel's parsers, a description on every field, and every shipped scenario and model valid.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DURATION_PATTERN, parseDurationMs, parseRatePerHour, RATE_PATTERN } from "../../kernel/index.js";
import { schemaViolations } from "../../testing/json-schema-check.js";
import { schemaFields, undescribedFields } from "./descriptions.js";
import { FILE_KINDS, fileJsonSchema, scenarioJsonSchemas } from "./emit.js";

const schemas = Object.fromEntries(FILE_KINDS.map((k) => [k.kind, fileJsonSchema(k.schema, k.title)]));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? yamlFiles(path) : name.endsWith(".yaml") ? [path] : [];
    });
}

describe("file JSON Schemas", () => {
  it.each(FILE_KINDS.map((k) => k.kind))("%s: every field has a description (the list names the ones without)", (kind) => {
    expect(undescribedFields(schemas[kind])).toEqual([]);
  });

  it.each(FILE_KINDS.map((k) => k.kind))("%s: every object refuses unknown keys, as the loader does", (kind) => {
    const open = schemaFields(schemas[kind])
      .filter((f) => f.parent["additionalProperties"] !== false)
      .map((f) => f.path);
    expect([...new Set(open)]).toEqual([]);
    expect(schemas[kind]!["additionalProperties"]).toBe(false);
  });

  it("every shipped scenario and model validates against the schema of its kind", () => {
    const files = [...yamlFiles("scenarios"), ...yamlFiles("models")];
    expect(files.length).toBeGreaterThan(20);
    const problems = files.flatMap((file) => {
      const value = parse(readFileSync(file, "utf8")) as { kind?: string };
      const schema = schemas[value.kind ?? ""];
      if (schema === undefined) return [`${file}: kind ${String(value.kind)} has no schema`];
      return schemaViolations(value, schema).map((v) => `${file}: ${v}`);
    });
    expect(problems).toEqual([]);
  });

  it("rejects a typo'd key, an unknown policy and a duration without a unit", () => {
    const scenario = parse(readFileSync("scenarios/demo/hello-lab.yaml", "utf8")) as Record<string, unknown>;
    const { seed, ...rest } = scenario;
    const typo = { ...rest, sed: seed, placement: { policy: "sprad" }, stop: { horizon: "30" } };
    const violations = schemaViolations(typo, schemas["Scenario"]!);
    expect(violations).toContain("$: unexpected sed");
    expect(violations.some((v) => v.startsWith("$.placement.policy: matches no member of anyOf"))).toBe(true);
    expect(violations.some((v) => v.startsWith("$.stop.horizon: does not match"))).toBe(true);
  });

  it("says the unit of a duration, a rate and a memory size in the field's description", () => {
    const scenario = schemas["Scenario"] as { properties: Record<string, { properties: Record<string, { description: string }> }> };
    expect(scenario.properties["stop"]!.properties["horizon"]!.description).toMatch(/simulated time the run lasts \(duration with a unit/);
    const model = JSON.parse(scenarioJsonSchemas().model);
    expect(model.properties.profiles.items.properties.memoryMb.description).toMatch(/MiB/);
    expect(model.properties.flavours.items.properties.ramMb.description).toMatch(/MiB/);
  });
});

/** Text made of the characters durations and rates are written with, so near-misses are common. */
const unitText = fc.string({ unit: fc.constantFrom("0", "1", "2", "5", "9", ".", "m", "s", "h", "d", "w", "/", " ", "-"), maxLength: 10 });

describe("unit patterns agree with the kernel's parsers", () => {
  it("a duration parses exactly when it matches the pattern, save a fraction of a millisecond or too long a span", () => {
    const pattern = new RegExp(DURATION_PATTERN, "u");
    fc.assert(
      fc.property(unitText, (text) => {
        const parsed = parseDurationMs(text);
        if (parsed.ok) expect(pattern.test(text)).toBe(true);
        else if (pattern.test(text)) expect(parsed.error).toMatch(/not a whole number of milliseconds|too long a duration/);
      }),
      { numRuns: 2000 },
    );
  });

  it("a rate parses exactly when it matches the pattern", () => {
    const pattern = new RegExp(RATE_PATTERN, "u");
    fc.assert(
      fc.property(unitText, (text) => {
        expect(pattern.test(text)).toBe(parseRatePerHour(text).ok);
      }),
      { numRuns: 2000 },
    );
  });

  it("agree on written examples", () => {
    const duration = new RegExp(DURATION_PATTERN, "u");
    for (const ok of ["250ms", "30s", "5m", "2h", "7d", "1h30m", "1.5h", "1d2h3m4s5ms"]) expect([ok, duration.test(ok), parseDurationMs(ok).ok]).toEqual([ok, true, true]);
    for (const bad of ["30", "", "1h 30m", "30m1h", "1w", "-5s", "1mm", "s"]) expect([bad, duration.test(bad), parseDurationMs(bad).ok]).toEqual([bad, false, false]);
  });
});
