/**
 * Memory of the hyperscale region at known points of one run, in a fresh process started with
 * --expose-gc: after a full collection at the first progress call past each whole simulated day,
 * the V8 heap in use and the RSS, with the servers alive at that day's sample (the progress call
 * comes at most 200,000 events after the day's boundary). Prints one JSON line:
 * { wallSeconds, hosts, creations, days: [{ day, heapUsedBytes, externalBytes, rssBytes, serversAlive }] }.
 *   node --expose-gc dist/bench/hyperscale-child.js REPO_ROOT DIR SCALE [HORIZON]
 */
import { mkdirSync, readFileSync } from "node:fs";
import { runScenario } from "../src/scenario/index.js";
import { specFrom } from "../src/testing/scenario-files.js";
import path from "node:path";
import { writeHyperscaleFiles } from "./hyperscale-files.js";

const DAY_MS = 86_400_000;
const [repoRoot, dir, scaleText, horizon] = process.argv.slice(2);
mkdirSync(dir!, { recursive: true });
const file = writeHyperscaleFiles(repoRoot!, dir!, { scale: Number(scaleText), ...(horizon === undefined ? {} : { horizon }) });
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with --expose-gc");

interface Point {
  day: number;
  heapUsedBytes: number;
  externalBytes: number;
  rssBytes: number;
  serversAlive?: number | undefined;
}
const points: Point[] = [];
const started = process.hrtime.bigint();
let nextDay = 0;
function measure(simTimeMs: number, last: boolean): void {
  if (!last && simTimeMs < nextDay * DAY_MS) return;
  gc!();
  gc!(); // a second full collection frees the backing stores of the array buffers the first found dead
  const m = process.memoryUsage();
  points.push({ day: last ? simTimeMs / DAY_MS : Math.floor(simTimeMs / DAY_MS), heapUsedBytes: m.heapUsed, externalBytes: m.external + m.arrayBuffers, rssBytes: m.rss });
  // Progress on stderr (the JSON line is stdout's last): how far a long run got, and when.
  process.stderr.write(`${JSON.stringify({ ...points.at(-1), wallSeconds: Number(process.hrtime.bigint() - started) / 1e9 })}\n`);
  nextDay = Math.floor(simTimeMs / DAY_MS) + 1;
}

const spec = specFrom(readFileSync(file, "utf8"), readFileSync(path.join(dir!, "model.yaml"), "utf8"));
const result = runScenario(spec, {
  onProgress: (simTimeMs, horizonMs) => measure(simTimeMs, horizonMs !== undefined && simTimeMs >= horizonMs),
});
const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
const alive = new Map<number, number>();
for (const row of result.timeseries) if (row.serversAlive !== undefined) alive.set(Math.round(row.timeMs / DAY_MS), row.serversAlive);
const lastAlive = result.timeseries.filter((row) => row.serversAlive !== undefined).at(-1)?.serversAlive;
for (const p of points) p.serversAlive = Number.isInteger(p.day) ? alive.get(p.day) : lastAlive;
console.log(JSON.stringify({ wallSeconds, hosts: result.summary.scenario.hosts, creations: result.summary.requests.all.placed, rejectionRate: result.summary.requests.rejectionRate, maxRssMib: process.resourceUsage().maxRSS / 1024, days: points }));
