/**
 * The charting toolkit: d3-node, loaded on demand. d3-node brings jsdom, whose import takes about half
 * a second, so it is not a static import of the report room: `nfvtwin --help` and `validate` would pay
 * it (cold-start target 0.4 s). Whoever writes reports awaits `loadChartKit()` once and passes the kit
 * to the (synchronous, pure) writers.
 */
import type { D3Node } from "d3-node";

export interface ChartKit {
  readonly D3Node: typeof D3Node;
}

/** Loads d3-node (Node caches the module: later calls are cheap). */
export async function loadChartKit(): Promise<ChartKit> {
  const module = await import("d3-node");
  return { D3Node: module.D3Node };
}
