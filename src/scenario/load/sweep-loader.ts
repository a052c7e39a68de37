/**
 * What resolving a sweep needs from the files: each point's model under its overrides, and for
 * field-path axes the parsed documents and how an edited pair of them resolves into a run. A problem
 * an override value causes is placed at that sweep value.
 */
import { resolveModel, type OverrideIssue } from "../resolve/resolve-model.js";
import { resolveScenario, type PolicyChecker } from "../resolve/resolve-scenario.js";
import type { ModelLoader } from "../resolve/sweep.js";
import type { SweepDocuments } from "../resolve/sweep-documents.js";
import { InfrastructureModel } from "../schema/model.js";
import { Scenario, type ModelOverrides } from "../schema/scenario.js";
import type { Sweep } from "../schema/sweep.js";
import { decodeSource } from "./decode.js";
import { formatInputIssue, sortInputIssues, type InputIssue } from "./input-issue.js";
import { loadYamlFile } from "./load-file.js";
import type { SourceReader } from "./source-reader.js";
import { issueAt, type YamlSource } from "./yaml-source.js";
import type { ResolvedModel } from "../resolve/resolved-model.js";

/** Places a problem an override of `o` causes at the sweep value that set it (else at the scenario's override). */
function overrideIssueAt(sweep: Sweep, source: YamlSource, o: ModelOverrides): OverrideIssue {
  return (field, key, message) => {
    const j = sweep.parameters.findIndex((p) => p.path === `overrides.${field}.${key}`);
    const p = sweep.parameters[j];
    if (p === undefined) return issueAt(source, ["overrides", field, key], message);
    const value = o[field]?.[key as "VCPU"];
    const k = p.values?.indexOf(value as number) ?? -1;
    return issueAt(source, k >= 0 ? ["sweep", "parameters", j, "values", k] : ["sweep", "parameters", j, "range"], message);
  };
}

/**
 * The model of each sweep point; a problem its override values cause is placed at the sweep value
 * (pushed to `issues`, so the point's own summary leaves it out).
 */
export function sweepModelLoader(
  loadModel: (overrides: ModelOverrides, at: OverrideIssue) => { ok: true; value: ResolvedModel } | { ok: false; issues: InputIssue[] },
  sweep: Sweep,
  source: YamlSource,
  issues: InputIssue[],
): ModelLoader {
  return (o) => {
    const loaded = loadModel(o, overrideIssueAt(sweep, source, o));
    if (loaded.ok) return loaded;
    for (const i of loaded.issues) if (i.file === source.file && !issues.some((x) => formatInputIssue(x) === formatInputIssue(i))) issues.push(i);
    return { ok: false, issues: loaded.issues.filter((i) => i.file !== source.file) };
  };
}

/** The documents field-path axes edit, and how a point's edited documents resolve (undefined: the model file cannot be read again). */
export function sweepDocuments(reader: SourceReader, modelPath: string, sweep: Sweep, source: YamlSource, checkPolicy: PolicyChecker, seedOverride: number | undefined): SweepDocuments | undefined {
  const model = loadYamlFile(reader, modelPath, InfrastructureModel);
  if (!model.ok) return undefined;
  const modelSource = model.source;
  return {
    scenario: source.value,
    scenarioFile: source.file,
    model: modelSource.value,
    modelFile: modelSource.file,
    resolvePoint: (docs) => {
      const m = decodeSource(InfrastructureModel, { ...modelSource, value: docs.model });
      if (!m.ok) return m;
      const resolvedModel = resolveModel(m.value, modelSource, docs.overrides, overrideIssueAt(sweep, source, docs.overrides));
      if (!resolvedModel.ok) return { ok: false, issues: sortInputIssues(resolvedModel.issues) };
      const s = decodeSource(Scenario, { ...source, value: docs.scenario });
      if (!s.ok) return s;
      const resolved = resolveScenario(s.value, source, resolvedModel.value, checkPolicy, seedOverride);
      return resolved.ok ? resolved : { ok: false, issues: sortInputIssues(resolved.issues) };
    },
  };
}
