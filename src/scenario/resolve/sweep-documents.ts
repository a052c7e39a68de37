/**
 * The points of a sweep with field-path axes (sweep-path.ts): each point writes its values into copies
 * of the scenario and model documents, which are decoded and resolved again like hand-written files.
 * A point that does not resolve is an input error placed at the sweep value that made it invalid
 * (at the axis whose field the problem concerns), quoting the problem and where it arose.
 */
import { formatInputIssue, type InputIssue } from "../load/input-issue.js";
import type { ModelOverrides } from "../schema/scenario.js";
import type { RunSpec, SweepPointSpec, SweepSpec, SweepValue } from "./run-spec.js";
import { describePoint, gridPoints } from "./sweep-grid.js";
import { withValueAt, type DocumentAxis } from "./sweep-path.js";

type Path = Array<string | number>;
type Report = (path: Path, message: string) => void;

/** The plain documents field paths edit, and how a point's documents become its run. */
export interface SweepDocuments {
  /** The scenario file as parsed (before decoding), and its display name. */
  readonly scenario: unknown;
  readonly scenarioFile: string;
  /** The model file as parsed, and its display name. */
  readonly model: unknown;
  readonly modelFile: string;
  /** Decodes and resolves one point's documents (with its overrides); issues carry the files' positions. */
  readonly resolvePoint: (docs: { scenario: unknown; model: unknown; overrides: ModelOverrides }) => { ok: true; value: RunSpec } | { ok: false; issues: InputIssue[] };
}

/** The non-document parts of a point: its model overrides and its policy. */
export interface PointEdits {
  readonly overridesOf: (values: ReadonlyArray<SweepValue>) => ModelOverrides;
  readonly policyOf: (values: ReadonlyArray<SweepValue>) => RunSpec["policy"];
}

/** The axis an issue concerns: the first whose field is on the issue's path (either way), else the first field axis. */
function axisOf(issue: InputIssue, axes: ReadonlyArray<DocumentAxis | undefined>, docs: SweepDocuments): number {
  const on = (axis: DocumentAxis) =>
    issue.file === (axis.root === "model" ? docs.modelFile : docs.scenarioFile) &&
    axis.targets.some((t) => {
      const target = t.join(".");
      return issue.path === target || issue.path.startsWith(`${target}.`) || target.startsWith(`${issue.path}.`);
    });
  const hit = axes.findIndex((a) => a !== undefined && on(a));
  return hit >= 0 ? hit : axes.findIndex((a) => a !== undefined);
}

/** Where a parameter's value is written: its place in `values`, or the range it came from. */
function valuePath(j: number, parameters: SweepSpec["parameters"], value: SweepValue, fromRange: ReadonlyArray<boolean>): Path {
  const k = parameters[j]!.values.indexOf(value);
  return fromRange[j] ? ["sweep", "parameters", j, "range"] : ["sweep", "parameters", j, "values", k];
}

/**
 * Every point of the grid as its own run; undefined after reporting each invalid (axis, value) once,
 * at that value, with the first point it broke.
 */
export function documentPoints(
  parameters: SweepSpec["parameters"],
  axes: ReadonlyArray<DocumentAxis | undefined>,
  docs: SweepDocuments,
  edits: PointEdits,
  report: Report,
  fromRange: ReadonlyArray<boolean> = [],
): SweepPointSpec[] | undefined {
  const paths = parameters.map((p) => p.path);
  const points: SweepPointSpec[] = [];
  const reported = new Set<string>();
  for (const [index, values] of gridPoints(parameters.map((p) => p.values)).entries()) {
    let scenario = docs.scenario;
    let model = docs.model;
    axes.forEach((axis, j) => {
      if (axis?.root === "scenario") scenario = withValueAt(scenario, axis.targets, values[j]!);
      if (axis?.root === "model") model = withValueAt(model, axis.targets, values[j]!);
    });
    const resolved = docs.resolvePoint({ scenario, model, overrides: edits.overridesOf(values) });
    if (!resolved.ok) {
      for (const issue of resolved.issues) {
        if (issue.path.startsWith("sweep.parameters.")) {
          // Already placed at a sweep value (an override the model refuses).
          const key = `${issue.path}: ${issue.message}`;
          if (!reported.has(key)) report(issue.path.split(".").map((x) => (/^\d+$/.test(x) ? Number(x) : x)), issue.message);
          reported.add(key);
          continue;
        }
        const j = axisOf(issue, axes, docs);
        const key = `${j}/${String(values[j])}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const all = resolved.issues.filter((x) => !x.path.startsWith("sweep.parameters.") && axisOf(x, axes, docs) === j).map(formatInputIssue);
        report(valuePath(j, parameters, values[j]!, fromRange), `${paths[j]}=${values[j]} makes point ${index + 1} (${describePoint(paths, values)}) invalid: ${all.join("; ")}`);
      }
      continue;
    }
    points.push({ index, values, spec: { ...resolved.value, policy: edits.policyOf(values), variants: [], sweep: undefined } });
  }
  return reported.size > 0 ? undefined : points;
}
