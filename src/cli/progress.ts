/**
 * Progress for long runs: a one-line bar on a TTY after the run has taken about a second (simulated
 * time done / horizon and events per second), nothing otherwise. The wall clock lives only here.
 */
export interface ProgressSink {
  update(simTimeMs: number, horizonMs: number | undefined, arrivals: number, arrivalsTarget: number | undefined, events: number): void;
  done(): void;
}

const SHOW_AFTER_MS = 1000;
const REDRAW_EVERY_MS = 100;

/** A progress sink for `label`; silent unless `stream` is a TTY and not `quiet`. */
export function makeProgress(label: string, stream: NodeJS.WriteStream, quiet: boolean): ProgressSink {
  const startedMs = Date.now();
  let lastDrawMs = 0;
  let drawn = false;
  const enabled = !quiet && stream.isTTY === true;
  return {
    update(simTimeMs, horizonMs, arrivals, arrivalsTarget, events) {
      if (!enabled) return;
      const nowMs = Date.now();
      if (nowMs - startedMs < SHOW_AFTER_MS || nowMs - lastDrawMs < REDRAW_EVERY_MS) return;
      lastDrawMs = nowMs;
      const fraction = Math.min(
        1,
        Math.max(horizonMs ? simTimeMs / horizonMs : 0, arrivalsTarget ? arrivals / arrivalsTarget : 0),
      );
      const width = 30;
      const filled = Math.round(fraction * width);
      const rate = events / Math.max(0.001, (nowMs - startedMs) / 1000);
      const bar = `${"#".repeat(filled)}${"-".repeat(width - filled)}`;
      stream.write(`\r${label} [${bar}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${formatRate(rate)} events/s `);
      drawn = true;
    },
    done() {
      if (drawn) stream.write("\r\x1b[2K");
    },
  };
}

const formatRate = (r: number): string => (r >= 1e6 ? `${(r / 1e6).toFixed(1)}M` : r >= 1e3 ? `${(r / 1e3).toFixed(0)}k` : r.toFixed(0));
