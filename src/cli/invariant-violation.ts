/**
 * `run --check-invariants`: how a broken invariant ends the command. Exit 3 with a message naming the
 * invariant, the scenario, the seed and the event number, and the event log up to that event written
 * to `<out>/<scenario>.invariant-violation/events.jsonl` (the format `--trace` writes) with the
 * violation itself in violation.json, so the failure can be studied and replayed.
 */
import { join } from "node:path";
import { RunInvariantViolation, type RunSpec } from "../scenario/index.js";
import { CommandFailure, EXIT_INTERNAL_ERROR } from "./exit-codes.js";
import { internalFailure } from "./simulate.js";
import { writeOutputDir } from "./write-output.js";

/** `spec` with invariant mode on (every `every` events), or unchanged when `every` is undefined. */
export const withInvariantChecks = (spec: RunSpec, every: number | undefined): RunSpec =>
  every === undefined ? spec : { ...spec, output: { ...spec.output, checkInvariantsEvery: every } };

/** The folder the replay log of `scenario` goes to. */
export const violationDir = (out: string, scenario: string): string => join(out, `${scenario}.invariant-violation`);

/** Writes the violation's files (when it carries the log) and says what happened: exit 3. */
export function violationFailure(e: RunInvariantViolation, out: string): CommandFailure {
  const d = e.data;
  const lines = [`nfvtwin: invariant ${d.invariant} broken in scenario ${d.scenario} (seed ${d.seed}) at event ${d.eventNumber}: ${d.detail}`];
  if (d.eventsJsonl !== undefined) {
    const dir = violationDir(out, d.scenario);
    const { eventsJsonl, ...rest } = d;
    writeOutputDir(dir, new Map([["events.jsonl", eventsJsonl], ["violation.json", `${JSON.stringify(rest, null, 2)}\n`]]));
    lines.push(`nfvtwin: the event log up to event ${d.eventNumber} is in ${join(dir, "events.jsonl")}; rerun with --seed ${d.seed} to replay it`);
  }
  return new CommandFailure(EXIT_INTERNAL_ERROR, lines);
}

/** The error a run failed with, as the command's failure: a violation as above, anything else as an internal error. */
export function runFailure(e: unknown, spec: RunSpec, out: string): CommandFailure {
  return e instanceof RunInvariantViolation ? violationFailure(e, out) : internalFailure(spec, e);
}
