/**
 * Every trace a scenario replays (workload.traces and the pods of clusters' deployments), read once before anything runs: a file that cannot be opened is an
 * issue where the scenario names it, and each malformed row an issue at its own file:line (the first
 * MAX_ROW_ISSUES of them), so a run never stops half-written on a bad row. With `--skip-bad-rows` the
 * rows are not checked here: the run counts and skips them.
 */
import { TraceReader, type OpenLines } from "../../ingest/index.js";
import type { ResolvedModel } from "../resolve/resolved-model.js";
import type { RunSpec } from "../resolve/run-spec.js";
import type { TraceFileSpec } from "../resolve/traces.js";
import type { InputIssue } from "./input-issue.js";

export const MAX_ROW_ISSUES = 20;

/** The issues of every trace of `spec` (its variants and sweep points included), each file once per reading. */
export function checkTraces(spec: RunSpec, open: OpenLines): InputIssue[] {
  const all = [spec, ...spec.variants.map((v) => v.spec), ...(spec.sweep?.points ?? []).map((p) => p.spec)];
  const seen = new Set<string>();
  const issues: InputIssue[] = [];
  for (const s of all) {
    const podTraces = (s.clusters?.clusters ?? []).flatMap((c) => c.podTraces ?? []);
    for (const t of [...(s.traces ?? []), ...podTraces]) {
      const key = JSON.stringify([t.file, t.format, t.machineRamGb, t.machine, t.fromS, t.toS, t.aliveAtStart, t.tenants, t.skipBadRows]);
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push(...checkTrace(t, s.model, open));
    }
  }
  return issues;
}

function checkTrace(t: TraceFileSpec, model: ResolvedModel, open: OpenLines): InputIssue[] {
  const lines = open(t.file, t.format);
  if ("error" in lines) return [{ ...t.at, message: `cannot read the trace ${t.display}: ${lines.error}`, severity: "error" }];
  if (t.skipBadRows) {
    lines.close();
    return [];
  }
  const reader = new TraceReader(lines, { format: t.format, machineRamGb: t.machineRamGb, machine: t.machine, fromS: t.fromS, toS: t.toS, aliveAtStart: t.aliveAtStart, tenants: t.tenants, skipBadRows: false });
  const issues: InputIssue[] = [];
  const at = (line: number, message: string): InputIssue => ({ file: t.display, line, column: 1, path: "", message, severity: "error" });
  for (let step = reader.next(); step !== undefined; step = reader.next()) {
    if ("bad" in step) issues.push(at(step.line, step.bad));
    else if (step.event.kind === "create" && step.event.flavour !== undefined && !model.flavours.has(step.event.flavour)) issues.push(at(step.line, `unknown flavour "${step.event.flavour}"; defined flavours: ${[...model.flavours.keys()].sort().join(", ")}`));
    if (issues.length >= MAX_ROW_ISSUES) {
      lines.close();
      issues.push(at(step.line, `stopped after ${MAX_ROW_ISSUES} bad rows; fix them, or run with --skip-bad-rows to count and skip them`));
      break;
    }
  }
  return issues;
}
