/** Reads, parses and strictly decodes one YAML file against a schema, collecting positioned issues. */
import type { Schema } from "effect";
import { decodeSource } from "./decode.js";
import type { InputIssue } from "./input-issue.js";
import type { SourceRead, SourceReader } from "./source-reader.js";
import { parseYamlSource, type YamlSource } from "./yaml-source.js";

export type Loaded<T> = { ok: true; value: T; source: YamlSource } | { ok: false; issues: InputIssue[] };

/** The issue for a file that could not be read: at its bad byte, or at 1:1 for an I/O reason. */
export function readFailureIssue(file: string, failure: Extract<SourceRead, { ok: false }>): InputIssue {
  const { line, column } = failure.at ?? { line: 1, column: 1 };
  const message = failure.at === undefined ? `cannot read file: ${failure.message}` : failure.message;
  return { file, line, column, path: "", message, severity: "error" };
}

/** Loads `path` with `schema`; a missing file or bad YAML is a positioned issue, never an exception. */
export function loadYamlFile<T>(reader: SourceReader, path: string, schema: Schema.Decoder<T>): Loaded<T> {
  const file = reader.display(path);
  const read = reader.read(path);
  if (!read.ok) return { ok: false, issues: [readFailureIssue(file, read)] };
  const parsed = parseYamlSource(file, read.text);
  if (parsed.source === undefined) return { ok: false, issues: parsed.issues };
  if (parsed.source.value === null || typeof parsed.source.value !== "object" || Array.isArray(parsed.source.value)) {
    return { ok: false, issues: [{ file, line: 1, column: 1, path: "", message: "expected a YAML mapping at the top level", severity: "error" }] };
  }
  const decoded = decodeSource(schema, parsed.source);
  return decoded.ok ? { ok: true, value: decoded.value, source: parsed.source } : decoded;
}
