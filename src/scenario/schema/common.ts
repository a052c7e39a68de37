/**
 * Building blocks shared by every file schema: identifiers, durations and rates with units, and the
 * distributions a planner writes. Data only (rule 12): no simulator code beyond the kernel's unit parsers.
 */
import { Schema } from "effect";
import { DURATION_PATTERN, parseDurationMs, parseRatePerHour, RATE_PATTERN } from "../../kernel/index.js";
import { atMost, formatCount, MAX_FACTOR, MAX_HORIZON_MS, MAX_RATE_PER_HOUR } from "./limits.js";

const ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._:-]*$";

/** An identifier as it appears in files: letters, digits, '.', '_', '-', ':'; starts with a letter or digit. */
export const Id = Schema.String.check(
  Schema.makeFilter(
    (s: string) =>
      new RegExp(ID_PATTERN).test(s) ? undefined : `expected an identifier (letters, digits, '.', '_', '-', ':'), got ${JSON.stringify(s)}`,
    { toJsonSchema: () => ({ pattern: ID_PATTERN }) },
  ),
);

/**
 * The JSON Schema keyword marking a name resolved after decoding (a placement policy, filter or
 * weigher); json-schema/emit.ts replaces it with the enum of the names the registry knows.
 */
export const NAMES_MARK = "x-nfvtwin-names";

/**
 * The JSON Schema keyword carrying a unit type's note ("duration with a unit: 250ms, 30s ..."):
 * json-schema/tidy.ts appends it to the field's own description, so every field says its unit but
 * a field without a description of its own still counts as undescribed.
 */
export const UNIT_MARK = "x-nfvtwin-unit";

/** An identifier that must be one of the names of a registry (`what`), listed as an enum in the JSON Schema. */
export const NamedChoice = (what: "policy" | "filter" | "weigher") =>
  Id.check(Schema.makeFilter(() => undefined, { toJsonSchema: () => ({ [NAMES_MARK]: what }) }));

/** A required field with its description (the one text the JSON Schema and docs/ show). */
export const field = <S extends Schema.Top>(schema: S, description: string) => schema.annotateKey({ description });

/** An optional field (the key may be absent) with its description. */
export const optional = <S extends Schema.Top>(schema: S, description: string) => Schema.optionalKey(schema).annotateKey({ description });

/**
 * A string checked by a unit parser. Numbers are accepted by the type so that `horizon: 30` gets the
 * parser's helpful message ("expected a duration with a unit ...") rather than "Expected string".
 */
const withUnit = (parse: (text: string) => { ok: true } | { ok: false; error: string }, pattern: string, description: string) =>
  Schema.Union([Schema.String, Schema.Finite])
    .check(
      Schema.makeFilter(
        (v: string | number) => {
          const parsed = parse(String(v));
          return parsed.ok ? undefined : parsed.error;
        },
        { toJsonSchema: () => ({ type: "string", pattern, [UNIT_MARK]: description }) },
      ),
    );

/** A duration with a unit: `250ms`, `30s`, `5m`, `2h`, `7d`, `1h30m`. */
export const Duration = withUnit(parseDurationMs, DURATION_PATTERN, "duration with a unit: 250ms, 30s, 5m, 2h, 7d, 1h30m");

/** A rate with a time unit: `12/h`, `3.5/m`, `200/s`, `5/d`; at most 1,000,000/s. */
export const Rate = withUnit((text) => {
  const parsed = parseRatePerHour(text);
  if (!parsed.ok || parsed.value <= MAX_RATE_PER_HOUR) return parsed;
  return { ok: false, error: `at most ${formatCount(MAX_RATE_PER_HOUR / 3600)}/s (${formatCount(MAX_RATE_PER_HOUR)}/h); got ${JSON.stringify(text)}` };
}, RATE_PATTERN, "rate with a time unit: 12/h, 3.5/m, 200/s, 5/d; at most 1,000,000/s");

/** A run's horizon: a duration of at most 100 years. */
export const Horizon = withUnit((text) => {
  const parsed = parseDurationMs(text);
  if (!parsed.ok || parsed.value <= MAX_HORIZON_MS) return parsed;
  return { ok: false, error: `a horizon is at most 36500d (100 years); got ${JSON.stringify(text)}` };
}, DURATION_PATTERN, "duration with a unit, at most 36500d (100 years)");

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
const kindField = <const K extends string>(kind: K) => field(Schema.Literal(kind), `distribution kind: ${kind}`);

export const DurationDistribution = kindUnion(
  "distribution",
  ["constant", "uniform", "exponential", "normal", "lognormal", "weibull", "gamma", "erlang", "choice", "empirical"],
  [
    Schema.Struct({ kind: kindField("constant"), value: field(Duration, "the one value every draw takes") }),
    Schema.Struct({ kind: kindField("uniform"), min: field(Duration, "smallest value"), max: field(Duration, "largest value") }),
    Schema.Struct({ kind: kindField("exponential"), mean: field(Duration, "mean (1 / rate)") }),
    Schema.Struct({
      kind: kindField("normal"),
      mean: field(Duration, "mean"),
      sd: field(Duration, "standard deviation"),
      min: optional(Duration, "lower end: the normal is truncated to [min, max] (durations are truncated at 0 anyway)"),
      max: optional(Duration, "upper end of the truncated normal"),
    }),
    Schema.Struct({ kind: kindField("lognormal"), mean: field(Duration, "mean of the distribution (not of its logarithm)"), sd: field(Duration, "standard deviation of the distribution (not of its logarithm)") }),
    Schema.Struct({ kind: kindField("weibull"), shape: field(PositiveNumber, "shape k, a plain number (1 = exponential)"), scale: field(Duration, "scale λ") }),
    Schema.Struct({ kind: kindField("gamma"), shape: field(PositiveNumber, "shape k, a plain number"), scale: field(Duration, "scale θ (mean = shape × scale)") }),
    Schema.Struct({ kind: kindField("erlang"), k: field(PositiveInt, "number of exponential phases, a whole number"), mean: field(Duration, "mean of the sum of the k phases") }),
    Schema.Struct({
      kind: kindField("choice"),
      values: field(Schema.NonEmptyArray(Duration), "the values a draw picks from"),
      weights: field(Schema.NonEmptyArray(PositiveFactor), "relative weight of each value, one per value (plain numbers)"),
    }),
    Schema.Struct({ kind: kindField("empirical"), values: field(Schema.NonEmptyArray(Duration), "observed values; a draw picks one uniformly") }),
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
  VCPU: optional(NonNegativeInt, "virtual CPUs, a count"),
  PCPU: optional(NonNegativeInt, "dedicated (pinned) physical CPUs, a count"),
  MEMORY_MB: optional(NonNegativeInt, "memory in MiB (32 GiB = 32768)"),
  DISK_GB: optional(NonNegativeInt, "disk in GiB"),
});
export type ResourceAmountsInput = typeof ResourceAmountsInput.Type;
