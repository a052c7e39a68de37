/** JSON Schema documents of the file formats, for editor completion (`nfvtwin schema`). */
import { Schema } from "effect";
import { sortKeysDeep } from "../../metrics/index.js";
import { InfrastructureModel } from "./model.js";
import { Scenario } from "./scenario.js";


const document = (schema: Schema.Top, title: string): Record<string, unknown> => {
  const doc = Schema.toJsonSchemaDocument(schema) as { schema: Record<string, unknown>; definitions?: Record<string, unknown> };
  return { $schema: "https://json-schema.org/draft/2020-12/schema", title, ...doc.schema, ...(doc.definitions ? { $defs: doc.definitions } : {}) };
};

/** The scenario and model schemas as JSON text with sorted keys (and both as one object). */
export function scenarioJsonSchemas(): { scenario: string; model: string; both: string } {
  const scenario = document(Scenario, "nfvtwin scenario file");
  const model = document(InfrastructureModel, "nfvtwin infrastructure model file");
  const text = (v: unknown) => `${JSON.stringify(sortKeysDeep(v), null, 2)}\n`;
  return { scenario: text(scenario), model: text(model), both: text({ model, scenario }) };
}
