/**
 * A trace's statistics as a synthetic workload stream (the `workload:` section `nfvtwin fit` writes)
 * and a Markdown comparison of trace and fit: a daily arrival profile (hour-of-day factors, and
 * day-of-week factors when the trace spans a week), the lifetime distribution with the better
 * Kolmogorov–Smirnov distance (lognormal or Weibull, or the empirical quantiles when neither is
 * within KS_EMPIRICAL_ABOVE), the flavour mix, and the group sizes.
 */
import { exactFlavourId, sizeLabel, smallestFitting, type FlavourSize } from "../trace/index.js";
import { empiricalQuantile, fitLognormal, fitWeibull, quantile, type ParametricFit } from "./lifetime-fit.js";
import type { TraceStats } from "./trace-stats.js";

/** Above this KS distance neither parametric fit is used: the lifetimes are written as 100 quantiles. */
export const KS_EMPIRICAL_ABOVE = 0.1;

export interface FitOptions {
  /** What the trace is, for the comments and the report ("vmtable.csv (azure-v2)"). */
  readonly source: string;
  /** The model tenant the stream names. */
  readonly tenant: string;
  /** The model's flavours, smallest first (smallestFirst); undefined: exact-size flavour ids. */
  readonly flavours: ReadonlyArray<FlavourSize> | undefined;
}

export interface FittedWorkload {
  readonly yaml: string;
  readonly markdown: string;
  /** The lifetime chosen: lognormal, weibull, empirical, or none (no row has an end). */
  readonly lifetime: "lognormal" | "weibull" | "empirical" | "none";
  readonly ks: { readonly lognormal: number; readonly weibull: number } | undefined;
}

const r4 = (x: number): number => Math.round(x * 10_000) / 10_000;
const seconds = (x: number): string => `${Math.round(x * 1000) / 1000}s`;
const hours = (s: number): string => (s / 3600).toFixed(2);

/** The daily profile of `stats`: rate per hour, 24 hourly factors (mean 1), 7 weekly factors when ≥ 7 days. */
export function arrivalProfile(stats: TraceStats): { days: number; ratePerHour: number; hourly: number[]; weekly: number[] | undefined; profileError: number } {
  const days = Math.max(1, Math.ceil((Math.max(0, stats.lastS) + 1) / 86_400));
  const perHour = stats.creates / (days * 24);
  const byHour = Array.from({ length: 24 }, (_, h) => Array.from({ length: 7 }, (_, d) => stats.byHourOfWeek[d * 24 + h]!).reduce((a, b) => a + b, 0));
  const hourly = byHour.map((n) => (stats.creates === 0 ? 1 : r4((n * 24) / stats.creates)));
  const occurrences = Array.from({ length: 7 }, (_, d) => Math.floor(days / 7) + (d < days % 7 ? 1 : 0));
  const byDay = Array.from({ length: 7 }, (_, d) => stats.byHourOfWeek.slice(d * 24, d * 24 + 24).reduce((a, b) => a + b, 0));
  const weekly = days >= 7 && stats.creates > 0 ? byDay.map((n, d) => r4(n / occurrences[d]! / (stats.creates / days))) : undefined;
  // How far the separable profile (hour × day factors) is from the 168 observed cells, as a share of the rows.
  let off = 0;
  for (let d = 0; d < 7; d++) for (let h = 0; h < 24; h++) off += Math.abs(stats.byHourOfWeek[d * 24 + h]! - perHour * hourly[h]! * (weekly?.[d] ?? 1) * occurrences[d]!);
  return { days, ratePerHour: perHour, hourly, weekly, profileError: stats.creates === 0 ? 0 : off / stats.creates };
}

