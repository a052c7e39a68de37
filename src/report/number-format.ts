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

export { plural } from "../domain/index.js";

/** A share (0.0123) as a percentage with `digits` significant digits: `1.23 %`, `50 %`, `0 %`. */
export function formatPercent(share: number, digits = 3): string {
  if (share === 0 || !Number.isFinite(share)) return `${share === 0 ? 0 : share} %`;
  return `${String(Number((share * 100).toPrecision(digits)))} %`;
}

/** Metrics that are shares of a whole (rates of rejection, utilisations, shares, fractions): shown as percentages. */
export function isShareMetric(path: string): boolean {
  const leaf = path.slice(path.lastIndexOf(".") + 1);
  return /^(rejectionRate|successRate|availability)$|Utilisation$|Share|Fraction$/.test(leaf);
}

/**
 * A metric over replications for people: `1.23 % ± 0.41 %` for shares (`0.5 ± 0.02` for others);
 * a single run's value alone; `none in any replication` when every replication had 0.
 */
export function formatMeanInterval(m: { readonly n: number; readonly mean: number; readonly halfWidth95: number }, share: boolean): string {
  if (m.n > 1 && m.mean === 0 && m.halfWidth95 === 0) return "none in any replication";
  const show = (x: number, digits: number) => (share ? formatPercent(x, digits) : formatNumber(x, 9));
  return m.n > 1 ? `${show(m.mean, 3)} ± ${show(m.halfWidth95, 2)}` : show(m.mean, 3);
}

/** A share as a percentage with 2 decimals: `17.89 %` (report.md's and report.html's tables). */
export const percent = (share: number): string => `${(share * 100).toFixed(2)} %`;
