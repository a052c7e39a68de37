/**
 * Mutations of a YAML input file, as plain data (so a failing case can be printed and replayed) and
 * as fast-check arbitraries. Tree mutations work on yaml's Document (a node is picked by an index taken
 * modulo the number of nodes, so any index fits any document); text mutations work on the bytes after.
 */
import fc from "fast-check";
import { Alias, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, type Document, type Node } from "yaml";
import { HOSTILE_TEXTS, LONG_ID } from "./hostile.js";

export type TreeMutation =
  | { readonly op: "delete"; readonly at: number }
  | { readonly op: "unknownKey"; readonly at: number; readonly key: string }
  | { readonly op: "set"; readonly at: number; readonly value: unknown }
  | { readonly op: "renameKey"; readonly at: number; readonly key: string }
  | { readonly op: "freeText"; readonly at: number; readonly text: string }
  | { readonly op: "alias"; readonly from: number; readonly to: number }
  | { readonly op: "aliasBomb"; readonly at: number; readonly levels: number }
  | { readonly op: "deep"; readonly at: number; readonly depth: number; readonly map: boolean }
  | { readonly op: "tag"; readonly at: number; readonly tag: string };

export type TextMutation =
  | { readonly op: "truncate"; readonly fraction: number }
  | { readonly op: "bytes"; readonly fraction: number; readonly bytes: ReadonlyArray<number> }
  | { readonly op: "duplicateLine"; readonly fraction: number }
  | { readonly op: "crlf" };

/** Placeholders a tree mutation leaves for the text stage (structures too deep or too aliased to build as nodes). */
const PLACEHOLDER = "__nfvtwin_fuzz_placeholder_";

/** Numbers at and beyond the edges: huge, non-finite, negative, fractional, unsafe integers. */
const EDGE_NUMBERS = [0, -1, 0.5, -0.5, 1e-300, 1e308, -1e308, 2 ** 53 + 1, 1e21, 4294967296, Infinity, -Infinity, NaN, 1e6, 123456789];
/** Strings that unit parsers and references meet: odd durations and rates, empty, numeric text. */
const EDGE_STRINGS = ["", "0", "0s", "-5m", "1e400h", "999999999999d", "NaNs", "Infinity/h", "1e308/s", "0/h", "1/0ms", "5/", "1h-30m", "2h2h", "true", "null", "~"];

const valueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_NUMBERS) },
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_TEXTS) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [1, 2], { a: 1 }) },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 2, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 0, maxLength: 40 }) },
);

const keyArb = fc.oneof(fc.constantFrom("zzUnknown", "kind", "name", "<<", "__proto__", "constructor", LONG_ID), fc.constantFrom(...HOSTILE_TEXTS), fc.string({ maxLength: 12 }));

/** One tree mutation. */
export const treeMutationArb: fc.Arbitrary<TreeMutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant("delete" as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("unknownKey" as const), at: fc.nat(), key: keyArb }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant("set" as const), at: fc.nat(), value: valueArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("renameKey" as const), at: fc.nat(), key: keyArb }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant("freeText" as const), at: fc.nat(), text: fc.constantFrom(...HOSTILE_TEXTS) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("alias" as const), from: fc.nat(), to: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("aliasBomb" as const), at: fc.nat(), levels: fc.integer({ min: 2, max: 9 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("deep" as const), at: fc.nat(), depth: fc.integer({ min: 20, max: 3000 }), map: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("tag" as const), at: fc.nat(), tag: fc.constantFrom("!evil", "!!binary", "!!set", "!!omap", "!!timestamp", "!!int", "!!str", "!!float", "tag:example.com,2000:x") }) },
);

/** One text mutation. */
export const textMutationArb: fc.Arbitrary<TextMutation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant("truncate" as const), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("bytes" as const),
      fraction: fc.double({ min: 0, max: 1, noNaN: true }),
      // invalid UTF-8 (a lone continuation byte, an overlong form, a surrogate, 0xFF), NUL, a BOM, ESC, a tab
      bytes: fc.constantFrom([0xff], [0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xc3], [0x00], [0xef, 0xbb, 0xbf], [0x1b, 0x5b, 0x32, 0x4a], [0x09]),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("duplicateLine" as const), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.constant({ op: "crlf" as const }) },
);

interface Located {
  readonly path: ReadonlyArray<unknown>;
  readonly node: Node;
  /** The key's name when the node is a map value. */
  readonly key: string | undefined;
}

/** Every node below the root in document order, with its path. */
function nodesOf(doc: Document): Located[] {
  const out: Located[] = [];
  const walk = (node: unknown, path: ReadonlyArray<unknown>, key: string | undefined) => {
    if (node === null || typeof node !== "object") return;
    if (path.length > 0) out.push({ path, node: node as Node, key });
    if (isMap(node)) for (const pair of node.items) walk(pair.value, [...path, isScalar(pair.key) ? pair.key.value : pair.key], isScalar(pair.key) ? String(pair.key.value) : undefined);
    else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i], undefined));
  };
  walk(doc.contents, [], undefined);
  return out;
}

const pick = <T>(items: ReadonlyArray<T>, at: number): T | undefined => (items.length === 0 ? undefined : items[at % items.length]);

/** Fields whose text reaches reports and terminal messages as is (descriptions, names, metadata). */
const FREE_TEXT_KEYS = /^(description|name|family|metric|text|reason|summary|title|label)$/;

