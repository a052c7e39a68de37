/** Series colours, assigned by the series' position after sorting (d3's category10, fixed here). */
const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"] as const;

/** The colour of the `index`-th series; dashes tell series apart once the colours repeat. */
export function seriesStyle(index: number): { readonly colour: string; readonly dash: string } {
  const round = Math.floor(index / PALETTE.length);
  return { colour: PALETTE[index % PALETTE.length]!, dash: round === 0 ? "none" : `${2 + 2 * round},3` };
}
