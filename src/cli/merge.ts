/**
 * `nfvtwin merge OUT SHARD_DIR...`: joins the shard.json files of `run --shard I/N` into the report
 * folders a single run writes, byte for byte. Every check comes first (same scenario file, inputs
 * digest, seed, options and plan; every shard exactly once; the scenario file unchanged since); any
 * failure is exit 2 with nothing written.
 */
import * as Effect from "effect/Effect";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { planRuns, type PlanOutcomeFold, type RunResult, type RunSpec } from "../scenario/index.js";
import { CommandFailure, EXIT_EXPECTATIONS_FAILED, EXIT_INVALID_INPUT } from "./exit-codes.js";
import { inputsDigest } from "./inputs-digest.js";
import { loadAllReady, withTrace } from "./load-all.js";
import { loadChartKit } from "../report/index.js";
import { announce, filesOf } from "./outcome-files.js";
import { refuseUnwritableReports } from "./output-guard.js";
import { asRunResult, decodeShardFile, type ShardFile } from "./shard-file.js";
import { shardPlanIndices } from "./shard.js";
import { writeOutputDir } from "./write-output.js";

interface Located {
  readonly path: string;
  readonly file: ShardFile;
}

/** shard.json in each folder itself, or in its sub-folders (one per scenario, as `run --out` writes them). */
function shardPaths(dirs: ReadonlyArray<string>, problems: string[]): string[] {
  const out: string[] = [];
  for (const dir of dirs) {
    const direct = join(dir, "shard.json");
    if (existsSync(direct)) {
      out.push(direct);
      continue;
    }
    const below = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(dir, e.name, "shard.json")).filter((p) => existsSync(p)).sort() : [];
    if (below.length === 0) problems.push(`nfvtwin merge: no shard.json in ${dir} (expected ${direct} or ${join(dir, "<scenario>", "shard.json")})`);
    out.push(...below);
  }
  return out;
}

const IDENTITY: ReadonlyArray<[string, (f: ShardFile) => string | number | boolean]> = [
  ["scenario file", (f) => f.scenario.file],
  ["seed", (f) => f.seed],
  ["replications", (f) => f.replications],
  ["trace", (f) => f.trace],
  ["shard count", (f) => f.shard.count],
  ["plan size", (f) => f.planSize],
  ["inputs digest", (f) => f.inputsDigest],
];

/** Why the shards of one scenario cannot be merged (empty when they can). */
export function groupProblems(name: string, group: ReadonlyArray<Located>): string[] {
  const problems: string[] = [];
  const first = group[0]!;
  for (const other of group.slice(1)) {
    // The first difference says it all (another seed also changes the digest).
    const differs = IDENTITY.find(([, get]) => get(other.file) !== get(first.file));
    if (differs !== undefined) {
      const [what, get] = differs;
      problems.push(`nfvtwin merge: ${name}: ${other.path} has ${what} ${get(other.file)} but ${first.path} has ${what} ${get(first.file)}; shards of different runs cannot be merged`);
    }
  }
  if (problems.length > 0) return problems;
  const count = first.file.shard.count;
  const seen = new Map<number, string>();
  for (const s of group) {
    const { index } = s.file.shard;
    const twice = seen.get(index);
    if (index < 1 || index > count) problems.push(`nfvtwin merge: ${name}: ${s.path} claims shard ${index}/${count}`);
    else if (twice !== undefined) problems.push(`nfvtwin merge: ${name}: shard ${index}/${count} given twice (${twice} and ${s.path})`);
    seen.set(index, s.path);
    const expected = shardPlanIndices(first.file.planSize, s.file.shard).join(",");
    if (s.file.runs.map((r) => r.planIndex).join(",") !== expected) problems.push(`nfvtwin merge: ${name}: ${s.path} does not hold the runs of shard ${index}/${count}`);
  }
  for (let i = 1; i <= count; i++) if (!seen.has(i)) problems.push(`nfvtwin merge: ${name}: shard ${i}/${count} is missing`);
  return problems;
}

/** The plan's results in plan order, from shards already checked to cover it exactly once. */
function resultsInPlanOrder(group: ReadonlyArray<Located>, planSize: number): RunResult[] {
  const results: RunResult[] = new Array(planSize);
  for (const s of group) for (const r of s.file.runs) results[r.planIndex] = asRunResult(r.result);
  return results;
}

/** Reloads the scenario the shards ran and checks it is unchanged; the plan's fold, or the problems. */
async function reload(name: string, group: ReadonlyArray<Located>): Promise<{ spec: RunSpec; fold: PlanOutcomeFold } | string[]> {
  const head = group[0]!.file;
  const specs = await loadAllReady([head.scenario.file], head.seed);
  if (specs instanceof CommandFailure) return [`nfvtwin merge: ${name}: the scenario file ${head.scenario.file} no longer loads:`, ...specs.lines];
  const spec = withTrace(specs[0]!, head.trace);
  const plan = planRuns(spec, head.replications);
  if (spec.name !== name || inputsDigest(plan.runs) !== head.inputsDigest) {
    return [`nfvtwin merge: ${name}: ${head.scenario.file} changed since its shards ran (inputs digest differs); run the shards again`];
  }
  return { spec, fold: plan.fold };
}

/** `nfvtwin merge`: check every shard, then write each scenario's folder as a single run would. */
export function mergeHandler(o: { out: string; shards: ReadonlyArray<string>; quiet: boolean }) {
  return Effect.gen(function* () {
    const problems: string[] = [];
    const groups = new Map<string, Located[]>();
    for (const path of shardPaths(o.shards, problems)) {
      const file = decodeShardFile(readFileSync(path, "utf8"));
      if (typeof file === "string") problems.push(`nfvtwin merge: ${path}: ${file}`);
      else groups.set(file.scenario.name, [...(groups.get(file.scenario.name) ?? []), { path, file }]);
    }
    const kit = yield* Effect.promise(() => loadChartKit());
    const ready: Array<{ spec: RunSpec; outcome: ReturnType<typeof filesOf> }> = [];
    for (const name of [...groups.keys()].sort()) {
      const group = groups.get(name)!;
      const groupIssues = groupProblems(name, group);
      const loaded = groupIssues.length === 0 ? yield* Effect.promise(() => reload(name, group)) : groupIssues;
      if (Array.isArray(loaded)) problems.push(...loaded);
      else ready.push({ spec: loaded.spec, outcome: filesOf(loaded.fold(resultsInPlanOrder(group, group[0]!.file.planSize)), kit) });
    }
    if (problems.length === 0) problems.push(...(refuseUnwritableReports(ready.map(({ spec }) => join(o.out, spec.name)), "output folder")?.lines ?? []));
    if (problems.length > 0) return yield* Effect.fail(new CommandFailure(EXIT_INVALID_INPUT, problems));
    let failed = 0;
    for (const { spec, outcome } of ready) {
      const dir = join(o.out, spec.name);
      writeOutputDir(dir, outcome.files);
      failed += yield* announce(spec, outcome, dir, o.quiet);
    }
    if (failed > 0) return yield* Effect.fail(new CommandFailure(EXIT_EXPECTATIONS_FAILED, [`nfvtwin: ${failed} expectation(s) failed`]));
  });
}
