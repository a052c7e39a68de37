/** Erlang-B blocking probability, the reference answer for a loss system of c servers and load A (Erlang). */
export function erlangB(servers: number, offeredLoadErlang: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offeredLoadErlang * b) / (k + offeredLoadErlang * b);
  return b;
}

/** Two-sided Student t quantiles at 99.9 % confidence, by degrees of freedom (1..30). */
const T_999: ReadonlyArray<number> = [
  636.62, 31.599, 12.924, 8.61, 6.869, 5.959, 5.408, 5.041, 4.781, 4.587, 4.437, 4.318, 4.221, 4.140, 4.073, 4.015, 3.965, 3.922,
  3.883, 3.850, 3.819, 3.792, 3.768, 3.745, 3.725, 3.707, 3.690, 3.674, 3.659, 3.646,
];

/** The 99.9 % two-sided t quantile for `df` degrees of freedom (1 ≤ df ≤ 30). */
export function tQuantile999(df: number): number {
  const t = T_999[df - 1];
  if (t === undefined) throw new Error(`tQuantile999: df ${df} outside 1..30`);
  return t;
}