/** Applies one tree mutation in place; returns the placeholders it left (id → text for the text stage). */
function applyTree(doc: Document, m: TreeMutation, placeholders: Map<string, string>): void {
  const nodes = nodesOf(doc);
  switch (m.op) {
    case "delete": {
      const at = pick(nodes, m.at);
      if (at !== undefined) doc.deleteIn(at.path);
      return;
    }
    case "unknownKey": {
      const maps = [{ node: doc.contents as Node }, ...nodes].filter((n) => isMap(n.node));
      const at = pick(maps, m.at);
      if (at !== undefined && isMap(at.node)) at.node.set(doc.createNode(m.key), doc.createNode("x"));
      return;
    }
    case "set": {
      const at = pick(nodes, m.at);
      if (at !== undefined) doc.setIn(at.path, doc.createNode(m.value));
      return;
    }
    case "renameKey": {
      const maps = [{ node: doc.contents as Node }, ...nodes].filter((n) => isMap(n.node) && n.node.items.length > 0);
      const at = pick(maps, m.at);
      if (at !== undefined && isMap(at.node)) {
        const pair = at.node.items[m.at % at.node.items.length];
        if (isPair(pair)) pair.key = doc.createNode(m.key);
      }
      return;
    }
    case "freeText": {
      const texts = nodes.filter((n) => n.key !== undefined && FREE_TEXT_KEYS.test(n.key));
      const at = pick(texts, m.at) ?? pick(nodes, m.at);
      if (at !== undefined) doc.setIn(at.path, doc.createNode(m.text));
      return;
    }
    case "alias": {
      const a = m.from % Math.max(1, nodes.length);
      const b = m.to % Math.max(1, nodes.length);
      const [from, to] = [nodes[Math.min(a, b)], nodes[Math.max(a, b)]];
      if (from === undefined || to === undefined || from === to) return;
      const inside = from.path.every((p, i) => to.path[i] === p);
      if (inside || from.node instanceof Alias) return;
      doc.setIn(to.path, doc.createAlias(from.node as Scalar, from.node.anchor ?? `fz${Math.min(a, b)}`));
      return;
    }
    case "aliasBomb":
    case "deep": {
      const at = pick(nodes, m.at);
      if (at === undefined) return;
      const id = `${PLACEHOLDER}${placeholders.size}`;
      placeholders.set(id, m.op === "aliasBomb" ? aliasBomb(m.levels) : deepNesting(m.depth, m.map));
      doc.setIn(at.path, new Scalar(id));
      return;
    }
    case "tag": {
      const at = pick(nodes, m.at);
      if (at !== undefined && !(at.node instanceof Alias)) at.node.tag = m.tag;
      return;
    }
  }
}

/** `levels` levels of ten aliases each: 10^levels leaves once expanded ("billion laughs"). */
function aliasBomb(levels: number): string {
  const parts = [`&b0 [${Array(10).fill('"lol"').join(", ")}]`];
  for (let l = 1; l < levels; l++) parts.push(`&b${l} [${Array(10).fill(`*b${l - 1}`).join(", ")}]`);
  return `[${parts.join(", ")}]`;
}

const deepNesting = (depth: number, map: boolean): string => (map ? "{a: ".repeat(depth) + "1" + "}".repeat(depth) : "[".repeat(depth) + "1" + "]".repeat(depth));

/** Applies one text mutation to the bytes of a file. */
function applyText(bytes: Buffer, m: TextMutation): Buffer {
  switch (m.op) {
    case "truncate":
      return bytes.subarray(0, Math.floor(bytes.length * m.fraction));
    case "bytes": {
      const at = Math.floor(bytes.length * m.fraction);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at)]);
    }
    case "duplicateLine": {
      const lines = bytes.toString("latin1").split("\n");
      const i = Math.min(lines.length - 1, Math.floor(lines.length * m.fraction));
      lines.splice(i, 0, lines[i]!);
      return Buffer.from(lines.join("\n"), "latin1");
    }
    case "crlf":
      return Buffer.from(bytes.toString("latin1").replace(/\n/g, "\r\n"), "latin1");
  }
}

/** `text` (valid YAML) with the tree mutations, then the text mutations, applied. */
export function mutateFile(text: string, tree: ReadonlyArray<TreeMutation>, textOps: ReadonlyArray<TextMutation>): Buffer {
  const placeholders = new Map<string, string>();
  let out = text;
  for (const m of tree) {
    // A mutation that leaves no valid document (an alias whose anchor a later step deleted) is skipped.
    try {
      const doc = parseDocument(out);
      applyTree(doc, m, placeholders);
      out = doc.toString({ lineWidth: 0 });
    } catch {
      continue;
    }
  }
  for (const [id, replacement] of placeholders) out = out.split(id).join(replacement);
  let bytes: Buffer = Buffer.from(out, "utf8");
  for (const m of textOps) bytes = applyText(bytes, m);
  return bytes;
}

/**
 * Renames one identifier everywhere it appears as a whole scalar in both files (a tenant, a flavour,
 * a zone), so references still resolve and the new name reaches the reports.
 */
export function renameEverywhere(texts: ReadonlyArray<string>, at: number, to: string): string[] {
  const docs = texts.map((t) => parseDocument(t));
  const ids = [...new Set(docs.flatMap((d) => nodesOf(d).filter((n) => n.key === "id" && isScalar(n.node) && typeof n.node.value === "string").map((n) => (n.node as Scalar).value as string)))].sort();
  const from = pick(ids, at);
  if (from === undefined) return [...texts];
  return docs.map((d) => {
    for (const n of nodesOf(d)) if (isScalar(n.node) && n.node.value === from) n.node.value = to;
    // keys too: flavour mixes and quotas are maps keyed by id
    for (const n of [{ node: d.contents as Node }, ...nodesOf(d)]) {
      if (isMap(n.node)) for (const pair of n.node.items) if (isScalar(pair.key) && pair.key.value === from) pair.key.value = to;
    }
    return d.toString({ lineWidth: 0 });
  });
}
