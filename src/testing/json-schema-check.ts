/**
 * A structural JSON Schema checker for tests: the keywords the hand-written report schemas use
 * (type, const, pattern, minimum, maximum, required, properties, additionalProperties, items), each
 * violation as "path: message". Deliberately small; not a general validator.
 */
type Schema = Readonly<Record<string, unknown>>;

const typeOf = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : typeof value;

const matchesType = (value: unknown, type: unknown): boolean =>
  type === undefined || type === typeOf(value) || (type === "number" && typeOf(value) === "integer");

/** Every violation of `schema` by `value`, sorted; empty when it conforms. */
export function schemaViolations(value: unknown, schema: Schema, path = "$"): string[] {
  const out: string[] = [];
  if (!matchesType(value, schema["type"])) return [`${path}: expected ${String(schema["type"])}, got ${typeOf(value)}`];
  if ("const" in schema && value !== schema["const"]) out.push(`${path}: expected ${JSON.stringify(schema["const"])}`);
  if (typeof value === "string" && typeof schema["pattern"] === "string" && !new RegExp(schema["pattern"]).test(value)) out.push(`${path}: does not match ${schema["pattern"]}`);
  if (typeof value === "number" && typeof schema["minimum"] === "number" && value < schema["minimum"]) out.push(`${path}: below ${schema["minimum"]}`);
  if (typeof value === "number" && typeof schema["maximum"] === "number" && value > schema["maximum"]) out.push(`${path}: above ${schema["maximum"]}`);
  if (Array.isArray(value) && schema["items"] !== undefined) value.forEach((v, i) => out.push(...schemaViolations(v, schema["items"] as Schema, `${path}[${i}]`)));
  if (typeOf(value) === "object") out.push(...objectViolations(value as Record<string, unknown>, schema, path));
  return out.sort();
}

function objectViolations(value: Record<string, unknown>, schema: Schema, path: string): string[] {
  const out: string[] = [];
  const properties = (schema["properties"] ?? {}) as Record<string, Schema>;
  for (const key of (schema["required"] ?? []) as string[]) if (!(key in value)) out.push(`${path}: missing ${key}`);
  for (const [key, v] of Object.entries(value)) {
    const own = properties[key];
    const extra = schema["additionalProperties"];
    if (own !== undefined) out.push(...schemaViolations(v, own, `${path}.${key}`));
    else if (extra === false) out.push(`${path}: unexpected ${key}`);
    else if (extra !== undefined && extra !== true) out.push(...schemaViolations(v, extra as Schema, `${path}.${key}`));
  }
  return out;
}
