/** Per-call latencies of an operation repeated n times, and their table row (reservation benches). */
import { median } from "./format.js";

/** Times `once(i)` for i < n, one call at a time: each call's ms and how many returned true. */
export function timedCalls(n: number, once: (i: number) => boolean): { perMs: number[]; ok: number } {
  const perMs: number[] = [];
  let ok = 0;
  for (let i = 0; i < n; i++) {
    const started = process.hrtime.bigint();
    if (once(i)) ok++;
    perMs.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return { perMs, ok };
}

/** label, calls, ok, mean, median and p99 ms, and whether the mean is under `targetMs`. */
export function latencyRow(label: string, perMs: number[], ok: number, targetMs: number): string[] {
  const mean = perMs.reduce((a, b) => a + b, 0) / perMs.length;
  const sorted = [...perMs].sort((a, b) => a - b);
  return [label, String(perMs.length), String(ok), mean.toFixed(3), median(perMs).toFixed(3), sorted[Math.floor(sorted.length * 0.99)]!.toFixed(3), mean < targetMs ? "met" : "MISSED"];
}
