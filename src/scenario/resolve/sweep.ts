/**
 * Resolves a scenario's `sweep:` section: checks each parameter path and its values against the model
 * and the policy registry, expands the grid, and builds one RunSpec per point (its own model when it
 * overrides ratios or host counts). Design-of-experiments files expand fully before any run (rule 12).
 */
import type { InputIssue } from "../load/input-issue.js";
import type { ModelOverrides } from "../schema/scenario.js";
import type { Sweep, SweepParameter } from "../schema/sweep.js";
import { findDuplicates } from "./duplicates.js";
import { metricPathProblem, metricScope, type MetricScope } from "./metric-paths.js";
import type { PolicyChecker } from "./resolve-scenario.js";
import type { ResolvedModel } from "./resolved-model.js";
import type { RunSpec, SweepMinimise, SweepPointSpec, SweepSpec, SweepValue } from "./run-spec.js";
import { describePoint, gridPoints, rangeValues, unitRangeValues } from "./sweep-grid.js";

export { describePoint };
import { documentPoints, type SweepDocuments } from "./sweep-documents.js";
import { locateSweepPath, sweepValueProblem, type DocumentAxis } from "./sweep-path.js";
import { formatCount } from "../schema/limits.js";

type Path = Array<string | number>;
type Report = (path: Path, message: string) => void;

/** More points than this is almost surely a typo in a range (and would not finish anyway). */
export const MAX_SWEEP_POINTS = 10_000;

const RATIO_PATH = /^overrides\.allocationRatios\.(VCPU|MEMORY_MB|DISK_GB)$/;
const HOST_COUNT_PATH = /^overrides\.hostCount\.(.+)$/;

/** The model of a point: the scenario's model file loaded with these overrides. */
export type ModelLoader = (overrides: ModelOverrides) => { ok: true; value: ResolvedModel } | { ok: false; issues: InputIssue[] };

/** The values of one parameter (a list, or a range expanded), reporting an empty or doubly given set. */
function parameterValues(p: SweepParameter, base: Path, report: Report): SweepValue[] {
  if ((p.values === undefined) === (p.range === undefined)) {
    report(base, "give either values (a list) or range ({ from, to, step })");
    return [];
  }
  if (p.range !== undefined) return rangeOf(p.range, [...base, "range"], report);
  if (p.values!.length === 0) report([...base, "values"], "empty list of values");
  return [...p.values!];
}

/** A range's values; with units (`10/h`) all three ends in one unit. */
function rangeOf(range: SweepParameter["range"] & object, at: Path, report: Report): SweepValue[] {
  const { from, to, step } = range;
  if (typeof from !== "number" || typeof to !== "number" || typeof step !== "number") {
    const values = unitRangeValues(from, to, step);
    if (typeof values === "string") report(at, values);
    else if (values.length === 0) report(at, `empty range: from ${from} is above to ${to}`);
    else if (values.length > MAX_SWEEP_POINTS) report(at, `the range has ${formatCount(values.length)} values; a sweep has at most ${formatCount(MAX_SWEEP_POINTS)} points`);
    return typeof values === "string" || values.length > MAX_SWEEP_POINTS ? [] : values;
  }
  // Counted before expanding: a step of 1e-300 must not build a list of 1e300 values.
  const count = Math.floor((to - from) / step) + 1;
  if (!(count <= MAX_SWEEP_POINTS)) {
    report(at, `the range has ${Number.isFinite(count) ? formatCount(count) : "more than 1e308"} values; a sweep has at most ${formatCount(MAX_SWEEP_POINTS)} points`);
    return [];
  }
  const values = rangeValues(from, to, step);
  if (values.length === 0) report(at, `empty range: from ${from} is above to ${to}`);
  return values;
}

/**
 * Checks that every value fits the parameter's path; reports an unknown path with the valid ones.
 * Returns the document axis a field path names (undefined for the override paths and on a problem).
 */
