/**
 * A structural JSON Schema checker for tests: the keywords the report schemas and the file-format
 * schemas use (type, const, enum, pattern, minimum/maximum and their exclusive forms, maxLength,
 * required, properties, patternProperties, additionalProperties, minProperties, items, prefixItems,
 * minItems/maxItems, anyOf, oneOf, allOf), each violation as "path: message". Deliberately small; not
 * a general validator ($ref and formats are not followed).
 */
type Schema = Readonly<Record<string, unknown>>;

const typeOf = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : typeof value;

const matchesType = (value: unknown, type: unknown): boolean =>
  type === undefined || type === typeOf(value) || (type === "number" && typeOf(value) === "integer");

/** Every violation of `schema` by `value`, sorted; empty when it conforms. */
export function schemaViolations(value: unknown, schema: Schema, path = "$"): string[] {
  if (!matchesType(value, schema["type"])) return [`${path}: expected ${String(schema["type"])}, got ${typeOf(value)}`];
  const out = [...scalarViolations(value, schema, path), ...combinatorViolations(value, schema, path)];
  if (Array.isArray(value)) out.push(...arrayViolations(value, schema, path));
  if (typeOf(value) === "object") out.push(...objectViolations(value as Record<string, unknown>, schema, path));
  return out.sort();
}

function scalarViolations(value: unknown, schema: Schema, path: string): string[] {
  const out: string[] = [];
  const num = (k: string) => (typeof schema[k] === "number" ? (schema[k] as number) : undefined);
  if ("const" in schema && value !== schema["const"]) out.push(`${path}: expected ${JSON.stringify(schema["const"])}`);
  if (Array.isArray(schema["enum"]) && !schema["enum"].includes(value)) out.push(`${path}: ${JSON.stringify(value)} is not one of ${schema["enum"].join(", ")}`);
  if (typeof value === "string") {
    if (typeof schema["pattern"] === "string" && !new RegExp(schema["pattern"], "u").test(value)) out.push(`${path}: does not match ${schema["pattern"]}`);
    if (num("maxLength") !== undefined && [...value].length > num("maxLength")!) out.push(`${path}: longer than ${num("maxLength")}`);
  }
  if (typeof value === "number") {
    if (num("minimum") !== undefined && value < num("minimum")!) out.push(`${path}: below ${num("minimum")}`);
    if (num("maximum") !== undefined && value > num("maximum")!) out.push(`${path}: above ${num("maximum")}`);
    if (num("exclusiveMinimum") !== undefined && value <= num("exclusiveMinimum")!) out.push(`${path}: not above ${num("exclusiveMinimum")}`);
    if (num("exclusiveMaximum") !== undefined && value >= num("exclusiveMaximum")!) out.push(`${path}: not below ${num("exclusiveMaximum")}`);
  }
  return out;
}

function combinatorViolations(value: unknown, schema: Schema, path: string): string[] {
  const out: string[] = [];
  for (const part of (schema["allOf"] ?? []) as Schema[]) out.push(...schemaViolations(value, part, path));
  for (const key of ["anyOf", "oneOf"] as const) {
    const members = schema[key] as Schema[] | undefined;
    if (members === undefined) continue;
    const results = members.map((m) => schemaViolations(value, m, path));
    const passing = results.filter((r) => r.length === 0).length;
    if (passing === 0) out.push(`${path}: matches no member of ${key} (closest: ${closest(results).join("; ")})`);
    else if (key === "oneOf" && passing > 1) out.push(`${path}: matches ${passing} members of oneOf`);
  }
  return out;
}

const closest = (results: string[][]): string[] => [...results].sort((a, b) => a.length - b.length)[0] ?? [];

function arrayViolations(value: unknown[], schema: Schema, path: string): string[] {
  const out: string[] = [];
  const prefix = (schema["prefixItems"] ?? []) as Schema[];
  if (typeof schema["minItems"] === "number" && value.length < schema["minItems"]) out.push(`${path}: fewer than ${schema["minItems"]} items`);
  if (typeof schema["maxItems"] === "number" && value.length > schema["maxItems"]) out.push(`${path}: more than ${schema["maxItems"]} items`);
  value.forEach((v, i) => {
    const own = i < prefix.length ? prefix[i] : (schema["items"] as Schema | undefined);
    if (own !== undefined) out.push(...schemaViolations(v, own, `${path}[${i}]`));
  });
  return out;
}

function objectViolations(value: Record<string, unknown>, schema: Schema, path: string): string[] {
  const out: string[] = [];
  const properties = (schema["properties"] ?? {}) as Record<string, Schema>;
  const patterns = Object.entries((schema["patternProperties"] ?? {}) as Record<string, Schema>);
  for (const key of (schema["required"] ?? []) as string[]) if (!(key in value)) out.push(`${path}: missing ${key}`);
  if (typeof schema["minProperties"] === "number" && Object.keys(value).length < schema["minProperties"]) out.push(`${path}: fewer than ${schema["minProperties"]} properties`);
  for (const [key, v] of Object.entries(value)) {
    const own = properties[key];
    const byPattern = patterns.filter(([p]) => new RegExp(p, "u").test(key));
    const extra = schema["additionalProperties"];
    if (own !== undefined) out.push(...schemaViolations(v, own, `${path}.${key}`));
    for (const [, s] of byPattern) out.push(...schemaViolations(v, s, `${path}.${key}`));
    if (own !== undefined || byPattern.length > 0) continue;
    if (extra === false) out.push(`${path}: unexpected ${key}`);
    else if (extra !== undefined && extra !== true) out.push(...schemaViolations(v, extra as Schema, `${path}.${key}`));
  }
  return out;
}
