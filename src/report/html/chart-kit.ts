/**
 * The charting toolkit: d3-node, loaded on demand. d3-node brings jsdom, whose import takes about half
 * a second, so it is not a static import of the report room: `nfvtwin --help` and `validate` would pay
 * it (cold-start target 0.4 s). Whoever writes reports awaits `loadChartKit()` once and passes the kit
 * to the (synchronous, pure) writers.
 *
 * Each chart draws on a fresh D3Node (a jsdom window of its own): about 8 ms each, 55 ms for the
 * first of a process. `warm(n)` makes n of them ahead of time, for a caller with idle time (the
 * report thread, while the simulation runs), so that rendering at the end of a run does not pay for
 * them. A chart never sees a node another chart used: the bytes are the same either way.
 */
import type { D3Node } from "d3-node";

export interface ChartKit {
  /** A fresh D3Node for one chart (made ahead by `warm`, or now). */
  newNode(): D3Node;
  /** Makes nodes ahead until `count` wait unused. */
  warm(count: number): void;
}

/** Loads d3-node (Node caches the module: later calls are cheap). */
export async function loadChartKit(): Promise<ChartKit> {
  const module = await import("d3-node");
  const ready: D3Node[] = [];
  return {
    newNode: () => ready.pop() ?? new module.D3Node(),
    warm: (count) => {
      while (ready.length < count) ready.push(new module.D3Node());
    },
  };
}
