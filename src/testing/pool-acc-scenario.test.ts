/**
 * The gpu-pool-lease scenario meets its expectations (a pool reservation holding GPU handles of a
 * device profile), runs the same twice, gpu-pool-spread admits a pool whose sets spread beyond where
 * its cores would pack, and a pool naming an unknown device profile, more sets than instances or more
 * sets than cores is an input error with its position.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runScenario } from "../scenario/index.js";
import { runCliProcess } from "./cli-process.js";
import { loadShipped } from "./shipped-scenario.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const FILE = "scenarios/accelerators/gpu-pool-lease.yaml";

describe("pool reservation with accelerators scenario", () => {
  it("gpu-pool-lease meets its expectations, the same on every run", () => {
    const spec = loadShipped(FILE);
    const a = runScenario(spec);
    expect(a.expectations.length).toBe(6);
    expect(a.expectations.filter((e) => !e.passed).map((e) => e.text)).toEqual([]);
    expect(runScenario(spec).summary.run.digest).toBe(a.summary.run.digest);
  });

  it("gpu-pool-spread admits a pool whose 6 sets spread over two GPU hosts and binds its 6 servers", () => {
    const a = runScenario(loadShipped("scenarios/accelerators/gpu-pool-spread.yaml"));
    expect(a.expectations.length).toBe(4);
    expect(a.expectations.filter((e) => !e.passed).map((e) => e.text)).toEqual([]);
  });

  it("reports an unknown device profile, more sets than instances and more sets than cores at their positions (exit 2)", () => {
    const work = mkdtempSync(join(tmpdir(), "nfvtwin-poolacc-"));
    try {
      mkdirSync(join(work, "s/a"), { recursive: true });
      mkdirSync(join(work, "models"));
      writeFileSync(join(work, "models/accel-site.yaml"), readFileSync(join(ROOT, "models/accel-site.yaml")));
      writeFileSync(join(work, "s/a/bad.yaml"), readFileSync(join(ROOT, FILE), "utf8").replace("accelerators: { profile: gpu-2, count: 2 }", "accelerators: { profile: gpu-3, count: 5 }").replace("cores: 16, ramMb: 65536", "cores: 8, ramMb: 65536"));
      const r = runCliProcess(["run", "s/a/bad.yaml", "--out", "out"], work);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split("\n")).toEqual([
        's/a/bad.yaml:16:158: reservations.0.pool.accelerators.profile: unknown device profile "gpu-3"; did you mean "gpu-1"? device profiles: fec-fpga, gpu-1, gpu-2, ipsec-fpga, ovs-2vf',
        "s/a/bad.yaml:16:172: reservations.0.pool.accelerators.count: 5 sets of accelerators for 4 instances: each instance binds at most one",
        "s/a/bad.yaml:17:152: reservations.1.pool.accelerators.count: 9 sets of accelerators for 8 cores: each set comes with at least one core of the pool",
      ]);
      expect(existsSync(join(work, "out"))).toBe(false);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
