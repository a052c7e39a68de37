/**
 * Rewrites of Effect's JSON Schema output into what editors show well: a field's description (Effect
 * puts key annotations under `allOf: [{ description }]`) on the field itself; a unit-checked string's
 * `{ anyOf: [string, number] }` (numbers reach the parser only for its better message) dropped where
 * the check pins the type; a unit type's note appended to the field's description; and the marker of
 * a named choice replaced by the enum of its names.
 */
type Json = unknown;

export interface TidyOptions {
  /** The keyword whose value names a list in `names` (a named-choice marker from the Effect schemas). */
  readonly mark: string;
  /** The keyword whose value is a unit type's note, appended to the field's description. */
  readonly unitMark: string;
  readonly names: Readonly<Record<string, ReadonlyArray<string>>>;
}

/** A tidied copy of `node`; never mutates it. */
export function tidyJsonSchema(node: Json, options: TidyOptions): Json {
  if (Array.isArray(node)) return node.map((n) => tidyJsonSchema(n, options));
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(node)) out[key] = tidyJsonSchema(value, options);
  foldDescriptions(out);
  dropTypeUnion(out);
  const unit = out[options.unitMark];
  if (typeof unit === "string") {
    delete out[options.unitMark];
    if (typeof out["description"] === "string") out["description"] = `${out["description"]} (${unit})`;
  }
  const mark = out[options.mark];
  if (typeof mark === "string") {
    delete out[options.mark];
    const names = options.names[mark];
    if (names !== undefined) out["enum"] = [...names];
  }
  return out;
}

/** `allOf: [{ description }]` → `description`: where Effect puts a field's (key) annotation. */
function foldDescriptions(out: Record<string, Json>): void {
  const allOf = out["allOf"];
  if (!Array.isArray(allOf)) return;
  const rest = allOf.filter((part) => {
    const only = typeof part === "object" && part !== null && Object.keys(part).length === 1 && "description" in part;
    if (only) out["description"] = (part as { description: Json }).description;
    return !only;
  });
  if (rest.length === 0) delete out["allOf"];
  else out["allOf"] = rest;
}

/** `{ anyOf: [{ type }...], type: "string", pattern }` → `{ type: "string", pattern }`. */
function dropTypeUnion(out: Record<string, Json>): void {
  const anyOf = out["anyOf"];
  if (typeof out["type"] !== "string" || !Array.isArray(anyOf)) return;
  const bare = anyOf.every((m) => typeof m === "object" && m !== null && Object.keys(m).length === 1 && "type" in m);
  if (bare) delete out["anyOf"];
}