/** The flavour mix: flavour id → rows, and the sizes no flavour fits. */
function flavourMix(stats: TraceStats, flavours: ReadonlyArray<FlavourSize> | undefined): { mix: Map<string, number>; table: Array<[string, string, number]>; unmapped: number } {
  const mix = new Map<string, number>();
  const table: Array<[string, string, number]> = [];
  let unmapped = 0;
  for (const [, s] of [...stats.sizes.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const id = s.flavour ?? (flavours === undefined ? exactFlavourId(s.vcpus, s.ramMb) : smallestFitting(flavours, s.vcpus, s.ramMb)?.id);
    table.push([s.flavour === undefined ? sizeLabel(s.vcpus, s.ramMb) : `flavour ${s.flavour}`, id ?? "none", s.count]);
    if (id === undefined) unmapped += s.count;
    else mix.set(id, (mix.get(id) ?? 0) + s.count);
  }
  return { mix, table, unmapped };
}

function lifetimeYaml(fit: ParametricFit | undefined, sorted: Float64Array, empirical: boolean): string {
  if (sorted.length === 0 || fit === undefined) return "1d # the trace gives no ends: set a lifetime";
  if (empirical) return `{ kind: empirical, values: [${Array.from({ length: 100 }, (_, i) => seconds(empiricalQuantile(sorted, (i + 1) / 100))).join(", ")}] }`;
  if (fit.kind === "weibull") return `{ kind: weibull, shape: ${r4(fit.shape)}, scale: ${seconds(fit.scale)} }`;
  const mean = Math.exp(fit.mu + (fit.sigma * fit.sigma) / 2);
  return `{ kind: lognormal, mean: ${seconds(mean)}, sd: ${seconds(mean * Math.sqrt(Math.expm1(fit.sigma * fit.sigma)))} }`;
}

/** The fitted workload section and its comparison report. */
export function fitWorkload(stats: TraceStats, options: FitOptions): FittedWorkload {
  const profile = arrivalProfile(stats);
  const sorted = stats.sortedLifetimesS();
  const fits = sorted.length === 0 ? undefined : { lognormal: fitLognormal(sorted), weibull: fitWeibull(sorted) };
  const best = fits === undefined ? undefined : fits.lognormal.ks <= fits.weibull.ks ? fits.lognormal : fits.weibull;
  const empirical = best !== undefined && best.ks > KS_EMPIRICAL_ABOVE;
  const lifetime = best === undefined ? "none" : empirical ? "empirical" : best.kind;
  const { mix, table, unmapped } = flavourMix(stats, options.flavours);
  const total = [...mix.values()].reduce((a, b) => a + b, 0);
  const mixText = [...mix.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([id, n]) => `${id}: ${Math.max(0.0001, r4((n / total) * 100))}`).join(", ");
  const groups = stats.groupSizes();
  const yaml = [
    `# Fitted by nfvtwin fit from ${options.source}: ${stats.creates} creates over ${profile.days} day(s).`,
    fits === undefined ? "# Lifetime: no row has an end." : `# Lifetime KS distance: lognormal ${fits.lognormal.ks.toFixed(4)}, weibull ${fits.weibull.ks.toFixed(4)} -> ${lifetime} (${sorted.length} lifetimes, ${stats.openEnded} open-ended left out).`,
    `# Arrival profile: hour-of-day${profile.weekly === undefined ? "" : " x day-of-week"} factors; separable-profile error ${(profile.profileError * 100).toFixed(1)} % of the rows.`,
    ...(unmapped > 0 ? [`# ${unmapped} rows fit no flavour and are left out of the mix.`] : []),
    ...(options.flavours === undefined ? ["# Flavours are exact sizes (exact-<vcpus>c-<ram>mb): pass --model to map them to a model's flavours."] : []),
    ...(groups.length > 0 ? [`# Group sizes (rows per group: groups): ${groups.map((g) => `${g.size}: ${g.groups}`).join(", ")}.`] : []),
    "# Grow it with workload.rateMultiplier (e.g. 1.3), or sweep that path (docs/sweeps.md).",
    "workload:",
    "  rateMultiplier: 1",
    "  streams:",
    "    - id: fitted",
    `      tenant: ${options.tenant}`,
    `      arrivals: { kind: daily, rate: ${r4(profile.ratePerHour)}/h, hourly: [${profile.hourly.join(", ")}]${profile.weekly === undefined ? "" : `, weekly: [${profile.weekly.join(", ")}]`} }`,
    `      flavours: { ${mixText === "" ? "# none fits" : mixText} }`,
    `      lifetime: ${lifetimeYaml(best, sorted, empirical)}`,
    "",
  ].join("\n");
  return { yaml, markdown: fitMarkdown(stats, options, profile, sorted, fits, lifetime, table, groups), lifetime, ks: fits === undefined ? undefined : { lognormal: fits.lognormal.ks, weibull: fits.weibull.ks } };
}

function fitMarkdown(
  stats: TraceStats,
  options: FitOptions,
  profile: ReturnType<typeof arrivalProfile>,
  sorted: Float64Array,
  fits: { lognormal: ParametricFit; weibull: ParametricFit } | undefined,
  chosen: string,
  table: ReadonlyArray<[string, string, number]>,
  groups: ReadonlyArray<{ size: number; groups: number }>,
): string {
  const lines = [`# Fit of ${options.source}`, "", `${stats.creates} creates over ${profile.days} day(s); ${sorted.length} lifetimes (${stats.openEnded} open-ended left out).`, ""];
  lines.push("## Lifetime (hours)", "", "| | p10 | p50 | p90 | p99 | KS distance |", "|---|---:|---:|---:|---:|---:|");
  const ps = [0.1, 0.5, 0.9, 0.99];
  if (sorted.length > 0) lines.push(`| trace | ${ps.map((p) => hours(empiricalQuantile(sorted, p))).join(" | ")} | |`);
  for (const f of fits === undefined ? [] : [fits.lognormal, fits.weibull]) {
    lines.push(`| ${f.kind}${f.kind === chosen ? " (chosen)" : ""} | ${ps.map((p) => hours(quantile(f, p))).join(" | ")} | ${f.ks.toFixed(4)} |`);
  }
  lines.push("", `Chosen: ${chosen} (empirical quantiles when the better KS distance exceeds ${KS_EMPIRICAL_ABOVE}).`);
  lines.push("", "## Arrivals by hour of day", "", "| hour | trace rows | fitted factor |", "|---:|---:|---:|");
  for (let h = 0; h < 24; h++) lines.push(`| ${h} | ${Array.from({ length: 7 }, (_, d) => stats.byHourOfWeek[d * 24 + h]!).reduce((a, b) => a + b, 0)} | ${profile.hourly[h]} |`);
  if (profile.weekly !== undefined) {
    lines.push("", "## Arrivals by day of week (trace time 0 is a Monday)", "", "| day | trace rows | fitted factor |", "|---|---:|---:|");
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].forEach((name, d) => lines.push(`| ${name} | ${stats.byHourOfWeek.slice(d * 24, d * 24 + 24).reduce((a, b) => a + b, 0)} | ${profile.weekly![d]} |`));
  }
  lines.push("", `Mean rate ${r4(profile.ratePerHour)}/h; the hour × day profile misses the 168 observed cells by ${(profile.profileError * 100).toFixed(1)} % of the rows.`);
  lines.push("", "## Flavour mix", "", "| size in the trace | flavour | rows |", "|---|---|---:|");
  for (const [size, flavour, n] of table) lines.push(`| ${size} | ${flavour} | ${n} |`);
  if (groups.length > 0) {
    lines.push("", "## Group sizes", "", "| rows per group | groups |", "|---:|---:|");
    for (const g of groups) lines.push(`| ${g.size} | ${g.groups} |`);
  }
  return `${lines.join("\n")}\n`;
}
