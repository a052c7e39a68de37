/**
 * Placement at scale: 1,000, 10,000 and 100,000 hosts, 1,000,000 arrivals each with the default
 * filters and weighers, each in a fresh process (simulation time and peak memory).
 * Target: 10,000 hosts under 10 s and 1 GiB.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { nodeScriptArgs, runJsonLine } from "./child-process.js";
import { ratio, seconds } from "./format.js";
import type { BenchContext, BenchSection, BenchTable } from "./section.js";

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

export const scaleSection: BenchSection = {
  name: "scale",
  title: "Placement at scale: 1,000,000 arrivals, default policy (spread), fresh process each",
  async run(context: BenchContext): Promise<BenchTable> {
    const sizes = context.quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
    const rows: string[][] = [];
    const notes: string[] = [];
    let previous: number | undefined;
    for (const hosts of sizes) {
      const r = runJsonLine(process.execPath, [...nodeScriptArgs(BENCH_DIR, "scale-child", context.scriptExtension), String(hosts), "1000000"]);
      const rss = Number(r["maxRssMib"]);
      rows.push([hosts.toLocaleString("en"), seconds(r.wallSeconds), `${rss.toFixed(0)} MiB`, String(r["rejectionRate"]), previous === undefined ? "-" : ratio(r.wallSeconds / previous)]);
      if (hosts === 10_000) notes.push(`10,000 hosts: ${seconds(r.wallSeconds)} (target < 10 s: ${r.wallSeconds < 10 ? "met" : "NOT MET"}), ${rss.toFixed(0)} MiB (target < 1024 MiB: ${rss < 1024 ? "met" : "NOT MET"})`);
      previous = r.wallSeconds;
    }
    notes.push("arrival rate scales with the host count (about half the RAM in use at steady state); time excludes process start-up");
    return { columns: ["hosts", "simulation wall", "peak memory", "rejection rate", "vs previous size"], rows, notes };
  },
};
