/**
 * Kubernetes clusters on the VIM (issue 18 target): 500 clusters, 10,000 worker nodes, about
 * 1,000,000 pod arrivals over 7 simulated days with the cluster autoscaler, as one whole
 * `nfvtwin run` process (start-up, loading, simulation, summary, reports). Target: under 20 s and
 * 1.5 GiB on the 2-core machine. The model and scenario are generated into a temporary folder
 * (ccm-files.ts). `--quick` runs 1 simulated day.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ccmBenchModel, ccmBenchScenario } from "./ccm-files.js";
import { seconds } from "./format.js";
import type { BenchContext, BenchSection, BenchTable } from "./section.js";
import { timeProcess } from "./timing.js";

const TARGET_S = 20;
const TARGET_MIB = 1536;
const CLUSTERS = 500;
const RACKS_PER_ZONE = 20;

export const ccmSection: BenchSection = {
  name: "ccm",
  title: "Kubernetes clusters: 500 clusters, 10,000 nodes, ~1,000,000 pod arrivals over 7 days, autoscaling (whole process)",
  async run(context: BenchContext): Promise<BenchTable> {
    const days = context.quick ? 1 : 7;
    const dir = mkdtempSync(path.join(os.tmpdir(), "nfvtwin-bench-ccm-"));
    try {
      writeFileSync(path.join(dir, "model.yaml"), ccmBenchModel(RACKS_PER_ZONE));
      writeFileSync(path.join(dir, "ccm.yaml"), ccmBenchScenario(CLUSTERS, days));
      const out = path.join(dir, "out");
      const cli = path.join(context.repoRoot, "dist", "cli", "main.js");
      const r = timeProcess(process.execPath, [cli, "run", path.join(dir, "ccm.yaml"), "--quiet", "--out", out], context.repoRoot);
      const summary = JSON.parse(readFileSync(path.join(out, "ccm-bench", "summary.json"), "utf8")) as { clusters: Record<string, { pods?: Record<string, number>; nodes?: Record<string, { peak: number }> }> };
      const clusters = Object.entries(summary.clusters).filter(([id]) => id !== "total");
      const arrivals = clusters.reduce((n, [, c]) => n + (c.pods?.["arrived"] ?? 0), 0);
      const ups = clusters.reduce((n, [, c]) => n + (c.pods?.["autoscaleUps"] ?? 0), 0);
      const rss = r.maxRssMib ?? Number.NaN;
      const rows = [[`${days} d`, clusters.length.toLocaleString("en"), arrivals.toLocaleString("en"), ups.toLocaleString("en"), seconds(r.wallSeconds), `${rss.toFixed(0)} MiB`]];
      const notes = [
        `whole process: ${seconds(r.wallSeconds)} (target < ${TARGET_S} s: ${r.wallSeconds < TARGET_S ? "met" : "NOT MET"}), ${rss.toFixed(0)} MiB (target < ${TARGET_MIB} MiB: ${rss < TARGET_MIB ? "met" : "NOT MET"})${days < 7 ? "; --quick: one day only" : ""}`,
      ];
      return { columns: ["simulated", "clusters", "pod arrivals", "autoscaler scale-ups", "wall", "peak memory"], rows, notes };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

