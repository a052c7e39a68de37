/**
 * The storage lease scenario meets the expectations its comments promise (C1-C5 through createVolume
 * calls), runs the same twice, and its bad inputs are reported with positions before any run.
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { nodeReader } from "../cli/node-reader.js";
import { checkPolicyRef, formatInputIssue, loadScenario, runScenario } from "../scenario/index.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const FILE = "scenarios/reservation/storage-lease.yaml";

function load(file: string) {
  return loadScenario(nodeReader(ROOT), join(ROOT, file), checkPolicyRef);
}

describe("storage reservation scenario", () => {
  it("storage-lease meets its expectations, the same on every run", () => {
    const r = load(FILE);
    if (!r.ok) throw new Error(r.issues.map(formatInputIssue).join("\n"));
    const a = runScenario(r.value);
    expect(a.expectations.length).toBeGreaterThan(0);
    expect(a.expectations.filter((e) => !e.passed).map((e) => e.text)).toEqual([]);
    expect(a.summary.storageReservations?.leases.map((l) => [l.id, l.status])).toEqual([
      ["db-lease", "TERMINATED"],
      ["keep-lease", "TERMINATED"],
      ["late-lease", "REFUSED"],
      ["idle-lease", "EXPIRED"],
    ]);
    // Without storage entries, a reservation scenario has no storage section.
    expect(a.summary.reservations).toBeUndefined();
    expect(runScenario(r.value).summary.run.digest).toBe(a.summary.run.digest);
  });
});
