/**
 * A YAML file parsed with its source positions kept, so any field path can be turned back into the
 * line and column where it was written (or where it is missing).
 */
import { Composer, isMap, isPair, isScalar, isSeq, LineCounter, YAMLParseError, type CST, type Document, type Node, type Pair, type YAMLError } from "yaml";
import type { InputIssue } from "./input-issue.js";
import { aliasProblems, parseTokens } from "./yaml-guards.js";

export interface YamlSource {
  readonly file: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  /** The plain JavaScript value of the document. */
  readonly value: unknown;
}

/** Parse options: YAML 1.2 core schema only (even under a `%YAML 1.1` directive), no merge keys. */
const options = { prettyErrors: false, uniqueKeys: true, merge: false, schema: "core", resolveKnownTags: false } as const;

/** Warnings of the yaml library that are errors here: a tag outside the core schema, or on the wrong kind of node. */
const TAG_WARNINGS: ReadonlySet<string> = new Set(["TAG_RESOLVE_FAILED", "BAD_COLLECTION_TYPE"]);

/**
 * Parses YAML text; syntax errors (including duplicate keys), tags outside the YAML 1.2 core schema,
 * undefined or cyclic aliases, alias bombs and nesting past the limit come back as issues with positions.
 */
export function parseYamlSource(file: string, text: string): { source?: YamlSource; issues: InputIssue[] } {
  const lines = new LineCounter();
  const issueAtOffset = (offset: number, path: ReadonlyArray<PathKey>, message: string): InputIssue => {
    const pos = lines.linePos(offset);
    return { file, line: pos.line, column: pos.col, path: path.join("."), message, severity: "error" };
  };
  const parsed = parseTokens(text, lines.addNewLine);
  if ("problem" in parsed) return { issues: [issueAtOffset(parsed.problem.offset, parsed.problem.path, parsed.problem.message)] };
  const doc = composeOne(parsed.tokens, text.length);
  const issues: InputIssue[] = [
    ...doc.errors.map((e) => issueAtOffset(e.pos[0], [], yamlErrorMessage(e))),
    ...doc.warnings.filter((w) => TAG_WARNINGS.has(w.code)).map((w) => issueAtOffset(w.pos[0], [], tagMessage(w.message))),
    ...aliasProblems(doc).map((p) => issueAtOffset(p.offset, p.path, p.message)),
  ];
  if (issues.length > 0) return { issues };
  // Aliases are checked above (defined, acyclic, bounded), so yaml's own coarser alias count is off.
  const value: unknown = doc.toJS({ maxAliasCount: -1 });
  return { source: { file, doc, lines, value }, issues };
}

/** The one document of `tokens` (as yaml's parseDocument: a second document is an error). */
function composeOne(tokens: ReadonlyArray<CST.Token>, length: number): Document.Parsed {
  let doc: Document.Parsed | undefined;
  for (const next of new Composer(options).compose(tokens, true, length)) {
    if (doc === undefined) doc = next;
    else {
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], "MULTIPLE_DOCS", "the file holds more than one YAML document"));
      break;
    }
  }
  // compose(..., forceDoc = true) yields at least one document, even for empty text.
  if (doc === undefined) throw new Error("yaml Composer yielded no document");
  return doc;
}

/** yaml's message, but never the engine's raw stack-overflow text. */
function yamlErrorMessage(e: YAMLError): string {
  return e.code === "RESOURCE_EXHAUSTION" ? "the document is too large or too deeply nested to read" : firstLine(e.message);
}

/** "Unresolved tag: tag:yaml.org,2002:js/function" → a sentence naming `!!js/function` and what is allowed. */
function tagMessage(yamlMessage: string): string {
  const raw = /^Unresolved tag: (.*)$/.exec(firstLine(yamlMessage))?.[1];
  if (raw === undefined) return firstLine(yamlMessage);
  const tag = raw.startsWith("tag:yaml.org,2002:") ? `!!${raw.slice("tag:yaml.org,2002:".length)}` : raw;
  return CORE_TAGS.includes(tag)
    ? `the value cannot be read as ${tag}`
    : `unsupported tag ${tag}; only the YAML 1.2 core tags are read (${CORE_TAGS.join(", ")})`;
}

const CORE_TAGS: ReadonlyArray<string> = ["!!str", "!!int", "!!float", "!!bool", "!!null", "!!seq", "!!map"];

const firstLine = (message: string): string => (message.split("\n")[0] ?? message).trim();

type PathKey = string | number;

/** The deepest node along `path` and whether it was reached completely; `keyOf` asks for the key node. */
function walk(source: YamlSource, path: ReadonlyArray<PathKey>, keyOf: boolean): Node | Pair | undefined {
  let node: unknown = source.doc.contents;
  let last: Node | Pair | undefined = node as Node | undefined;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (pair === undefined) return last;
      if (keyOf && i === path.length - 1) return pair.key as Node;
      next = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof key === "number") {
      next = node.items[key];
    } else {
      return last;
    }
    if (next === undefined || next === null) return last;
    node = next;
    last = next as Node;
  }
  return last;
}

/** Line and column (1-based) of the YAML node at `path`, or of its nearest existing ancestor. */
export function positionOf(
  source: YamlSource,
  path: ReadonlyArray<PathKey>,
  keyOf = false,
): { line: number; column: number } {
  const node = walk(source, path, keyOf);
  const offset = node !== undefined && !isPair(node) && node.range ? node.range[0] : 0;
  const pos = source.lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** Builds an issue located at `path` in `source`. */
export function issueAt(
  source: YamlSource,
  path: ReadonlyArray<PathKey>,
  message: string,
  options: { keyOf?: boolean; severity?: "error" | "warning" } = {},
): InputIssue {
  const { line, column } = positionOf(source, path, options.keyOf ?? false);
  return { file: source.file, line, column, path: path.join("."), message, severity: options.severity ?? "error" };
}
