/**
 * Building blocks shared by every file schema: identifiers, durations and rates with units, and the
 * distributions a planner writes. Data only (rule 12): no simulator code beyond the kernel's unit parsers.
 */
import { Schema } from "effect";
import { parseDurationMs, parseRatePerHour } from "../../kernel/index.js";
import { atMost, formatCount, MAX_FACTOR, MAX_HORIZON_MS, MAX_RATE_PER_HOUR } from "./limits.js";

/** An identifier as it appears in files: letters, digits, '.', '_', '-', ':'; starts with a letter or digit. */
export const Id = Schema.String.check(
  Schema.makeFilter((s: string) =>
    /^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(s)
      ? undefined
      : `expected an identifier (letters, digits, '.', '_', '-', ':'), got ${JSON.stringify(s)}`,
  ),
).annotate({ description: "identifier: letters, digits, '.', '_', '-', ':'" });

/**
 * A string checked by a unit parser. Numbers are accepted by the type so that `horizon: 30` gets the
 * parser's helpful message ("expected a duration with a unit ...") rather than "Expected string".
 */
const withUnit = (parse: (text: string) => { ok: true } | { ok: false; error: string }, description: string) =>
  Schema.Union([Schema.String, Schema.Finite])
    .check(
      Schema.makeFilter((v: string | number) => {
        const parsed = parse(String(v));
        return parsed.ok ? undefined : parsed.error;
      }),
    )
    .annotate({ description });

/** A duration with a unit: `250ms`, `30s`, `5m`, `2h`, `7d`, `1h30m`. */
export const Duration = withUnit(parseDurationMs, "duration with a unit: 250ms, 30s, 5m, 2h, 7d, 1h30m");

/** A rate with a time unit: `12/h`, `3.5/m`, `200/s`, `5/d`; at most 1,000,000/s. */
export const Rate = withUnit((text) => {
  const parsed = parseRatePerHour(text);
  if (!parsed.ok || parsed.value <= MAX_RATE_PER_HOUR) return parsed;
  return { ok: false, error: `at most ${formatCount(MAX_RATE_PER_HOUR / 3600)}/s (${formatCount(MAX_RATE_PER_HOUR)}/h); got ${JSON.stringify(text)}` };
}, "rate with a time unit: 12/h, 3.5/m, 200/s, 5/d; at most 1,000,000/s");

/** A run's horizon: a duration of at most 100 years. */
export const Horizon = withUnit((text) => {
  const parsed = parseDurationMs(text);
  if (!parsed.ok || parsed.value <= MAX_HORIZON_MS) return parsed;
  return { ok: false, error: `a horizon is at most 36500d (100 years); got ${JSON.stringify(text)}` };
}, "duration with a unit, at most 36500d (100 years)");

/** A relative weight or factor (flavour mix, choice weights, daily profile): finite, at most 1,000,000. */
export const Factor = Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0)).check(atMost(MAX_FACTOR, "(a relative factor)"));
export const PositiveFactor = Schema.Finite.check(Schema.isGreaterThan(0)).check(atMost(MAX_FACTOR, "(a relative weight)"));

export const PositiveNumber = Schema.Finite.check(Schema.isGreaterThan(0));
export const NonNegativeNumber = Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0));
export const PositiveInt = Schema.Int.check(Schema.isGreaterThan(0));
export const NonNegativeInt = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0));

const kindUnion = <const M extends ReadonlyArray<Schema.Top>>(what: string, kinds: ReadonlyArray<string>, members: M) =>
  Schema.Union(members).annotate({
    message: `unknown or missing ${what} kind; expected kind to be one of: ${kinds.join(", ")}`,
  });

/**
 * A distribution of durations (boot time, lifetime, time to repair): location and scale parameters
 * carry units, shape parameters are plain numbers.
 */
export const DurationDistribution = kindUnion(
  "distribution",
  ["constant", "uniform", "exponential", "normal", "lognormal", "weibull", "gamma", "erlang", "choice", "empirical"],
  [
    Schema.Struct({ kind: Schema.Literal("constant"), value: Duration }),
    Schema.Struct({ kind: Schema.Literal("uniform"), min: Duration, max: Duration }),
    Schema.Struct({ kind: Schema.Literal("exponential"), mean: Duration }),
    Schema.Struct({
      kind: Schema.Literal("normal"),
      mean: Duration,
      sd: Duration,
      min: Schema.optionalKey(Duration),
      max: Schema.optionalKey(Duration),
    }),
    Schema.Struct({ kind: Schema.Literal("lognormal"), mean: Duration, sd: Duration }),
    Schema.Struct({ kind: Schema.Literal("weibull"), shape: PositiveNumber, scale: Duration }),
    Schema.Struct({ kind: Schema.Literal("gamma"), shape: PositiveNumber, scale: Duration }),
    Schema.Struct({ kind: Schema.Literal("erlang"), k: PositiveInt, mean: Duration }),
    Schema.Struct({
      kind: Schema.Literal("choice"),
      values: Schema.NonEmptyArray(Duration),
      weights: Schema.NonEmptyArray(PositiveFactor),
    }),
    Schema.Struct({ kind: Schema.Literal("empirical"), values: Schema.NonEmptyArray(Duration) }),
  ],
);
export type DurationDistribution = typeof DurationDistribution.Type;

/** A duration, or a distribution of durations; a bare duration means a constant. */
export const DurationOrDistribution = Schema.Union([Duration, DurationDistribution]).annotate({
  message:
    'expected a duration such as "30s" or a distribution such as { kind: exponential, mean: 2h } ' +
    "(kinds: constant, uniform, exponential, normal, lognormal, weibull, gamma, erlang, choice, empirical)",
});
export type DurationOrDistribution = typeof DurationOrDistribution.Type;

/** Resource-class keyed amounts as written in files: whole units (Placement counts integers). */
export const ResourceAmountsInput = Schema.Struct({
  VCPU: Schema.optionalKey(NonNegativeInt),
  PCPU: Schema.optionalKey(NonNegativeInt),
  MEMORY_MB: Schema.optionalKey(NonNegativeInt),
  DISK_GB: Schema.optionalKey(NonNegativeInt),
});
export type ResourceAmountsInput = typeof ResourceAmountsInput.Type;
