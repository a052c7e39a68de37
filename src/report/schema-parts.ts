/** The building blocks of summary.json's hand-written JSON Schema, shared by its section files. */
export type Schema = Readonly<Record<string, unknown>>;

export const num: Schema = { type: "number" };
export const int: Schema = { type: "integer", minimum: 0 };
export const str: Schema = { type: "string" };
export const share: Schema = { type: "number", minimum: 0, maximum: 1 };

/** An object with exactly these properties, all required. */
export const closed = (properties: Record<string, Schema>, description?: string): Schema => ({
  type: "object",
  ...(description === undefined ? {} : { description }),
  required: Object.keys(properties).sort(),
  additionalProperties: false,
  properties,
});

/** An object mapping free keys (zones, reasons, kinds) to values of one schema. */
export const mapOf = (values: Schema, description: string): Schema => ({ type: "object", description, additionalProperties: values });

/** count, mean, min, max and percentiles of a sample. */
export const distribution = closed({ count: int, mean: num, min: num, max: num, p50: num, p95: num, p99: num });
