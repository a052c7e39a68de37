/**
 * The whole path from a file name to a RunSpec: read, parse, decode strictly, load the referenced
 * model, resolve references. Any failure comes back as sorted, positioned issues.
 */
import { isAlias, isMap, isScalar, parseDocument } from "yaml";
import { resolveModel, type OverrideIssue } from "../resolve/resolve-model.js";
import type { ResolvedModel } from "../resolve/resolved-model.js";
import { resolveScenario, type PolicyChecker } from "../resolve/resolve-scenario.js";
import { findDuplicates } from "../resolve/duplicates.js";
import type { RunSpec, VariantSpec } from "../resolve/run-spec.js";
import { InfrastructureModel } from "../schema/model.js";
import { Scenario, type ModelOverrides, type Variant } from "../schema/scenario.js";
import { resolveSweep } from "../resolve/sweep.js";
import { mapTraceStreams } from "../resolve/traces.js";
import { sweepDocuments, sweepModelLoader } from "./sweep-loader.js";
import { formatCount, MAX_RUNS } from "../schema/limits.js";
import { formatInputIssue, sortInputIssues, type InputIssue } from "./input-issue.js";
import { loadYamlFile } from "./load-file.js";
import type { SourceReader } from "./source-reader.js";
import { issueAt, type YamlSource } from "./yaml-source.js";

export type LoadResult<T> = { ok: true; value: T } | { ok: false; issues: InputIssue[] };
type Path = Array<string | number>;

/** Loads and resolves an infrastructure model file; `overrideIssue` places problems an override causes. */
export function loadModel(reader: SourceReader, path: string, overrides: ModelOverrides = {}, overrideIssue?: OverrideIssue): LoadResult<ResolvedModel> {
  const loaded = loadYamlFile(reader, path, InfrastructureModel);
  if (!loaded.ok) return { ok: false, issues: sortInputIssues(loaded.issues) };
  const resolved = resolveModel(loaded.value, loaded.source, overrides, overrideIssue);
  return resolved.ok ? resolved : { ok: false, issues: sortInputIssues(resolved.issues) };
}

/** Loads a scenario file, its model, and resolves both into a RunSpec. */
export function loadScenario(
  reader: SourceReader,
  path: string,
  checkPolicy: PolicyChecker,
  seedOverride?: number,
): LoadResult<RunSpec> {
  const loaded = loadUnplaced(reader, path, checkPolicy, seedOverride);
  // Trace files are named relative to the scenario file; the runner opens them by these paths.
  return loaded.ok ? { ok: true, value: mapTraceStreams(loaded.value, (t) => ({ ...t, file: reader.resolve(path, t.file), display: reader.display(reader.resolve(path, t.file)) })) } : loaded;
}

function loadUnplaced(
  reader: SourceReader,
  path: string,
  checkPolicy: PolicyChecker,
  seedOverride?: number,
): LoadResult<RunSpec> {
  const loaded = loadYamlFile(reader, path, Scenario);
  if (!loaded.ok) return { ok: false, issues: sortInputIssues(loaded.issues) };
  const modelPath = reader.resolve(path, loaded.value.model);
  const overrides = loaded.value.overrides ?? {};
  const source = loaded.source;
  const model = loadModel(reader, modelPath, overrides, (field, key, message) => issueAt(source, ["overrides", field, key], message));
  if (!model.ok) {
    const ours = model.issues.filter((i) => i.file === source.file);
    const theirs = model.issues.filter((i) => i.file !== source.file);
    const at = issueAt(source, ["model"], `the model file ${reader.display(modelPath)} has errors (listed below)`);
    return { ok: false, issues: [...(theirs.length > 0 ? [at] : []), ...ours, ...theirs] };
  }
  const unknownProfiles = hostCountIssues(overrides, ["overrides"], model.value, loaded.source);
  if (unknownProfiles.length > 0) return { ok: false, issues: unknownProfiles };
  const resolved = resolveScenario(loaded.value, loaded.source, model.value, checkPolicy, seedOverride);
  if (!resolved.ok) return { ok: false, issues: sortInputIssues(resolved.issues) };
  const variants = resolveVariants(reader, modelPath, loaded.value.variants ?? [], resolved.value, overrides, loaded.source, checkPolicy);
  if (!variants.ok) return { ok: false, issues: sortInputIssues(variants.issues) };
  const sweep = loaded.value.sweep;
  const tooManyRuns = runsIssue(resolved.value.replications, variants.value.length, 0, source);
  if (tooManyRuns !== undefined) return { ok: false, issues: [tooManyRuns] };
  if (sweep === undefined) return { ok: true, value: { ...resolved.value, variants: variants.value } };
  const issues: InputIssue[] = [];
  const report = (p: Path, message: string) => issues.push(issueAt(loaded.source, p, message));
  if (variants.value.length > 0) issues.push(issueAt(loaded.source, ["sweep"], "a sweep cannot be combined with variants; sweep placement.policy or the overrides instead", { keyOf: true }));
  const loadModelWith = sweepModelLoader((o, at) => loadModel(reader, modelPath, o, at), sweep, source, issues);
  const documents = sweepDocuments(reader, modelPath, sweep, source, checkPolicy, seedOverride);
  const spec = resolveSweep(sweep, { base: resolved.value, baseOverrides: overrides, loadModelWith, checkPolicy, ...(documents === undefined ? {} : { documents }) }, report);
  const sweepRuns = spec === undefined ? undefined : runsIssue(resolved.value.replications, 0, spec.points.length, source);
  if (sweepRuns !== undefined) issues.push(sweepRuns);
  return issues.length > 0 || spec === undefined ? { ok: false, issues: sortInputIssues(issues) } : { ok: true, value: { ...resolved.value, sweep: spec } };
}

