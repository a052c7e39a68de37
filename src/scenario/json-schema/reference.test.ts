/** The committed file-format references (docs/*-reference.md) are what the schema descriptions generate. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { referenceDocuments } from "./reference.js";

describe("docs/ file-format references", () => {
  it.each(Object.keys(referenceDocuments()))("docs/%s equals the generated text (run `npm run docs` after changing a description)", (name) => {
    expect(readFileSync(`docs/${name}`, "utf8")).toBe(referenceDocuments()[name]);
  });

  it("lists every field once per meaning, with units and the variants a field belongs to", () => {
    const { "scenario-reference.md": scenario, "model-reference.md": model } = referenceDocuments();
    expect(model).toContain("| `profiles[].memoryMb` | integer > 0 | yes | memory per host in MiB");
    expect(scenario).toContain("| `stop.horizon` | duration |  | simulated time the run lasts (duration with a unit, at most 36500d (100 years)) |");
    expect(scenario).toMatch(/\| `operations\.calls\[\]\.sizeGb` \| integer > 0 \| yes \| \(call: createVolume\) volume size in GiB \|/);
    expect(scenario).toContain("## Distributions");
  });
});
