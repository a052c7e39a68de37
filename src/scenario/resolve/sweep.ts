/**
 * Resolves a scenario's `sweep:` section: checks each parameter path and its values against the model
 * and the policy registry, expands the grid, and builds one RunSpec per point (its own model when it
 * overrides ratios or host counts). Design-of-experiments files expand fully before any run (rule 12).
 */
import type { InputIssue } from "../load/input-issue.js";
import type { ModelOverrides } from "../schema/scenario.js";
import type { Sweep, SweepParameter } from "../schema/sweep.js";
import { findDuplicates } from "./duplicates.js";
import { metricPathProblem } from "./metric-paths.js";
import type { PolicyChecker } from "./resolve-scenario.js";
import type { ResolvedModel } from "./resolved-model.js";
import type { RunSpec, SweepMinimise, SweepSpec, SweepValue } from "./run-spec.js";
import { gridPoints, rangeValues } from "./sweep-grid.js";
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
  if (p.range !== undefined) {
    // Counted before expanding: a step of 1e-300 must not build a list of 1e300 values.
    const count = Math.floor((p.range.to - p.range.from) / p.range.step) + 1;
    if (!(count <= MAX_SWEEP_POINTS)) {
      report([...base, "range"], `the range has ${Number.isFinite(count) ? formatCount(count) : "more than 1e308"} values; a sweep has at most ${formatCount(MAX_SWEEP_POINTS)} points`);
      return [];
    }
    const values = rangeValues(p.range.from, p.range.to, p.range.step);
    if (values.length === 0) report([...base, "range"], `empty range: from ${p.range.from} is above to ${p.range.to}`);
    return values;
  }
  if (p.values!.length === 0) report([...base, "values"], "empty list of values");
  return [...p.values!];
}

/** Checks that every value fits the parameter's path; reports an unknown path with the valid ones. */
function checkValues(path: string, values: ReadonlyArray<SweepValue>, model: ResolvedModel, checkPolicy: PolicyChecker, base: Path, report: Report): void {
  const at = (k: number): Path => [...base, "values", k];
  const hostCount = HOST_COUNT_PATH.exec(path);
  if (path === "placement.policy") {
    values.forEach((v, k) => {
      const problem = typeof v === "string" ? checkPolicy(v) : `expected a policy name, got ${v}`;
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
  } else {
    report([...base, "path"], `unknown sweep parameter "${path}"; parameters: placement.policy, overrides.allocationRatios.<VCPU|MEMORY_MB|DISK_GB>, overrides.hostCount.<profile> (profiles: ${model.profiles.join(", ")})`);
  }
}

/** What `minimise` names: the host count (default), a numeric parameter, or a metric. */
function resolveMinimise(text: string | undefined, sweep: Sweep, model: ResolvedModel, windows: ReadonlyArray<string>, report: Report): SweepMinimise {
  if (text === undefined || text === "hosts") return { kind: "hosts" };
  const index = sweep.parameters.findIndex((p) => p.path === text);
  if (index >= 0) {
    if (text === "placement.policy") report(["sweep", "minimise"], "placement.policy has no order; minimise hosts, a numeric parameter or a metric");
    return { kind: "parameter", path: text, index };
  }
  if (metricPathProblem(text, model.zones.map((z) => z.id), windows) === undefined) return { kind: "metric", path: text };
  report(["sweep", "minimise"], `cannot minimise "${text}": give hosts, a sweep parameter path (${sweep.parameters.map((p) => p.path).join(", ")}) or a metric path such as utilisation.all.VCPU.capacity`);
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

/** The sweep of `base` (already resolved without it), or the issues of its section. */
export function resolveSweep(
  sweep: Sweep,
  base: RunSpec,
  baseOverrides: ModelOverrides,
  loadModelWith: ModelLoader,
  checkPolicy: PolicyChecker,
  report: Report,
): SweepSpec | undefined {
  let problems = 0;
  const counting: Report = (path, message) => {
    problems++;
    report(path, message);
  };
  const parameters = sweep.parameters.map((p, i) => {
    const at: Path = ["sweep", "parameters", i];
    const values = parameterValues(p, at, counting);
    checkValues(p.path, values, base.model, checkPolicy, at, counting);
    return { path: p.path, values };
  });
  for (const d of findDuplicates(parameters.map((p) => p.path))) counting(["sweep", "parameters", d.index, "path"], `duplicate sweep parameter "${d.id}" (first at sweep.parameters.${d.firstIndex})`);
  const minimise = resolveMinimise(sweep.minimise, sweep, base.model, (base.windows ?? []).map((w) => w.name), counting);
  const size = parameters.reduce((n, p) => n * p.values.length, 1);
  if (size > MAX_SWEEP_POINTS) counting(["sweep", "parameters"], `the grid has ${size} points; at most ${MAX_SWEEP_POINTS}`);
  if (problems > 0) return undefined;
  const paths = parameters.map((p) => p.path);
  const points = [];
  for (const [index, values] of gridPoints(parameters.map((p) => p.values)).entries()) {
    const model = loadModelWith(pointOverrides(baseOverrides, paths, values));
    if (!model.ok) {
      // An empty list: the loader placed every problem at the sweep values already.
      if (model.issues.length > 0) report(["sweep"], `point ${index + 1} (${describePoint(paths, values)}) gives a model with errors: ${model.issues.map((x) => x.message).join("; ")}`);
      return undefined;
    }
    const policyAt = paths.indexOf("placement.policy");
    const policy = policyAt >= 0 ? (values[policyAt] as string) : base.policy;
    points.push({ index, values, spec: { ...base, model: model.value, policy, warnings: model.value.warnings, variants: [], sweep: undefined } });
  }
  return { parameters, points, minimise, criterion: sweep.criterion ?? "mean" };
}

/** `path=value, path=value`: how a point is named in messages and reports. */
export function describePoint(paths: ReadonlyArray<string>, values: ReadonlyArray<SweepValue>): string {
  return paths.map((p, i) => `${p}=${values[i]}`).join(", ");
}
