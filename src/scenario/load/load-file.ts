/** Reads, parses and strictly decodes one YAML file against a schema, collecting positioned issues. */
import type { Schema } from "effect";
import { decodeSource } from "./decode.js";
import type { InputIssue } from "./input-issue.js";
import type { SourceReader } from "./source-reader.js";
import { parseYamlSource, type YamlSource } from "./yaml-source.js";

export type Loaded<T> = { ok: true; value: T; source: YamlSource } | { ok: false; issues: InputIssue[] };

/** Loads `path` with `schema`; a missing file or bad YAML is an issue at 1:1, never an exception. */
export function loadYamlFile<T>(reader: SourceReader, path: string, schema: Schema.Decoder<T>): Loaded<T> {
  const file = reader.display(path);
  const read = reader.read(path);
  if (!read.ok) return { ok: false, issues: [{ file, line: 1, column: 1, path: "", message: `cannot read file: ${read.message}`, severity: "error" }] };
  const parsed = parseYamlSource(file, read.text);
  if (parsed.source === undefined) return { ok: false, issues: parsed.issues };
  if (parsed.source.value === null || typeof parsed.source.value !== "object" || Array.isArray(parsed.source.value)) {
    return { ok: false, issues: [{ file, line: 1, column: 1, path: "", message: "expected a YAML mapping at the top level", severity: "error" }] };
  }
  const decoded = decodeSource(schema, parsed.source);
  return decoded.ok ? { ok: true, value: decoded.value, source: parsed.source } : decoded;
}
