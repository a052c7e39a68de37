/**
 * A YAML file parsed with its source positions kept, so any field path can be turned back into the
 * line and column where it was written (or where it is missing).
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from "yaml";
import type { InputIssue } from "./input-issue.js";

export interface YamlSource {
  readonly file: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  /** The plain JavaScript value of the document. */
  readonly value: unknown;
}

/** Parses YAML text; syntax errors (including duplicate keys) come back as issues with positions. */
export function parseYamlSource(file: string, text: string): { source?: YamlSource; issues: InputIssue[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: false });
  const issues: InputIssue[] = doc.errors.map((e) => {
    const pos = lines.linePos(e.pos[0]);
    return { file, line: pos.line, column: pos.col, path: "", message: firstLine(e.message), severity: "error" };
  });
  if (issues.length > 0) return { issues };
  const value: unknown = doc.toJS({ maxAliasCount: 1000 });
  return { source: { file, doc, lines, value }, issues };
}

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
