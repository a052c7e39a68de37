/** [min, max] of `values` by a loop (spreading 100,000 values into Math.min overflows the stack); [0, 1] when empty. */
export function extent(values: ReadonlyArray<number>): readonly [number, number] {
  if (values.length === 0) return [0, 1];
  let low = values[0]!;
  let high = low;
  for (const v of values) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  return [low, high];
}
