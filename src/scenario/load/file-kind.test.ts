/**
 * fileKind reads `kind` as the loaders do (found by the fuzzer: `validate` refused `kind: &a Scenario`,
 * a file `run` accepted, and so disagreed with it).
 */
import { describe, expect, it } from "vitest";
import { fileKind } from "./load-scenario.js";
import type { SourceReader } from "./source-reader.js";

const readerOf = (text: string): SourceReader => ({ read: () => ({ ok: true, text }), resolve: (_, rel) => rel, display: (p) => p });

describe("fileKind", () => {
  it.each([
    ["kind: Scenario\nname: x\n", "Scenario"],
    ["kind: &a InfrastructureModel\nname: x\n", "InfrastructureModel"],
    ["kind: Scenario # a comment\n", "Scenario"],
    ["# yaml-language-server: $schema=../.vscode/model.schema.json\nkind: InfrastructureModel\n", "InfrastructureModel"],
    ["{ kind: Scenario, name: x }\n", "Scenario"],
    ['"kind": "InfrastructureModel"\n', "InfrastructureModel"],
    ["k: &k Scenario\nkind: *k\n", "Scenario"],
    ["kind: !!str Scenario\n", "Scenario"],
    ["kind: Scenario\nname: [oops\n", "Scenario"],
    ["name: x\n", undefined],
    ["kind: Other\n", undefined],
    ["- kind: Scenario\n", undefined],
  ])("%j claims %s", (text, kind) => {
    expect(fileKind(readerOf(text), "f.yaml")).toBe(kind);
  });
});
