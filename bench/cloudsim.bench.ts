/**
 * CloudSim Plus's published scale run, reproduced with churn on top (issue 22): 50,000 hosts and
 * 100,000 VMs over 3.86 months (117 simulated days); CloudSim Plus reports 6.38 minutes for it with
 * its VMs created once. Here the 100,000 servers arrive in the first hour and every one of them has
 * an exponential lifetime of mean 30 days, replaced as it ends (about 3,300 a day), so about 100,000
 * stay alive and some 490,000 are created. Whole `nfvtwin run` process, spread. Target < 8 s.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { basicSiteModel } from "./basic-site.js";
import { seconds } from "./format.js";
import type { BenchContext, BenchSection, BenchTable } from "./section.js";
import { timeProcess } from "./timing.js";

const MODEL = basicSiteModel("cloudsim-scale", 250, 50, "50,000 hosts in four zones of 250 racks of 50.");
const SCENARIO = `kind: Scenario
name: cloudsim-scale
model: model.yaml
seed: 386
stop: { horizon: 117d }
placement: { policy: spread }
workload:
  streams:
    - tenant: t
      arrivals: { kind: schedule, steps: [{ from: 0s, rate: 100000/h }, { from: 1h, rate: 138.9/h }] }
      flavours: { B1.small: 4, B1.medium: 3, B1.large: 2, B1.2xlarge: 1 }
      lifetime: { kind: exponential, mean: 30d }
output: { samplePeriod: 1d }
`;

export const cloudsimSection: BenchSection = {
  name: "cloudsim",
  title: "CloudSim Plus's scale run with churn: 50,000 hosts, 100,000 servers alive, 117 days (whole process)",
  async run(context: BenchContext): Promise<BenchTable> {
    const cli = path.join(context.repoRoot, "dist", "cli", "main.js");
    const dir = mkdtempSync(path.join(os.tmpdir(), "nfvtwin-bench-cloudsim-"));
    try {
      writeFileSync(path.join(dir, "model.yaml"), MODEL);
      writeFileSync(path.join(dir, "cloudsim.yaml"), SCENARIO);
      const r = timeProcess(process.execPath, [cli, "run", "cloudsim.yaml", "--quiet", "--workers", "1", "--out", "out"], dir);
      const rows = [["50,000", "117 d", seconds(r.wallSeconds), r.cpuSeconds === undefined ? "—" : seconds(r.cpuSeconds), r.maxRssMib === undefined ? "—" : `${r.maxRssMib.toFixed(0)} MiB`]];
      return {
        columns: ["hosts", "simulated", "wall", "CPU", "peak RSS"],
        rows,
        notes: [`target < 8 s: ${r.wallSeconds < 8 ? "met" : "NOT MET"} (CloudSim Plus: 6.38 min for 100,000 VMs created once)`],
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
