/**
 * Strict decoding of a parsed file against a file schema (rule 12): every unknown key is an error,
 * every issue is reported at once, each at the line and column it concerns.
 */
import { Cause, Exit, Schema, SchemaIssue } from "effect";
import type { InputIssue } from "./input-issue.js";
import { issueAt, type YamlSource } from "./yaml-source.js";

const formatter = SchemaIssue.makeFormatterStandardSchemaV1();

/** Decodes `source.value` with `schema`; on failure returns positioned issues, never throws. */
export function decodeSource<T>(
  schema: Schema.Decoder<T>,
  source: YamlSource,
): { ok: true; value: T } | { ok: false; issues: InputIssue[] } {
  const exit = Schema.decodeUnknownExit(schema, { errors: "all", onExcessProperty: "error", reportInput: true })(source.value);
  if (Exit.isSuccess(exit)) return { ok: true, value: exit.value };
  const error = Cause.squash(exit.cause);
  if (!Schema.isSchemaError(error)) throw error;
  const issues = formatter(error.issue).issues.map((i) => {
    const path = (i.path ?? []).map((k) => (typeof k === "object" && k !== null && "key" in k ? k.key : k)) as Array<
      string | number
    >;
    const unexpected = i.message.startsWith("Expected no excess property") || i.message.startsWith("Unexpected key");
    const message = unexpected ? `unknown field "${String(path[path.length - 1])}"` : i.message;
    return issueAt(source, path, message, { keyOf: unexpected });
  });
  return { ok: false, issues };
}

