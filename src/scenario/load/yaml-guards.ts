/**
 * Limits that keep hostile or broken YAML an input error rather than a crash or a hang: nesting is
 * bounded before the yaml composer recurses (it runs out of stack, then memory, on deep input), and
 * aliases are resolved here, before the value is built, so an undefined or cyclic alias or an alias
 * bomb is reported at the alias instead of thrown from deep inside toJS or the decoder.
 */
import { CST, isAlias, isMap, isScalar, isSeq, Lexer, Parser, type Document, type Node } from "yaml";

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
  const anchors = new Map<string, Node>();
  const reached = new Map<Node, Reach>();
  const open = new Set<Node>();
  const problems: YamlProblem[] = [];
  let expandedNodes = 0;
  let stopped = false;
  const at = (node: Node, path: ReadonlyArray<string | number>, message: string) => problems.push({ offset: node.range?.[0] ?? 0, path, message });

  const visit = (node: unknown, depth: number, path: Array<string | number>): Reach => {
    if (stopped || node === null || typeof node !== "object") return { nodes: 1, levels: 0 };
    if (isAlias(node)) {
      const source = anchors.get(node.source);
      const reach = source === undefined ? undefined : reached.get(source);
      if (source === undefined) at(node, path, `undefined alias *${node.source}: no anchor &${node.source} before it`);
      else if (open.has(source)) at(node, path, `alias *${node.source} is inside the node anchored &${node.source}, so it would expand forever`);
      else if (reach !== undefined && depth + reach.levels > MAX_NESTING_DEPTH) {
        at(node, path, `alias *${node.source} nests more than ${MAX_NESTING_DEPTH} levels deep when expanded (the limit)`);
        stopped = true;
      } else if (reach !== undefined && (expandedNodes += reach.nodes) > MAX_ALIAS_EXPANSION_NODES) {
        at(node, path, `aliases expand to more than ${MAX_ALIAS_EXPANSION_NODES} values (the limit against alias bombs); write the values out or alias less`);
        stopped = true;
      }
      return reach ?? { nodes: 1, levels: 0 };
    }
    const anchored = node as Node;
    if (anchored.anchor !== undefined) anchors.set(anchored.anchor, anchored);
    if (!isMap(node) && !isSeq(node)) return { nodes: 1, levels: 0 };
    if (depth + 1 > MAX_NESTING_DEPTH) {
      at(anchored, path, tooDeep);
      stopped = true;
      return { nodes: 1, levels: 0 };
    }
    open.add(anchored);
    let nodes = 1;
    let levels = 0;
    const add = (r: Reach) => {
      nodes += r.nodes;
      levels = Math.max(levels, r.levels);
    };
    if (isSeq(node)) node.items.forEach((item, i) => add(visit(item, depth + 1, [...path, i])));
    else if (isMap(node)) {
      node.items.forEach((pair, i) => {
        add(visit(pair.key, depth + 1, [...path, i]));
        add(visit(pair.value, depth + 1, [...path, isScalar(pair.key) ? String(pair.key.value) : i]));
      });
    }
    open.delete(anchored);
    const reach = { nodes, levels: levels + 1 };
    reached.set(anchored, reach);
    return reach;
  };
  visit(doc.contents, 0, []);
  return problems;
}
