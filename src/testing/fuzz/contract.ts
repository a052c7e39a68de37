/**
 * The contract every input must meet at the command line (issue 15, items 14 and 10): exit 0, 1 or 2
 * (validate: 0 or 2); no stack trace; every line of a refusal carries file:line:column; a refusal
 * writes nothing; `validate` and `run` agree (what validate accepts runs to exit 0 or 1, what it
 * refuses run refuses too); no control characters reach the terminal; and the reports of an accepted
 * run are well-formed, with no markup from the input left unescaped.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { CapturedCommand } from "../../cli/run-command.js";
import type { Execution } from "./executor.js";
import { MARKUP } from "./hostile.js";
import { xmlProblem } from "./xml-check.js";

export interface Violation {
  /** Which clause broke: a short stable name (violations are grouped by it). */
  readonly check: string;
  readonly detail: string;
}

export interface CaseRun {
  /** validate SCENARIO, [validate MODEL], run SCENARIO --out OUT, in this order. */
  readonly execution: Execution;
  readonly modelValidated: boolean;
  readonly outDir: string;
  /** The input files' bytes, searched for the hostile markup they planted. */
  readonly inputText: string;
}

const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m;
const POSITIONED = /^.+:\d+:\d+: /;
// C0 controls but tab and newline, DEL, C1 controls: they move the cursor, recolour or retitle a terminal.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

const firstLine = (text: string): string => text.split("\n").find((l) => l.trim() !== "")?.slice(0, 300) ?? "";

/** The clauses on one command's own output. */
function commandViolations(name: string, r: CapturedCommand, allowed: ReadonlyArray<number>): Violation[] {
  const out: Violation[] = [];
  if (!allowed.includes(r.exitCode)) out.push({ check: `${name}-exit-${r.exitCode}`, detail: firstLine(r.stderr) });
  const printed = `${r.stdout}\n${r.stderr}`;
  if (STACK_FRAME.test(printed)) out.push({ check: `${name}-stack-trace`, detail: STACK_FRAME.exec(printed)![0].trim() });
  if (r.exitCode === 2) {
    const unplaced = r.stderr.split("\n").filter((l) => l.trim() !== "" && !POSITIONED.test(l));
    if (unplaced.length > 0) out.push({ check: `${name}-refusal-without-position`, detail: unplaced[0]!.slice(0, 300) });
  }
  const control = CONTROL.exec(printed);
  if (control !== null) out.push({ check: `${name}-control-character`, detail: `U+${control[0].charCodeAt(0).toString(16).padStart(4, "0")} in ${JSON.stringify(printed.slice(Math.max(0, control.index - 40), control.index + 20))}` });
  return out;
}

/** Every file below `dir`, relative to it. */
function filesBelow(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

/** The clauses on the report folder of an accepted run. */
function reportViolations(run: CaseRun): Violation[] {
  if (!existsSync(run.outDir)) return [{ check: "run-accepted-wrote-nothing", detail: run.outDir }];
  const folders = readdirSync(run.outDir);
  if (folders.length !== 1 || !statSync(join(run.outDir, folders[0]!)).isDirectory()) return [{ check: "run-output-not-one-folder", detail: JSON.stringify(folders.slice(0, 5)) }];
  const dir = join(run.outDir, folders[0]!);
  const files = filesBelow(dir);
  const out: Violation[] = [];
  const planted = MARKUP.filter((m) => run.inputText.includes(m));
  for (const file of files) {
    const text = readFileSync(join(dir, file), "utf8");
    if (file.endsWith(".json") && !file.endsWith(".jsonl")) {
      try {
        JSON.parse(text);
      } catch (e) {
        out.push({ check: "report-json-malformed", detail: `${file}: ${(e as Error).message}` });
      }
    }
    if (file.endsWith(".xml")) {
      const problem = xmlProblem(text);
      if (problem !== undefined) out.push({ check: "report-xml-malformed", detail: `${file}: ${problem}` });
    }
    if (file.endsWith(".html") || file.endsWith(".md")) {
      for (const m of planted) if (text.includes(m)) out.push({ check: `report-${file.endsWith(".md") ? "md" : "html"}-unescaped-markup`, detail: `${file}: ${m}` });
    }
  }
  return out;
}

/** Every violation of the contract by one case (none: the case passed). */
export function caseViolations(run: CaseRun): Violation[] {
  const e = run.execution;
  if (e.kind === "timeout") return [{ check: "timeout", detail: "the case did not finish in time" }];
  if (e.kind === "crashed") return [{ check: "worker-crashed", detail: e.message }];
  const [validate, validateModel, execRun] = run.modelValidated ? [e.results[0]!, e.results[1], e.results[2]!] : [e.results[0]!, undefined, e.results[1]!];
  const out = [...commandViolations("validate", validate, [0, 2]), ...commandViolations("run", execRun, [0, 1, 2])];
  if (validateModel !== undefined) {
    out.push(...commandViolations("validate-model", validateModel, [0, 2]));
    if (validateModel.exitCode === 2 && validate.exitCode === 0) out.push({ check: "validate-accepts-scenario-of-refused-model", detail: firstLine(validateModel.stderr) });
  }
  if (validate.exitCode === 0 && execRun.exitCode === 2) out.push({ check: "validate-accepted-run-refused", detail: firstLine(execRun.stderr) });
  if (validate.exitCode === 2 && (execRun.exitCode === 0 || execRun.exitCode === 1)) out.push({ check: "validate-refused-run-accepted", detail: firstLine(validate.stderr) });
  if (execRun.exitCode === 2 && existsSync(run.outDir)) out.push({ check: "run-refused-but-wrote", detail: JSON.stringify(filesBelow(run.outDir).slice(0, 5)) });
  if (execRun.exitCode === 0 || execRun.exitCode === 1) out.push(...reportViolations(run));
  return out;
}
