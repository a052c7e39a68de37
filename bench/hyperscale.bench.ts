/**
 * A hyperscale region (issue 22): models/hyperscale-region.yaml (200,000 hosts) under
 * bench/hyperscale/hyperscale-region.yaml (about 1,000,000 servers alive, 30 days, about 4.3 million
 * creations, spread, host failures). Targets: whole process < 25 s and < 1 GiB; ≤ 640 B per live
 * server and ≤ 1 KiB per host; memory flat in the servers that have ended.
 *
 * Method (each in a fresh process):
 * - the whole process: `nfvtwin run` of the shipped files, wall, CPU (all threads) and peak RSS;
 * - bytes per host: the V8 heap plus external memory (typed arrays) after a full collection, once the
 *   site is built and before any server exists (horizon 1 ms), at 200,000 and at 20,000 hosts: the
 *   difference over the 180,000 hosts between, so the process's fixed cost cancels;
 * - bytes per live server: the same memory at the first progress call past each simulated day of the
 *   full run, minus the hosts-only figure at 200,000 hosts, over the servers alive at that day's sample
 *   (the day of most live servers before day 10, when the N+1 check first keeps a copy of the site,
 *   reported on its own row);
 * - growth with ended servers: that memory and the RSS at day 10 against day 30, with about the same
 *   servers alive and 2.7 million more ended.
 * `--quick` runs a tenth of the region (20,000 hosts, about 100,000 servers alive).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { nodeScriptArgs, runJsonLine } from "./child-process.js";
import { seconds } from "./format.js";
import { writeHyperscaleFiles } from "./hyperscale-files.js";
import type { BenchContext, BenchSection, BenchTable } from "./section.js";
import { timeProcess } from "./timing.js";

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

interface DayPoint {
  readonly day: number;
  readonly heapUsedBytes: number;
  readonly externalBytes: number;
  readonly rssBytes: number;
  readonly serversAlive?: number;
}

function memoryRun(context: BenchContext, dir: string, scale: number, horizon?: string): { days: DayPoint[]; hosts: number; creations: number; wallSeconds: number } {
  const args = ["--expose-gc", ...nodeScriptArgs(BENCH_DIR, "hyperscale-child", context.scriptExtension), context.repoRoot, dir, String(scale), ...(horizon === undefined ? [] : [horizon])];
  const r = runJsonLine(process.execPath, args);
  return { days: r["days"] as DayPoint[], hosts: Number(r["hosts"]), creations: Number(r["creations"]), wallSeconds: r.wallSeconds };
}

const held = (p: DayPoint): number => p.heapUsedBytes + p.externalBytes;
/** The first utilisation sample whose N+1 check runs its dry run (headroomCheck every 10 days). */
const FIRST_DRY_RUN_DAY = 10;
const mib = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MiB`;

export const hyperscaleSection: BenchSection = {
  name: "hyperscale",
  title: "Hyperscale region: 200,000 hosts, about 1,000,000 servers alive, 30 days (whole process, and memory per host and per live server)",
  async run(context: BenchContext): Promise<BenchTable> {
    const scale = context.quick ? 0.1 : 1;
    const cli = path.join(context.repoRoot, "dist", "cli", "main.js");
    const dir = mkdtempSync(path.join(os.tmpdir(), "nfvtwin-bench-hyperscale-"));
    try {
      const scenario = writeHyperscaleFiles(context.repoRoot, dir, { scale });
      const whole = timeProcess(process.execPath, [cli, "run", path.basename(scenario), "--quiet", "--workers", "1", "--out", "out"], dir);
      const small = memoryRun(context, path.join(dir, "hosts-small"), scale / 10, "1ms");
      const big = memoryRun(context, path.join(dir, "hosts-big"), scale, "1ms");
      const full = memoryRun(context, path.join(dir, "full"), scale);
      const hostBytes = (held(big.days.at(-1)!) - held(small.days.at(-1)!)) / (big.hosts - small.hosts);
      const sited = held(big.days.at(-1)!);
      const daily = full.days.filter((p) => Number.isInteger(p.day) && p.serversAlive !== undefined && p.day >= 1);
      // The N+1 check at the day-10 sample is the first to need its dry run (GPU servers are outside
      // the counting bound), which keeps a detached copy of the site from then on: servers are
      // counted before it, the copy on its own.
      const before = daily.filter((p) => p.day < FIRST_DRY_RUN_DAY);
      const peak = (before.length > 0 ? before : daily).reduce((a, b) => (b.serversAlive! > a.serversAlive! ? b : a));
      const serverBytes = (held(peak) - sited) / peak.serversAlive!;
      const at = (day: number): DayPoint | undefined => daily.filter((p) => p.day <= day).at(-1);
      const d9 = at(FIRST_DRY_RUN_DAY - 1);
      const d10 = at(FIRST_DRY_RUN_DAY);
      const d30 = at(30);
      const copyBytes = d9 !== undefined && d10 !== undefined && d10.day >= FIRST_DRY_RUN_DAY ? held(d10) - held(d9) - (d10.serversAlive! - d9.serversAlive!) * serverBytes : undefined;
      const rows: string[][] = [
        ["whole process (`nfvtwin run`)", `${seconds(whole.wallSeconds)} wall, ${whole.cpuSeconds === undefined ? "—" : seconds(whole.cpuSeconds)} CPU`, whole.maxRssMib === undefined ? "—" : `${whole.maxRssMib.toFixed(0)} MiB peak RSS`, "< 25 s, < 1024 MiB"],
        ["per host (no servers)", `${hostBytes.toFixed(0)} B`, `${mib(sited)} held at ${big.hosts.toLocaleString("en-US")} hosts`, "≤ 1024 B"],
        ["per live server", `${serverBytes.toFixed(0)} B`, `day ${peak.day}: ${peak.serversAlive!.toLocaleString("en-US")} alive, ${mib(held(peak))} held`, "≤ 640 B"],
      ];
      if (copyBytes !== undefined) rows.push(["the N+1 dry run's copy of the site (from day 10)", mib(copyBytes), `${(copyBytes / full.hosts).toFixed(0)} B per host`, "—"]);
      for (const p of new Set([d9, d10, d30])) {
        if (p !== undefined) rows.push([`day ${p.day}`, `${p.serversAlive!.toLocaleString("en-US")} alive`, `${mib(held(p))} held, ${mib(p.rssBytes)} RSS`, "flat in ended servers"]);
      }
      const notes = [
        `${full.hosts.toLocaleString("en-US")} hosts, ${full.creations.toLocaleString("en-US")} servers created; held = V8 heap used + external (typed arrays) after a full collection`,
        "per host: (held at the full site − held at a tenth of it) / the hosts between, before any server; per live server: (held at the day of most servers alive − held by the site alone) / servers alive",
      ];
      if (d10 !== undefined && d30 !== undefined) notes.push(`day ${d30.day} / day ${d10.day}: held ${(held(d30) / held(d10)).toFixed(3)}x, RSS ${(d30.rssBytes / d10.rssBytes).toFixed(3)}x, servers alive ${(d30.serversAlive! / d10.serversAlive!).toFixed(3)}x`);
      return { columns: ["measure", "value", "detail", "target"], rows, notes };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
