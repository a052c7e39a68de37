/**
 * Limits that keep hostile or broken YAML an input error rather than a crash or a hang: nesting is
 * bounded before the yaml composer recurses (it runs out of stack, then memory, on deep input), and
 * aliases are resolved here, before the value is built, so an undefined or cyclic alias or an alias
 * bomb is reported at the alias instead of thrown from deep inside toJS or the decoder.
 */
import { CST, isAlias, isMap, isScalar, isSeq, Lexer, Parser, type Alias, type Document, type Node } from "yaml";

/** Nesting limit: scenario and model files need fewer than ten levels. */
export const MAX_NESTING_DEPTH = 64;
/** Values that aliases may add in all (a billion-laughs file adds 9^9); shared settings need hundreds. */
export const MAX_ALIAS_EXPANSION_NODES = 100_000;

/** A problem at a source offset, with the field path where one is known. */
export interface YamlProblem {
  readonly offset: number;
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}

const tooDeep = `nested more than ${MAX_NESTING_DEPTH} levels deep (the limit)`;

/**
 * The concrete syntax tree of `text`, or the first collection (in document order) nested past the
 * limit. yaml's parser slows down more than linearly with flow nesting (100,000 `[` take seconds, a
 * million would hang), so a lexer pass finds the first bracket past the limit and only the text up to
 * it is parsed; the tree walk then places the first too-deep collection exactly, block levels included.
 */
export function parseTokens(text: string, onNewLine: (offset: number) => void): { tokens: CST.Token[] } | { problem: YamlProblem } {
  const cut = flowNestingCut(text);
  const tokens = Array.from(new Parser(onNewLine).parse(cut === undefined ? text : text.slice(0, cut)));
  const problem = nestingProblem(tokens) ?? (cut === undefined ? undefined : { offset: cut - 1, path: [], message: tooDeep });
  return problem === undefined ? { tokens } : { problem };
}

/** The offset just past the first `[` or `{` nested more than the limit inside brackets, if any. */
function flowNestingCut(text: string): number | undefined {
  let offset = 0;
  let depth = 0;
  let atScalar = false;
  // Offsets advance as yaml's Parser advances them: control lexemes take no room, a scalar's text follows its marker.
  for (const lexeme of new Lexer().lex(text)) {
    const type: string | null = atScalar ? "scalar-text" : CST.tokenType(lexeme);
    atScalar = type === "scalar";
    if (type === "scalar" || type === "doc-mode" || type === "flow-error-end") continue;
    if (type === "flow-map-start" || type === "flow-seq-start") {
      depth++;
      if (depth > MAX_NESTING_DEPTH) return offset + lexeme.length;
    } else if (type === "flow-map-end" || type === "flow-seq-end") depth = Math.max(0, depth - 1);
    offset += lexeme.length;
  }
  return undefined;
}

/** The first collection (in document order) nested more than the limit deep, found without recursion. */
function nestingProblem(tokens: ReadonlyArray<CST.Token>): YamlProblem | undefined {
  const stack: Array<{ token: CST.Token; depth: number }> = tokens.map((token) => ({ token, depth: 0 })).reverse();
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const { token, depth } = top;
    const children: Array<CST.Token | null | undefined> = [];
    if (token.type === "document") children.push(token.value);
    else if (token.type === "block-map" || token.type === "block-seq" || token.type === "flow-collection") {
      if (depth + 1 > MAX_NESTING_DEPTH) return { offset: token.offset, path: [], message: tooDeep };
      for (const item of token.items) children.push("key" in item ? item.key : undefined, item.value);
    }
    const level = token.type === "document" ? depth : depth + 1;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child !== undefined && child !== null) stack.push({ token: child, depth: level });
    }
  }
  return undefined;
}

/** How far a node reaches once its aliases are expanded: values in all, and collection levels. */
interface Reach {
  readonly nodes: number;
  readonly levels: number;
}

/**
 * Every undefined or cyclic alias, or the first alias past the nesting or expansion limit, resolved as
 * yaml does (the last node anchored with that name before the alias). Recursion is bounded by the
 * nesting limit, which `parseTokens` has checked on the same text.
 */
export function aliasProblems(doc: Document.Parsed): YamlProblem[] {
  const walk = new AliasWalk();
  walk.visit(doc.contents, 0, []);
  return walk.problems;
}

const SCALAR: Reach = { nodes: 1, levels: 0 };

/** One pass over a document in source order, which is the order anchors come into scope. */
class AliasWalk {
  readonly problems: YamlProblem[] = [];
  private readonly anchors = new Map<string, Node>();
  private readonly reached = new Map<Node, Reach>();
  /** Collections being visited: an alias to one of them is a cycle. */
  private readonly open = new Set<Node>();
  private expandedNodes = 0;
  /** Set at the first limit passed: the rest of the document is not measured. */
  private stopped = false;

  /** The reach of `node` at `depth` enclosing collections. */
  visit(node: unknown, depth: number, path: ReadonlyArray<string | number>): Reach {
    if (this.stopped || node === null || typeof node !== "object") return SCALAR;
    if (isAlias(node)) return this.alias(node, depth, path);
    const anchored = node as Node;
    if (anchored.anchor !== undefined) this.anchors.set(anchored.anchor, anchored);
    if (!isMap(node) && !isSeq(node)) return SCALAR;
    if (depth + 1 > MAX_NESTING_DEPTH) return this.stop(anchored, path, tooDeep);
    this.open.add(anchored);
    let nodes = 1;
    let levels = 0;
    const add = (r: Reach) => {
      nodes += r.nodes;
      levels = Math.max(levels, r.levels);
    };
    if (isSeq(node)) node.items.forEach((item, i) => add(this.visit(item, depth + 1, [...path, i])));
    else {
      node.items.forEach((pair, i) => {
        add(this.visit(pair.key, depth + 1, path));
        add(this.visit(pair.value, depth + 1, [...path, isScalar(pair.key) ? String(pair.key.value) : i]));
      });
    }
    this.open.delete(anchored);
    const reach = { nodes, levels: levels + 1 };
    this.reached.set(anchored, reach);
    return reach;
  }

  private alias(node: Alias, depth: number, path: ReadonlyArray<string | number>): Reach {
    const name = node.source;
    const source = this.anchors.get(name);
    if (source === undefined) return this.report(node, path, `undefined alias *${name}: no anchor &${name} before it`);
    if (this.open.has(source)) return this.report(node, path, `alias *${name} is inside the node anchored &${name}, so it would expand forever`);
    // A collection anchored before the alias and not enclosing it has been measured; a scalar counts one.
    const reach = this.reached.get(source) ?? SCALAR;
    if (depth + reach.levels > MAX_NESTING_DEPTH) return this.stop(node, path, `alias *${name} nests more than ${MAX_NESTING_DEPTH} levels deep when expanded (the limit)`);
    this.expandedNodes += reach.nodes;
    if (this.expandedNodes > MAX_ALIAS_EXPANSION_NODES) {
      return this.stop(node, path, `aliases expand to more than ${MAX_ALIAS_EXPANSION_NODES} values (the limit against alias bombs); write the values out or alias less`);
    }
    return reach;
  }

  private report(node: Node, path: ReadonlyArray<string | number>, message: string): Reach {
    this.problems.push({ offset: node.range?.[0] ?? 0, path, message });
    return SCALAR;
  }

  private stop(node: Node, path: ReadonlyArray<string | number>, message: string): Reach {
    this.stopped = true;
    return this.report(node, path, message);
  }
}