function checkValues(path: string, values: ReadonlyArray<SweepValue>, ctx: SweepContext, base: Path, report: Report): DocumentAxis | undefined {
  const at = (k: number): Path => [...base, "values", k];
  const model = ctx.base.model;
  const hostCount = HOST_COUNT_PATH.exec(path);
  if (path === "placement.policy") {
    values.forEach((v, k) => {
      const problem = typeof v === "string" ? ctx.checkPolicy(v) : `expected a policy name, got ${v}`;
      if (problem !== undefined) report(at(k), problem);
    });
  } else if (RATIO_PATH.test(path)) {
    values.forEach((v, k) => {
      if (typeof v !== "number" || v <= 0) report(at(k), `expected an allocation ratio above 0, got ${JSON.stringify(v)}`);
    });
  } else if (hostCount !== null && model.profiles.includes(hostCount[1]!)) {
    values.forEach((v, k) => {
      if (typeof v !== "number" || !Number.isInteger(v) || v < 1) report(at(k), `expected a host count (an integer of at least 1), got ${JSON.stringify(v)}`);
    });
  } else if (path.startsWith("overrides.") || path.startsWith("placement.") || ctx.documents === undefined) {
    report([...base, "path"], `unknown sweep parameter "${path}"; parameters: placement.policy, overrides.allocationRatios.<VCPU|MEMORY_MB|DISK_GB>, overrides.hostCount.<profile> (profiles: ${model.profiles.join(", ")})`);
  } else {
    const located = locateSweepPath(path, ctx.documents.scenario, ctx.documents.model);
    if (!located.ok) {
      report([...base, "path"], located.message);
      return undefined;
    }
    values.forEach((v, k) => {
      const problem = sweepValueProblem(located.axis.kind, v);
      if (problem !== undefined) report(at(k), `${problem} (${path} is a ${located.axis.kind})`);
    });
    return located.axis;
  }
  return undefined;
}

/** What `minimise` (or `maximise`) names: the host count (default), a numeric parameter, or a metric. */
function resolveMinimise(sweep: Sweep, scope: MetricScope, report: Report): SweepMinimise {
  const key = sweep.maximise !== undefined ? "maximise" : "minimise";
  const text = sweep.maximise ?? sweep.minimise;
  if (sweep.maximise !== undefined && sweep.minimise !== undefined) report(["sweep", "maximise"], "give minimise or maximise, not both");
  if (text === undefined || (text === "hosts" && key === "minimise")) return { kind: "hosts" };
  const index = sweep.parameters.findIndex((p) => p.path === text);
  if (index >= 0) {
    if (text === "placement.policy") report(["sweep", key], `placement.policy has no order; ${key} ${key === "minimise" ? "hosts, " : ""}a numeric parameter or a metric`);
    return { kind: "parameter", path: text, index };
  }
  if (metricPathProblem(text, scope) === undefined) return { kind: "metric", path: text };
  report(["sweep", key], `cannot ${key} "${text}": give ${key === "minimise" ? "hosts, " : ""}a sweep parameter path (${sweep.parameters.map((p) => p.path).join(", ")}) or a metric path such as utilisation.all.VCPU.capacity`);
  return { kind: "hosts" };
}

/** The overrides of one point: the scenario's, with the point's values on top. */
export function pointOverrides(base: ModelOverrides, paths: ReadonlyArray<string>, values: ReadonlyArray<SweepValue>): ModelOverrides {
  const allocationRatios: Record<string, number> = { ...base.allocationRatios };
  const hostCount: Record<string, number> = { ...base.hostCount };
  paths.forEach((path, i) => {
    const ratio = RATIO_PATH.exec(path);
    const count = HOST_COUNT_PATH.exec(path);
    if (ratio !== null) allocationRatios[ratio[1]!] = values[i] as number;
    if (count !== null) hostCount[count[1]!] = values[i] as number;
  });
  return { allocationRatios, hostCount };
}

