/**
 * Progress for long runs: one line on a TTY after the run has taken about a second, nothing otherwise
 * (a pipe, or --quiet). The bar covers the whole run plan (replications, variants and sweep points):
 * finished plan items plus the fraction of the one running in this thread (simulated time or arrivals
 * done), with the items count, an ETA and, for in-thread runs, events per second. The wall clock lives
 * only here (rule 4); nothing drawn reaches an output file.
 */
import { eraseLine, redrawLine, type TextStream } from "./terminal.js";

export interface ProgressSink {
  /** The run in this thread advanced (called by the runner). */
  update(simTimeMs: number, horizonMs: number | undefined, arrivals: number, arrivalsTarget: number | undefined, events: number): void;
  /** Another plan item finished; `done` counts all finished so far. */
  runDone(done: number): void;
  done(): void;
}

const SHOW_AFTER_MS = 1000;
const REDRAW_EVERY_MS = 100;
const WIDTH = 30;

/** The progress line: bar, percentage, items, ETA (once anything is done) and an optional rate. */
export function progressLine(label: string, fraction: number, done: number, total: number, elapsedMs: number, eventsPerS: number | undefined): string {
  const f = Math.min(1, Math.max(0, fraction));
  const filled = Math.round(f * WIDTH);
  const eta = f > 0 ? ` ETA ${formatDuration((elapsedMs * (1 - f)) / f)}` : "";
  const rate = eventsPerS === undefined ? "" : `  ${formatRate(eventsPerS)} events/s`;
  return `${label} [${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${(f * 100).toFixed(0).padStart(3)}%  ${done}/${total} runs${eta}${rate} `;
}

/** A progress sink for `label` over a plan of `total` runs; silent unless `stream` is a TTY and not `quiet`. */
export function makeProgress(label: string, stream: TextStream, quiet: boolean, total = 1): ProgressSink {
  const startedMs = Date.now();
  const enabled = !quiet && stream.isTTY === true;
  let lastDrawMs = 0;
  let drawn = false;
  let finished = 0;
  let current = 0;
  let eventsPerS: number | undefined;
  const draw = (force: boolean) => {
    const nowMs = Date.now();
    if (!enabled || nowMs - startedMs < SHOW_AFTER_MS || (!force && nowMs - lastDrawMs < REDRAW_EVERY_MS)) return;
    lastDrawMs = nowMs;
    redrawLine(stream, progressLine(label, (finished + current) / Math.max(1, total), finished, total, nowMs - startedMs, eventsPerS));
    drawn = true;
  };
  let runStartedMs = startedMs;
  return {
    update(simTimeMs, horizonMs, arrivals, arrivalsTarget, events) {
      if (!enabled) return;
      current = Math.min(1, Math.max(horizonMs ? simTimeMs / horizonMs : 0, arrivalsTarget ? arrivals / arrivalsTarget : 0));
      eventsPerS = events / Math.max(0.001, (Date.now() - runStartedMs) / 1000);
      draw(false);
    },
    runDone(done) {
      finished = done;
      current = 0;
      runStartedMs = Date.now();
      draw(true);
    },
    done() {
      if (drawn) eraseLine(stream);
    },
  };
}

const formatRate = (r: number): string => (r >= 1e6 ? `${(r / 1e6).toFixed(1)}M` : r >= 1e3 ? `${(r / 1e3).toFixed(0)}k` : r.toFixed(0));

/** `45s`, `3m05s`, `2h10m`. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}