/** More than MAX_RUNS runs (replications × variants or sweep points) as an issue. */
function runsIssue(replications: number, variants: number, points: number, source: YamlSource): InputIssue | undefined {
  const runs = replications * Math.max(1, variants, points);
  if (runs <= MAX_RUNS) return undefined;
  const what = points > 0 ? `${formatCount(points)} sweep points` : `${formatCount(variants)} variants`;
  return issueAt(source, ["replications"], `${formatCount(replications)} replications × ${what} is ${formatCount(runs)} runs; at most ${formatCount(MAX_RUNS)} runs per scenario`);
}

/** Issues for hostCount overrides naming a profile the model does not define. */
function hostCountIssues(overrides: ModelOverrides, at: Array<string | number>, model: ResolvedModel, source: YamlSource): InputIssue[] {
  return Object.keys(overrides.hostCount ?? {})
    .filter((p) => !model.profiles.includes(p))
    .map((p) => issueAt(source, [...at, "hostCount", p], `unknown host profile "${p}"; defined profiles: ${model.profiles.join(", ")}`, { keyOf: true }));
}

/** A variant's overrides on top of the scenario's, class by class and profile by profile. */
const mergeOverrides = (base: ModelOverrides, over: ModelOverrides): ModelOverrides => ({
  allocationRatios: { ...base.allocationRatios, ...over.allocationRatios },
  hostCount: { ...base.hostCount, ...over.hostCount },
});

/** Each variant as its own RunSpec: the base with the variant's policy and (re-resolved) model. */
function resolveVariants(
  reader: SourceReader,
  modelPath: string,
  variants: ReadonlyArray<Variant>,
  base: RunSpec,
  baseOverrides: ModelOverrides,
  source: YamlSource,
  checkPolicy: PolicyChecker,
): LoadResult<VariantSpec[]> {
  const issues: InputIssue[] = [];
  const out: VariantSpec[] = [];
  for (const d of findDuplicates(variants.map((v) => v.name))) issues.push(issueAt(source, ["variants", d.index, "name"], `duplicate variant name "${d.id}"`));
  variants.forEach((v, i) => {
    const policy = v.placement?.policy ?? base.policy;
    const problem = v.placement === undefined ? undefined : checkPolicy(policy);
    if (problem !== undefined) issues.push(issueAt(source, ["variants", i, "placement", "policy"], problem));
    let model = base.model;
    if (v.overrides !== undefined) {
      const own = v.overrides;
      issues.push(...hostCountIssues(own, ["variants", i, "overrides"], base.model, source));
      const at: OverrideIssue = (field, key, message) =>
        issueAt(source, own[field]?.[key as "VCPU"] !== undefined ? ["variants", i, "overrides", field, key] : ["overrides", field, key], message);
      const loaded = loadModel(reader, modelPath, mergeOverrides(baseOverrides, own), at);
      const theirs = loaded.ok ? [] : loaded.issues.filter((x) => x.file !== source.file);
      if (loaded.ok) model = loaded.value;
      else issues.push(...loaded.issues.filter((x) => x.file === source.file));
      if (theirs.length > 0) issues.push(issueAt(source, ["variants", i, "overrides"], `the model with these overrides has errors: ${theirs.map(formatInputIssue).join("; ")}`));
    }
    out.push({ name: v.name, description: v.description ?? "", spec: { ...base, policy, model, warnings: model.warnings, variants: [] } });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: out };
}

/**
 * Which schema a file claims by its top-level `kind`, read without decoding the rest: from the parsed
 * document, as the loaders read it (`kind: &a Scenario`, `kind: Scenario # note` and flow style
 * included; aliases resolved one step, never expanded), else from a `kind:` line of a file too broken
 * to parse, so that its loader still reports where it breaks.
 */
export function fileKind(reader: SourceReader, path: string): "Scenario" | "InfrastructureModel" | undefined {
  const read = reader.read(path);
  if (!read.ok) return undefined;
  const doc = parseDocument(read.text, { uniqueKeys: false });
  const contents = doc.contents;
  if (isMap(contents)) {
    const pair = contents.items.find((p) => isScalar(p.key) && p.key.value === "kind");
    const node = isAlias(pair?.value) ? pair.value.resolve(doc) : pair?.value;
    const kind = isScalar(node) ? node.value : undefined;
    if (kind === "Scenario" || kind === "InfrastructureModel") return kind;
  }
  const match = /^kind:\s*["']?(Scenario|InfrastructureModel)["']?\s*$/m.exec(read.text);
  return match?.[1] as "Scenario" | "InfrastructureModel" | undefined;
}
