/** File distributions (durations with units) → kernel distribution specs in milliseconds. */
import { parseDurationMs, parseRatePerHour, type DistributionSpec } from "../../kernel/index.js";
import type { DurationOrDistribution } from "../schema/common.js";

/** Milliseconds of a duration already accepted by the schema. */
export const ms = (text: string | number): number => {
  const parsed = parseDurationMs(String(text));
  if (!parsed.ok) throw new Error(`duration accepted by the schema but not by the parser: ${text}`);
  return parsed.value;
};

/** Events per millisecond of a rate already accepted by the schema. */
export const perMs = (text: string | number): number => {
  const parsed = parseRatePerHour(String(text));
  if (!parsed.ok) throw new Error(`rate accepted by the schema but not by the parser: ${text}`);
  return parsed.value / 3_600_000;
};

/** The kernel spec of a file distribution; a bare duration is a constant. */
export function toDistributionSpec(d: DurationOrDistribution): DistributionSpec {
  if (typeof d !== "object") return { kind: "constant", value: ms(d) };
  switch (d.kind) {
    case "constant":
      return { kind: "constant", value: ms(d.value) };
    case "uniform":
      return { kind: "uniform", min: ms(d.min), max: ms(d.max) };
    case "exponential":
      return { kind: "exponential", mean: ms(d.mean) };
    case "normal": {
      const spec: { kind: "normal"; mean: number; sd: number; min?: number; max?: number } = { kind: "normal", mean: ms(d.mean), sd: ms(d.sd), min: 0 };
      if (d.min !== undefined) spec.min = ms(d.min);
      if (d.max !== undefined) spec.max = ms(d.max);
      return spec;
    }
    case "lognormal":
      return { kind: "lognormal", mean: ms(d.mean), sd: ms(d.sd) };
    case "weibull":
      return { kind: "weibull", shape: d.shape, scale: ms(d.scale) };
    case "gamma":
      return { kind: "gamma", shape: d.shape, scale: ms(d.scale) };
    case "erlang":
      return { kind: "erlang", k: d.k, mean: ms(d.mean) };
    case "choice":
      return { kind: "choice", values: d.values.map(ms), weights: [...d.weights] };
    case "empirical":
      return { kind: "empirical", values: d.values.map(ms) };
  }
}