/** What resolving a sweep needs besides its section: the base run, how to load a point's model or documents. */
export interface SweepContext {
  /** The scenario resolved without its sweep. */
  readonly base: RunSpec;
  readonly baseOverrides: ModelOverrides;
  readonly loadModelWith: ModelLoader;
  readonly checkPolicy: PolicyChecker;
  /** The documents field paths edit (absent: only the override paths and placement.policy are known). */
  readonly documents?: SweepDocuments;
}

/** The sweep of `ctx.base` (already resolved without it), or the issues of its section. */
export function resolveSweep(sweep: Sweep, ctx: SweepContext, report: Report): SweepSpec | undefined {
  let problems = 0;
  const counting: Report = (path, message) => {
    problems++;
    report(path, message);
  };
  const axes: Array<DocumentAxis | undefined> = [];
  const parameters = sweep.parameters.map((p, i) => {
    const at: Path = ["sweep", "parameters", i];
    const values = parameterValues(p, at, counting);
    axes.push(checkValues(p.path, values, ctx, at, counting));
    return { path: p.path, values };
  });
  for (const d of findDuplicates(parameters.map((p) => p.path))) counting(["sweep", "parameters", d.index, "path"], `duplicate sweep parameter "${d.id}" (first at sweep.parameters.${d.firstIndex})`);
  // The same names the scenario's expectations may use: its windows and clusters included.
  const scope = metricScope(ctx.base.model, (ctx.base.windows ?? []).map((w) => w.name), (ctx.base.clusters?.clusters ?? []).map((c) => c.spec.id));
  const minimise = resolveMinimise(sweep, scope, counting);
  const size = parameters.reduce((n, p) => n * p.values.length, 1);
  if (size > MAX_SWEEP_POINTS) counting(["sweep", "parameters"], `the grid has ${size} points; at most ${MAX_SWEEP_POINTS}`);
  if (problems > 0) return undefined;
  const paths = parameters.map((p) => p.path);
  const policyAt = paths.indexOf("placement.policy");
  const edits = {
    overridesOf: (values: ReadonlyArray<SweepValue>) => pointOverrides(ctx.baseOverrides, paths, values),
    policyOf: (values: ReadonlyArray<SweepValue>): RunSpec["policy"] => (policyAt >= 0 ? (values[policyAt] as string) : ctx.base.policy),
  };
  const points = ctx.documents !== undefined && axes.some((a) => a !== undefined) ? documentPoints(parameters, axes, ctx.documents, edits, report, sweep.parameters.map((p) => p.range !== undefined)) : overridePoints(parameters, ctx, report);
  if (points === undefined) return undefined;
  return {
    parameters,
    points,
    minimise,
    criterion: sweep.criterion,
    ...(sweep.maximise !== undefined ? { direction: "max" as const } : {}),
  };
}

type Parameters = SweepSpec["parameters"];

/** The points of a sweep over override paths and the policy only: the base run with each point's model. */
function overridePoints(parameters: Parameters, ctx: SweepContext, report: Report): SweepPointSpec[] | undefined {
  const paths = parameters.map((p) => p.path);
  const points: SweepPointSpec[] = [];
  for (const [index, values] of gridPoints(parameters.map((p) => p.values)).entries()) {
    const model = ctx.loadModelWith(pointOverrides(ctx.baseOverrides, paths, values));
    if (!model.ok) {
      // An empty list: the loader placed every problem at the sweep values already.
      if (model.issues.length > 0) report(["sweep"], `point ${index + 1} (${describePoint(paths, values)}) gives a model with errors: ${model.issues.map((x) => x.message).join("; ")}`);
      return undefined;
    }
    const policyAt = paths.indexOf("placement.policy");
    const policy = policyAt >= 0 ? (values[policyAt] as string) : ctx.base.policy;
    points.push({ index, values, spec: { ...ctx.base, model: model.value, policy, warnings: model.value.warnings, variants: [], sweep: undefined } });
  }
  return points;
}
