/**
 * The whole path from a file name to a RunSpec: read, parse, decode strictly, load the referenced
 * model, resolve references. Any failure comes back as sorted, positioned issues.
 */
import { isAlias, isMap, isScalar, parseDocument } from "yaml";
import { resolveModel } from "../resolve/resolve-model.js";
import type { ResolvedModel } from "../resolve/resolved-model.js";
import { resolveScenario, type PolicyChecker } from "../resolve/resolve-scenario.js";
import { findDuplicates } from "../resolve/duplicates.js";
import type { RunSpec, VariantSpec } from "../resolve/run-spec.js";
import { InfrastructureModel } from "../schema/model.js";
import { Scenario, type ModelOverrides, type Variant } from "../schema/scenario.js";
import { resolveSweep } from "../resolve/sweep.js";
import { formatInputIssue, sortInputIssues, type InputIssue } from "./input-issue.js";
import { loadYamlFile } from "./load-file.js";
import type { SourceReader } from "./source-reader.js";
import { issueAt, type YamlSource } from "./yaml-source.js";

export type LoadResult<T> = { ok: true; value: T } | { ok: false; issues: InputIssue[] };

/** Loads and resolves an infrastructure model file. */
export function loadModel(reader: SourceReader, path: string, overrides: ModelOverrides = {}): LoadResult<ResolvedModel> {
  const loaded = loadYamlFile(reader, path, InfrastructureModel);
  if (!loaded.ok) return { ok: false, issues: sortInputIssues(loaded.issues) };
  const resolved = resolveModel(loaded.value, loaded.source, overrides);
  return resolved.ok ? resolved : { ok: false, issues: sortInputIssues(resolved.issues) };
}

/** Loads a scenario file, its model, and resolves both into a RunSpec. */
export function loadScenario(
  reader: SourceReader,
  path: string,
  checkPolicy: PolicyChecker,
  seedOverride?: number,
): LoadResult<RunSpec> {
  const loaded = loadYamlFile(reader, path, Scenario);
  if (!loaded.ok) return { ok: false, issues: sortInputIssues(loaded.issues) };
  const modelPath = reader.resolve(path, loaded.value.model);
  const overrides = loaded.value.overrides ?? {};
  const model = loadModel(reader, modelPath, overrides);
  if (!model.ok) {
    const at = issueAt(loaded.source, ["model"], `the model file ${reader.display(modelPath)} has errors (listed below)`);
    return { ok: false, issues: [at, ...model.issues] };
  }
  const unknownProfiles = hostCountIssues(overrides, ["overrides"], model.value, loaded.source);
  if (unknownProfiles.length > 0) return { ok: false, issues: unknownProfiles };
  const resolved = resolveScenario(loaded.value, loaded.source, model.value, checkPolicy, seedOverride);
  if (!resolved.ok) return { ok: false, issues: sortInputIssues(resolved.issues) };
  const variants = resolveVariants(reader, modelPath, loaded.value.variants ?? [], resolved.value, overrides, loaded.source, checkPolicy);
  if (!variants.ok) return { ok: false, issues: sortInputIssues(variants.issues) };
  const sweep = loaded.value.sweep;
  if (sweep === undefined) return { ok: true, value: { ...resolved.value, variants: variants.value } };
  const issues: InputIssue[] = [];
  const report = (p: Array<string | number>, message: string) => issues.push(issueAt(loaded.source, p, message));
  if (variants.value.length > 0) issues.push(issueAt(loaded.source, ["sweep"], "a sweep cannot be combined with variants; sweep placement.policy or the overrides instead", { keyOf: true }));
  const spec = resolveSweep(sweep, resolved.value, overrides, (o) => loadModel(reader, modelPath, o), checkPolicy, report);
  return issues.length > 0 || spec === undefined ? { ok: false, issues: sortInputIssues(issues) } : { ok: true, value: { ...resolved.value, sweep: spec } };
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
      issues.push(...hostCountIssues(v.overrides, ["variants", i, "overrides"], base.model, source));
      const loaded = loadModel(reader, modelPath, mergeOverrides(baseOverrides, v.overrides));
      if (loaded.ok) model = loaded.value;
      else issues.push(issueAt(source, ["variants", i, "overrides"], `the model with these overrides has errors: ${loaded.issues.map(formatInputIssue).join("; ")}`));
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
