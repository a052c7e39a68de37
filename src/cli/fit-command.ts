/**
 * `nfvtwin fit TRACE --format F`: one streamed pass over a trace, then the fitted workload section
 * (YAML, to --out or stdout) and its comparison report (Markdown, beside --out as <name>.md).
 */
import * as Effect from "effect/Effect";
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, extname } from "node:path";
import { fitWorkload, smallestFirst, TraceReader, TraceStats, type TraceFormatName } from "../ingest/index.js";
import { loadSqliteEngine, needsSqliteEngine, traceLines } from "../lib/index.js";
import { loadChartKit } from "../report/index.js";
import { fitCharts } from "./fit-charts.js";
import { formatInputIssue, loadModel, type InputIssue } from "../scenario/index.js";
import { printErr, printOut } from "./cli-io.js";
import { CommandFailure, EXIT_INVALID_INPUT } from "./exit-codes.js";
import { nodeReader } from "./node-reader.js";
import { writeFileAtomic } from "./write-output.js";

export interface FitCommandOptions {
  readonly trace: string;
  readonly format: TraceFormatName;
  readonly out: string | undefined;
  readonly model: string | undefined;
  readonly tenant: string;
  readonly machineRamGb: number | undefined;
  /** azure-packing: the machine whose fractions the sizes are (vCPUs and memory both needed). */
  readonly machineVcpus?: number | undefined;
  readonly machineMemoryGb?: number | undefined;
  readonly machineId?: number | undefined;
  readonly skipBadRows: boolean;
  readonly quiet: boolean;
}

const MAX_BAD_ROWS_SHOWN = 20;

/** Bad rows skipped per pass (--skip-bad-rows), for the summary line. */
const skipped = new WeakMap<TraceStats, number>();

/** The first line of each file fit writes: a file that starts otherwise is not replaced. */
const OWN_FILE = /^(# (Fitted by nfvtwin fit|Fit of) |<!-- Fitted by nfvtwin fit -->)/;

/** Exit 2 when an output exists and is not a file fit wrote, or cannot be written. */
function refuseTargets(paths: ReadonlyArray<string>): CommandFailure | undefined {
  const problems: string[] = [];
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const own = statSync(path).isFile() && OWN_FILE.test(readFileSync(path, "utf8").slice(0, 200));
    if (!own) problems.push(`nfvtwin: refusing to write ${path}: it exists and is not a file nfvtwin fit wrote; choose another --out or remove it`);
  }
  return problems.length > 0 ? new CommandFailure(EXIT_INVALID_INPUT, problems) : undefined;
}

/** Reads the trace once into statistics, or the bad rows as issues (file:line). */
function readStats(o: FitCommandOptions, display: string): TraceStats | CommandFailure {
  const lines = traceLines(o.trace, o.format);
  if ("error" in lines) return new CommandFailure(EXIT_INVALID_INPUT, [`nfvtwin: cannot read the trace ${display}: ${lines.error}`]);
  const machine = o.machineVcpus === undefined || o.machineMemoryGb === undefined ? undefined : { id: o.machineId, vcpus: o.machineVcpus, memoryGb: o.machineMemoryGb };
  const reader = new TraceReader(lines, { format: o.format, ...(o.machineRamGb === undefined ? {} : { machineRamGb: o.machineRamGb }), machine, fromS: 0, toS: undefined, tenants: undefined, skipBadRows: o.skipBadRows });
  const stats = new TraceStats(o.format === "huawei");
  const issues: InputIssue[] = [];
  for (let step = reader.next(); step !== undefined && issues.length < MAX_BAD_ROWS_SHOWN; step = reader.next()) {
    if ("bad" in step) issues.push({ file: display, line: step.line, column: 1, path: "", message: step.bad, severity: "error" });
    else stats.add(step.event);
  }
  lines.close();
  if (issues.length > 0) return new CommandFailure(EXIT_INVALID_INPUT, [...issues.map(formatInputIssue), "nfvtwin: fix the rows, or pass --skip-bad-rows to count and skip them"]);
  stats.finish();
  if (stats.creates === 0) return new CommandFailure(EXIT_INVALID_INPUT, [`nfvtwin: the trace ${display} has no create rows to fit`]);
  skipped.set(stats, reader.counts.badRows);
  return stats;
}

/** The model's flavours, smallest first, for the mix (--model), or the model's issues. */
function modelFlavours(path: string | undefined) {
  if (path === undefined) return undefined;
  const loaded = loadModel(nodeReader(process.cwd()), path);
  if (!loaded.ok) return new CommandFailure(EXIT_INVALID_INPUT, loaded.issues.map(formatInputIssue));
  return smallestFirst([...loaded.value.flavours.values()].map((f) => ({ id: f.id, vcpus: f.vcpus, ramMb: f.ramMb, diskGb: f.diskGb })));
}

export function fitHandler(o: FitCommandOptions) {
  return Effect.gen(function* () {
    const display = nodeReader(process.cwd()).display(o.trace);
    const flavours = modelFlavours(o.model);
    if (flavours instanceof CommandFailure) return yield* Effect.fail(flavours);
    if (needsSqliteEngine(o.format)) yield* Effect.promise(() => loadSqliteEngine());
    const stats = readStats(o, display);
    if (stats instanceof CommandFailure) return yield* Effect.fail(stats);
    const fitted = fitWorkload(stats, { source: `${basename(o.trace)} (${o.format})`, tenant: o.tenant, flavours });
    const ks = fitted.ks === undefined ? "no lifetimes" : `KS lognormal ${fitted.ks.lognormal.toFixed(4)}, weibull ${fitted.ks.weibull.toFixed(4)}`;
    const bad = skipped.get(stats) ?? 0;
    const summary = `fit ${display}: ${stats.creates} creates${bad > 0 ? `, ${bad} bad rows skipped` : ""}; lifetime ${fitted.lifetime} (${ks})`;
    if (o.out === undefined) {
      yield* printOut(fitted.yaml);
      if (!o.quiet) yield* printErr(`${summary}\n`);
      return;
    }
    const out = o.out;
    const base = out.slice(0, out.length - extname(out).length);
    const report = `${base}.md`;
    const kit = yield* Effect.promise(() => loadChartKit());
    const charts = [...fitCharts(kit, stats)].map(([suffix, svg]) => ({ path: `${base}${suffix}`, svg }));
    const refused = refuseTargets([out, report, ...charts.map((c) => c.path)]);
    if (refused !== undefined) return yield* Effect.fail(refused);
    const images = charts.map((c) => `![${basename(c.path)}](${basename(c.path)})`).join("\n\n");
    yield* Effect.sync(() => {
      writeFileAtomic(out, fitted.yaml);
      writeFileAtomic(report, `${fitted.markdown}\n## Charts\n\n${images}\n`);
      for (const c of charts) writeFileAtomic(c.path, c.svg);
    });
    if (!o.quiet) yield* printOut(`${summary} -> ${out}, ${report}\n`);
  });
}
