/**
 * Walks a JSON Schema's fields: every property of every object schema, with its dotted path
 * (`[]` for array items, `{}` for record values). The completeness test and the reference generator
 * both read fields through it, so they see the same set.
 */
type Node = Readonly<Record<string, unknown>>;

export interface SchemaField {
  readonly path: string;
  readonly name: string;
  readonly node: Node;
  readonly required: boolean;
  /** The object schema holding the field. */
  readonly parent: Node;
}

const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every field under `root`, depth first in property order; union members share their parent's path. */
export function schemaFields(root: unknown, path = ""): SchemaField[] {
  if (!isNode(root)) return [];
  const out: SchemaField[] = [];
  const properties = isNode(root["properties"]) ? root["properties"] : {};
  const required = Array.isArray(root["required"]) ? (root["required"] as string[]) : [];
  for (const [name, node] of Object.entries(properties)) {
    if (!isNode(node)) continue;
    const here = path === "" ? name : `${path}.${name}`;
    out.push({ path: here, name, node, required: required.includes(name), parent: root });
    out.push(...schemaFields(node, here));
  }
  for (const key of ["anyOf", "oneOf", "allOf", "prefixItems"]) {
    const members = root[key];
    if (Array.isArray(members)) for (const m of members) out.push(...schemaFields(m, key === "prefixItems" ? `${path}[]` : path));
  }
  if (isNode(root["items"])) out.push(...schemaFields(root["items"], `${path}[]`));
  if (isNode(root["additionalProperties"])) out.push(...schemaFields(root["additionalProperties"], `${path}.{}`));
  return out;
}

/** Paths of the fields without a description, sorted and unique. */
export function undescribedFields(root: unknown): string[] {
  const missing = schemaFields(root).filter((f) => typeof f.node["description"] !== "string" || f.node["description"] === "");
  return [...new Set(missing.map((f) => f.path))].sort();
}
