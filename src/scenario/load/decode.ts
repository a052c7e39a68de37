/**
 * Strict decoding of a parsed file against a file schema (rule 12): every unknown key is an error,
 * every issue is reported at once, each at the line and column it concerns.
 */
import { Cause, Exit, Schema, SchemaIssue } from "effect";
import { didYouMean } from "../../domain/index.js";
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
  const allowed = allowedKeysByPath(error.issue);
  const issues = formatter(error.issue).issues.map((i) => {
    const path = (i.path ?? []).map((k) => (typeof k === "object" && k !== null && "key" in k ? k.key : k)) as Array<
      string | number
    >;
    const unexpected = i.message.startsWith("Expected no excess property") || i.message.startsWith("Unexpected key");
    const message = unexpected ? unknownField(path, allowed) : i.message;
    return issueAt(source, path, message, { keyOf: unexpected });
  });
  return { ok: false, issues };
}


/** `unknown field "flavor"; did you mean "flavour"?` when a field of that object is close to the key. */
function unknownField(path: ReadonlyArray<string | number>, allowed: ReadonlyMap<string, ReadonlyArray<string>>): string {
  const key = String(path[path.length - 1]);
  const suggestion = didYouMean(key, allowed.get(JSON.stringify(path)) ?? []).trimEnd();
  return `unknown field "${key}"${suggestion === "" ? "" : `; ${suggestion}`}`;
}

/**
 * The declared keys of the object each unexpected key was found in, by the key's path (JSON text).
 * The formatter flattens issues and drops the schema, so the tree is walked here to keep it.
 */
function allowedKeysByPath(root: SchemaIssue.Issue): Map<string, ReadonlyArray<string>> {
  const out = new Map<string, ReadonlyArray<string>>();
  const walk = (node: unknown, path: ReadonlyArray<PropertyKey>): void => {
    if (typeof node !== "object" || node === null) return;
    const n = node as { _tag?: string; path?: ReadonlyArray<PropertyKey>; issue?: unknown; issues?: ReadonlyArray<unknown>; ast?: { propertySignatures?: ReadonlyArray<{ name: PropertyKey }> } };
    const here = n._tag === "Pointer" && n.path !== undefined ? [...path, ...n.path] : path;
    if (n._tag === "UnexpectedKey") {
      const names = (n.ast?.propertySignatures ?? []).map((p) => String(p.name));
      const known = out.get(JSON.stringify(here)) ?? [];
      out.set(JSON.stringify(here), [...known, ...names]);
    }
    walk(n.issue, here);
    for (const child of n.issues ?? []) walk(child, here);
  };
  walk(root, []);
  return out;
}
