/**
 * JSON Schema documents of the file formats (`nfvtwin schema`), for editors: as strict as the loader
 * (no unknown keys, unit patterns, enums of named choices) with a description on every field, all
 * taken from the Effect schemas' annotations, so the schema, the loader and docs/ cannot drift.
 */
import { Schema } from "effect";
import { sortKeysDeep } from "../../metrics/index.js";
import { FILTERS, PREFABS, WEIGHERS } from "../../placement/index.js";
import { InfrastructureModel } from "../schema/model.js";
import { Scenario } from "../schema/scenario.js";
import { NAMES_MARK, UNIT_MARK } from "../schema/common.js";
import { tidyJsonSchema } from "./tidy.js";

/** The file kinds (the value of a file's `kind` field) and the schema each is decoded with. */
export const FILE_KINDS = [
  { kind: "Scenario", short: "scenario", schema: Scenario, title: "nfvtwin scenario file" },
  { kind: "InfrastructureModel", short: "model", schema: InfrastructureModel, title: "nfvtwin infrastructure model file" },
] as const;

/** Named choices resolved after decoding (placement/registry.ts), listed as enums for completion. */
const namedChoices = (): Record<string, ReadonlyArray<string>> => ({
  policy: PREFABS.map((p) => p.name).sort(),
  filter: [...FILTERS.keys()].sort(),
  weigher: [...WEIGHERS.keys()].sort(),
});

/** The strict draft 2020-12 JSON Schema of one file kind, as a plain object. */
export function fileJsonSchema(schema: Schema.Top, title: string): Record<string, unknown> {
  const doc = Schema.toJsonSchemaDocument(schema, { onExcessProperty: "error" }) as { schema: Record<string, unknown>; definitions?: Record<string, unknown> };
  const options = { mark: NAMES_MARK, unitMark: UNIT_MARK, names: namedChoices() };
  const body = tidyJsonSchema(doc.schema, options) as Record<string, unknown>;
  const defs = doc.definitions !== undefined && Object.keys(doc.definitions).length > 0 ? { $defs: tidyJsonSchema(doc.definitions, options) } : {};
  return { $schema: "https://json-schema.org/draft/2020-12/schema", title, ...body, ...defs };
}

/** The scenario and model schemas as JSON text with sorted keys (and both as one object). */
export function scenarioJsonSchemas(): { scenario: string; model: string; both: string } {
  const [scenarioKind, modelKind] = FILE_KINDS;
  const scenario = fileJsonSchema(scenarioKind.schema, scenarioKind.title);
  const model = fileJsonSchema(modelKind.schema, modelKind.title);
  const text = (v: unknown) => `${JSON.stringify(sortKeysDeep(v), null, 2)}\n`;
  return { scenario: text(scenario), model: text(model), both: text({ model, scenario }) };
}
