/** A sweep's minimise may name the scenario's cluster metrics, as its expectations may (one metric scope for both). */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nodeReader } from "../cli/node-reader.js";
import { checkPolicyRef, loadScenario, type SourceReader } from "../scenario/index.js";
import { REPO_ROOT } from "./cli-process.js";

const FILE = join(REPO_ROOT, "scenarios/ccm/regional-50-clusters.yaml");

/** The shipped regional 50-cluster sweep, minimising `minimise` instead of hosts. */
function load(minimise: string) {
  const disk = nodeReader(REPO_ROOT);
  const reader: SourceReader = {
    ...disk,
    read: (path) => {
      const r = disk.read(path);
      return path === FILE && r.ok ? { ok: true, text: r.text.replace("minimise: hosts", `minimise: ${minimise}`) } : r;
    },
  };
  return loadScenario(reader, FILE, checkPolicyRef);
}

describe("sweep minimise over cluster metrics", () => {
  it("accepts clusters.total and clusters.<id> paths and refuses a cluster the scenario does not have", () => {
    expect(load("clusters.total.quorumLossMs").ok).toBe(true);
    expect(load("clusters.c01.quorumLossMs").ok).toBe(true);
    const bad = load("clusters.nope.quorumLossMs");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => i.message).join("\n")).toMatch(/cannot minimise "clusters\.nope\.quorumLossMs"/);
  });
});
