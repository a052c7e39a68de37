/**
 * The report thread: loads the chart kit (d3-node and jsdom, about 0.6 s) as soon as it starts, while
 * the main thread simulates, then renders each folded run plan it is sent into its report files.
 * Rendering is pure, so the bytes are those the main thread would write.
 */
import { parentPort } from "node:worker_threads";
import { loadChartKit, type ChartKit } from "../report/index.js";
import type { PlannedOutcome } from "../scenario/index.js";
import { filesOf } from "./outcome-files.js";

// The first charts' jsdom windows are made now too, while the main thread simulates (ChartKit.warm):
// four at once, then one at a time up to eight between messages, so a render asked for early does
// not wait for them (the erlang-loss report draws six charts; bench/README.md, "Costs ...").
const CHARTS_MADE_AHEAD = 4;
const CHARTS_KEPT_READY = 8;
const kit = loadChartKit().then((k) => {
  k.warm(CHARTS_MADE_AHEAD);
  warmLater(k, CHARTS_MADE_AHEAD + 1);
  return k;
});

function warmLater(k: ChartKit, count: number): void {
  if (count > CHARTS_KEPT_READY) return;
  setImmediate(() => {
    k.warm(count);
    warmLater(k, count + 1);
  });
}

parentPort?.on("message", (message: { id: number; outcome: PlannedOutcome }) => {
  kit
    .then((k) => {
      const o = filesOf(message.outcome, k);
      parentPort?.postMessage({ id: message.id, files: [...o.files], expectations: o.expectations, warnings: o.warnings, headline: o.headline });
    })
    .catch((e: unknown) => parentPort?.postMessage({ id: message.id, error: e instanceof Error ? e.message : String(e) }));
});
