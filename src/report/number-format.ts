/** Numbers in report files: integers as they are, others rounded to `decimals` so bytes are platform-stable. */
export const formatNumber = (x: number, decimals: number): string => {
  if (Number.isInteger(x)) return String(x);
  const scale = 10 ** decimals;
  return String(Math.round(x * scale) / scale);
};

/** A simulated time for people, days then a clock: `1d 13h 01m 46s`, `1h 20m 05.146s`, `0s`. */
export function clockTime(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const days = Math.floor(total / 86_400_000);
  const h = Math.floor((total % 86_400_000) / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const s = Math.floor((total % 60_000) / 1_000);
  const milli = total % 1_000;
  const sec = `${String(s).padStart(2, "0")}${milli === 0 ? "" : `.${String(milli).padStart(3, "0")}`}s`;
  const parts = days > 0 ? [`${days}d`, `${h}h`, `${String(m).padStart(2, "0")}m`, sec] : h > 0 ? [`${h}h`, `${String(m).padStart(2, "0")}m`, sec] : m > 0 ? [`${m}m`, sec] : [sec.replace(/^0(?=\d)/, "")];
  return parts.join(" ");
}

/** "1 host", "3 hosts": a count with its noun, plural when not 1. */
export const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;
