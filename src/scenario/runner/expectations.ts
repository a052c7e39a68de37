/** Evaluates a scenario's expectations on a finished run's summary: which failed, and by how much. */
import type { ExpectationSpec } from "../resolve/run-spec.js";
import type { ExpectationOutcome, RunSummary } from "./run-result.js";

/** The number at `path` in `summary`; a missing map entry (no rejection of that kind) is 0. */
export function metricValue(summary: RunSummary, path: string): number {
  let node: unknown = summary;
  for (const part of path.split(".")) {
    if (node === null || typeof node !== "object") return 0;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "number" ? node : 0;
}

/** A number for messages: integers as they are, others to 6 significant digits without trailing zeros. */
export const show = (x: number): string => (Number.isInteger(x) ? String(x) : x.toPrecision(6).replace(/\.?0+$/, ""));

/** One outcome per expectation, in file order. */
export function evaluateExpectations(expectations: ReadonlyArray<ExpectationSpec>, summary: RunSummary): ExpectationOutcome[] {
  return evaluateWith(expectations, (path) => metricValue(summary, path), "");
}

/**
 * Warnings for expectations that give a confidence but are judged on one value (a single run has no
 * interval): they are checked on the value, and the reader is told so rather than failed.
 */
export function unjudgedConfidenceWarnings(expectations: ReadonlyArray<ExpectationSpec>): string[] {
  return expectations
    .filter((e) => e.confidence !== undefined)
    .map((e) => `expectation "${e.text}": a confidence needs replications (2 or more); judged on the single run's value`);
}

/** Outcomes with values from `valueOf` (e.g. means over replications); `label` prefixes the value. */
export function evaluateWith(expectations: ReadonlyArray<ExpectationSpec>, valueOf: (path: string) => number, label: string): ExpectationOutcome[] {
  return expectations.map((e) => {
    const value = valueOf(e.metric);
    const belowMin = e.min !== undefined && value < e.min;
    const aboveMax = e.max !== undefined && value > e.max;
    const passed = !belowMin && !aboveMax;
    const by = belowMin ? ` (${show(e.min! - value)} below the minimum)` : aboveMax ? ` (${show(value - e.max!)} above the maximum)` : "";
    return { text: `${e.text}: got ${label}${show(value)}${by}`, passed, metric: e.metric, value };
  });
}
