/**
 * Rewrites of Effect's JSON Schema output into what editors show well: a field's description (Effect
 * puts key annotations under `allOf: [{ description }]`) on the field itself; a check's fragment
 * (`allOf: [{ type: "string", pattern }]`) merged into its node, and a unit-checked string's
 * `anyOf: [string, number]` (numbers reach the parser only for its better message) dropped where the
 * check pins the type; a unit type's note appended to the field's description; and the marker of a
 * named choice replaced by the enum of its names.
 */
type Json = unknown;
type Node = Record<string, Json>;

export interface TidyOptions {
  /** The keyword whose value names a list in `names` (a named-choice marker from the Effect schemas). */
  readonly mark: string;
  /** The keyword whose value is a unit type's note, appended to the field's description. */
  readonly unitMark: string;
  readonly names: Readonly<Record<string, ReadonlyArray<string>>>;
}

const isNode = (v: Json): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

/** A tidied copy of `node`; never mutates it. */
export function tidyJsonSchema(node: Json, options: TidyOptions): Json {
  return strip(tidy(node, options), options.unitMark);
}

function tidy(node: Json, options: TidyOptions): Json {
  if (Array.isArray(node)) return node.map((n) => tidy(n, options));
  if (!isNode(node)) return node;
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) out[key] = tidy(value, options);
  const mark = out[options.mark];
  if (typeof mark === "string") {
    delete out[options.mark];
    const names = options.names[mark];
    if (names !== undefined) out["enum"] = [...names];
  }
  mergeAllOf(out);
  dropTypeUnion(out);
  const unit = out[options.unitMark];
  if (typeof unit === "string" && typeof out["description"] === "string") {
    delete out[options.unitMark];
    out["description"] = `${out["description"]} (${unit})`;
  }
  return out;
}

/**
 * Merges each `allOf` member into the node when none of its keywords is already there (a `type`
 * may replace a bare-type `anyOf`, which dropTypeUnion then removes); a description member is the
 * field's own text and always wins over its type's.
 */
function mergeAllOf(out: Node): void {
  const allOf = out["allOf"];
  if (!Array.isArray(allOf)) return;
  const rest = allOf.filter((part) => {
    if (!isNode(part)) return true;
    const keys = Object.keys(part);
    const onlyDescription = keys.length === 1 && keys[0] === "description";
    if (!onlyDescription && keys.some((k) => k in out && !(k === "type" && isBareTypeUnion(out["anyOf"])))) return true;
    Object.assign(out, part);
    return false;
  });
  if (rest.length === 0) delete out["allOf"];
  else out["allOf"] = rest;
}

const isBareTypeUnion = (anyOf: Json): boolean =>
  Array.isArray(anyOf) && anyOf.every((m) => isNode(m) && Object.keys(m).length === 1 && "type" in m);

/** `{ anyOf: [{ type }...], type: "string", pattern }` → `{ type: "string", pattern }`. */
function dropTypeUnion(out: Node): void {
  if (typeof out["type"] === "string" && isBareTypeUnion(out["anyOf"])) delete out["anyOf"];
}

/** Removes unit notes no field took (a unit type nested in an array or a record value). */
function strip(node: Json, unitMark: string): Json {
  if (Array.isArray(node)) return node.map((n) => strip(n, unitMark));
  if (!isNode(node)) return node;
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) if (key !== unitMark) out[key] = strip(value, unitMark);
  return out;
}
