/**
 * Parameter checks for distribution specs, as messages rather than exceptions, so the scenario loader
 * can report every problem of a file at once (rule 12). Samplers and moments assume a spec with no
 * issues.
 */
import { DISTRIBUTION_KINDS, type DistributionSpec } from "./distributions.js";
import { normalCdf } from "./special-functions.js";

/** Every problem with the spec's parameters, each as `kind: what is wrong; got value`; [] when valid. */
export function validateDistribution(spec: DistributionSpec): string[] {
  const issues: string[] = [];
  const check = (ok: boolean, message: string): void => {
    if (!ok) issues.push(`${spec.kind}: ${message}`);
  };
  const finite = (name: string, value: number): boolean => {
    check(Number.isFinite(value), `${name} must be a finite number; got ${String(value)}`);
    return Number.isFinite(value);
  };
  switch (spec.kind) {
    case "constant":
      finite("value", spec.value);
      break;
    case "uniform":
      if (finite("min", spec.min) && finite("max", spec.max)) check(spec.min <= spec.max, `min must be <= max; got min ${spec.min}, max ${spec.max}`);
      break;
    case "exponential":
      if (finite("mean", spec.mean)) check(spec.mean > 0, `mean must be > 0; got ${spec.mean}`);
      break;
    case "normal":
      checkNormal(spec, check, finite);
      break;
    case "lognormal":
      if (finite("mean", spec.mean)) check(spec.mean > 0, `mean must be > 0; got ${spec.mean}`);
      if (finite("sd", spec.sd)) check(spec.sd >= 0, `sd must be >= 0; got ${spec.sd}`);
      break;
    case "weibull":
    case "gamma":
      if (finite("shape", spec.shape)) check(spec.shape > 0, `shape must be > 0; got ${spec.shape}`);
      if (finite("scale", spec.scale)) check(spec.scale > 0, `scale must be > 0; got ${spec.scale}`);
      break;
    case "erlang":
      check(Number.isSafeInteger(spec.k) && spec.k >= 1, `k must be a positive integer; got ${String(spec.k)}`);
      if (finite("mean", spec.mean)) check(spec.mean > 0, `mean must be > 0; got ${spec.mean}`);
      break;
    case "choice":
      checkChoice(spec.values, spec.weights, check);
      break;
    case "empirical":
      check(spec.values.length > 0, "values must not be empty");
      spec.values.forEach((value, i) => finite(`values[${i}]`, value));
      break;
    default:
      issues.push(`unknown distribution kind ${JSON.stringify((spec as { kind?: unknown }).kind)}; expected one of ${DISTRIBUTION_KINDS.join(", ")}`);
  }
  return issues;
}

type Check = (ok: boolean, message: string) => void;

function checkNormal(
  spec: Extract<DistributionSpec, { kind: "normal" }>,
  check: Check,
  finite: (name: string, value: number) => boolean,
): void {
  const { mean, sd, min = -Infinity, max = Infinity } = spec;
  const parametersFinite = [finite("mean", mean), finite("sd", sd)].every(Boolean);
  const boundsOk = [spec.min === undefined || finite("min", min), spec.max === undefined || finite("max", max)].every(Boolean);
  if (parametersFinite) check(sd >= 0, `sd must be >= 0; got ${sd}`);
  if (!parametersFinite || !boundsOk || sd < 0) return;
  check(min <= max, `min must be <= max; got min ${min}, max ${max}`);
  if (min > max) return;
  if (sd === 0) {
    check(min <= mean && mean <= max, `with sd 0 the mean must lie in [min, max]; got mean ${mean}, [${min}, ${max}]`);
    return;
  }
  const alpha = (min - mean) / sd;
  const beta = (max - mean) / sd;
  const mass = alpha > 0 ? normalCdf(-alpha) - normalCdf(-beta) : normalCdf(beta) - normalCdf(alpha);
  check(mass > 0, `[min, max] = [${min}, ${max}] holds no probability for mean ${mean}, sd ${sd}; widen it or move the mean`);
}

function checkChoice(values: ReadonlyArray<number>, weights: ReadonlyArray<number>, check: Check): void {
  check(values.length > 0, "values must not be empty");
  check(values.length === weights.length, `values and weights must have the same length; got ${values.length} values, ${weights.length} weights`);
  values.forEach((value, i) => check(Number.isFinite(value), `values[${i}] must be a finite number; got ${String(value)}`));
  weights.forEach((weight, i) => check(Number.isFinite(weight) && weight > 0, `weights[${i}] must be a positive number; got ${String(weight)}`));
}
