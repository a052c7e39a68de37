/** Numbers in report files: integers as they are, others rounded to `decimals` so bytes are platform-stable. */
export const formatNumber = (x: number, decimals: number): string => {
  if (Number.isInteger(x)) return String(x);
  const scale = 10 ** decimals;
  return String(Math.round(x * scale) / scale);
};
