/**
 * A sweep axis that names a field of the scenario or model document (`workload.streams.du.arrivals.rate`,
 * `model.zones.az1.racks.*.hosts.*.count`): the path is found in the decoded-from-YAML plain value,
 * each grid point writes its value there, and the whole file is decoded and resolved again, so every
 * check a hand-written file gets (bounds, units, references) runs on every point. Pure; no file access.
 */
import { parseDurationMs, parseRatePerHour } from "../../kernel/index.js";
import type { SweepValue } from "./run-spec.js";

/** A key path into a plain value: object keys and array indices. */
export type DocPath = ReadonlyArray<string | number>;

/** What the field holds, which says which values fit it: a plain number, a duration or a rate. */
export type FieldKind = "number" | "duration" | "rate" | "absent";

export interface DocumentAxis {
  readonly root: "scenario" | "model";
  /** Every concrete field the path selects (a `*` selects many), paths from the document's root. */
  readonly targets: ReadonlyArray<DocPath>;
  readonly kind: FieldKind;
}

/** Scenario fields a sweep must not turn: identity, the run plan itself (seeds, replications, grid). */
const FIXED_ROOTS: ReadonlyArray<string> = ["kind", "name", "model", "seed", "replications", "sweep", "variants", "overrides", "placement"];

/** Array elements are named by these fields, in this order (streams have an optional id, else a tenant). */
const NAME_FIELDS: ReadonlyArray<string> = ["id", "tenant", "profile", "name"];

/** `a.b[c.d].*` → ["a", "b", "c.d", "*"]; undefined for an empty segment or an unclosed bracket. */
export function splitSweepPath(text: string): string[] | undefined {
  const out: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    if (rest.startsWith("[")) {
      const end = rest.indexOf("]");
      if (end <= 1) return undefined;
      out.push(rest.slice(1, end));
      rest = rest.slice(end + 1);
      if (rest.startsWith(".")) rest = rest.slice(1);
      continue;
    }
    const m = /^([^.[\]]+)/.exec(rest);
    if (m === null) return undefined;
    out.push(m[1]!);
    rest = rest.slice(m[1]!.length);
    if (rest.startsWith(".")) {
      rest = rest.slice(1);
      if (rest.length === 0) return undefined;
    }
  }
  return out.length === 0 ? undefined : out;
}

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === "object" && !Array.isArray(x);
const joinPath = (p: DocPath): string => p.join(".");

/** The elements of `list` a selector names: `*`, an index, or an element's id (tenant, profile, name). */
function selectElements(list: ReadonlyArray<unknown>, selector: string, at: DocPath): number[] | string {
  if (selector === "*") return list.map((_, i) => i);
  if (/^\d+$/.test(selector)) {
    const i = Number(selector);
    return i < list.length ? [i] : `${joinPath(at)} has ${list.length} element(s); there is no index ${i}`;
  }
  for (const field of NAME_FIELDS) {
    const hits = list.flatMap((x, i) => (isObject(x) && x[field] === selector ? [i] : []));
    if (hits.length === 1 || (hits.length > 1 && field !== "id")) return hits;
  }
  const names = list.flatMap((x) => (isObject(x) ? NAME_FIELDS.filter((f) => typeof x[f] === "string").slice(0, 1).map((f) => String(x[f])) : []));
  return `no element of ${joinPath(at)} is named "${selector}"${names.length > 0 ? `; its elements: ${[...new Set(names)].join(", ")}` : ""} (or give an index, or * for all)`;
}

/** Numeric fields under `node` (paths relative to it, at most a few), to hint at what a path should name. */
function numericFieldsBelow(node: unknown, prefix: string, out: string[]): string[] {
  if (out.length >= 6) return out;
  if (typeof node === "number" || (typeof node === "string" && fieldKind(node) !== "absent")) out.push(prefix);
  else if (Array.isArray(node)) numericFieldsBelow(node[0], `${prefix}${prefix === "" ? "" : "."}*`, out);
  else if (isObject(node)) for (const k of Object.keys(node)) numericFieldsBelow(node[k], `${prefix}${prefix === "" ? "" : "."}${k}`, out);
  return out;
}

/** The kind of a leaf: a number, a duration or a rate written with units; "absent" for anything else. */
export function fieldKind(leaf: unknown): FieldKind {
  if (typeof leaf === "number") return "number";
  if (typeof leaf !== "string") return "absent";
  if (parseRatePerHour(leaf).ok) return "rate";
  if (parseDurationMs(leaf).ok) return "duration";
  return "absent";
}

/** Follows `keys` from `node`, fanning out at `*`; the concrete paths, or why the path names nothing. */
function walkTargets(node: unknown, keys: ReadonlyArray<string>, at: DocPath): DocPath[] | string {
  if (keys.length === 0) return [at];
  const [key, ...rest] = keys as [string, ...string[]];
  if (Array.isArray(node)) {
    const picked = selectElements(node, key, at);
    if (typeof picked === "string") return picked;
    const out: DocPath[] = [];
    for (const i of picked) {
      const sub = walkTargets(node[i], rest, [...at, i]);
      if (typeof sub === "string") return sub;
      out.push(...sub);
    }
    return out;
  }
  if (!isObject(node)) return `${joinPath(at)} is not a mapping or a list, so it has no "${key}"`;
  // A missing last key is allowed (an optional field not written, e.g. workload.rateMultiplier): decoding checks it.
  if (!(key in node) && rest.length > 0) return `${joinPath(at) || "the document"} has no field "${key}"; its fields: ${Object.keys(node).join(", ")}`;
  return walkTargets(node[key], rest, [...at, key]);
}

const valueAt = (doc: unknown, path: DocPath): unknown => path.reduce<unknown>((n, k) => (n as Record<string | number, unknown> | undefined)?.[k], doc);

/**
 * The axis `text` names in the scenario (`workload...`) or model (`model....`) document, or a message:
 * unknown field (with the fields there), an element no one is named, a field that is not a number.
 */
export function locateSweepPath(text: string, scenario: unknown, model: unknown): { ok: true; axis: DocumentAxis } | { ok: false; message: string } {
  const keys = splitSweepPath(text);
  if (keys === undefined) return { ok: false, message: `"${text}" is not a path; write fields with dots and pick list elements by id, index or *: workload.streams.web.arrivals.rate, model.zones.az1.racks.*.hosts.*.count` };
  const root = keys[0] === "model" ? "model" : "scenario";
  const rest = root === "model" ? keys.slice(1) : keys;
  if (root === "scenario" && FIXED_ROOTS.includes(rest[0]!)) return { ok: false, message: `${rest[0]} cannot be swept; sweep placement.policy, overrides.allocationRatios.<class>, overrides.hostCount.<profile>, or a numeric field of the workload, faults, ... or of the model (model.<field>)` };
  const found = walkTargets(root === "model" ? model : scenario, rest, []);
  if (typeof found === "string") return { ok: false, message: `cannot sweep "${text}": ${found}` };
  const doc = root === "model" ? model : scenario;
  const leaves = found.map((p) => valueAt(doc, p));
  const bad = leaves.findIndex((leaf) => leaf !== undefined && fieldKind(leaf) === "absent");
  if (bad >= 0) {
    const below = numericFieldsBelow(leaves[bad], "", []);
    const hint = below.length > 0 ? `; numeric fields below it: ${below.map((b) => `${text}.${b}`).join(", ")}` : "";
    return { ok: false, message: `cannot sweep "${text}": it holds ${describeLeaf(leaves[bad])}, not a number, duration or rate${hint}` };
  }
  const kinds = leaves.map(fieldKind).filter((k) => k !== "absent");
  return { ok: true, axis: { root, targets: found, kind: kinds[0] ?? "absent" } };
}

const describeLeaf = (leaf: unknown): string => (Array.isArray(leaf) ? "a list" : isObject(leaf) ? "a mapping" : `${JSON.stringify(leaf)}`);

/** Why `value` does not fit a field of `kind` (the unit family it must be written in), else undefined. */
export function sweepValueProblem(kind: FieldKind, value: SweepValue): string | undefined {
  if (kind === "number") return typeof value === "number" ? undefined : `expected a number, got ${JSON.stringify(value)}`;
  if (kind === "duration") {
    const parsed = parseDurationMs(String(value));
    return parsed.ok ? undefined : parsed.error;
  }
  if (kind === "rate") {
    const parsed = parseRatePerHour(String(value));
    return parsed.ok ? undefined : parsed.error;
  }
  return undefined;
}

/** A copy of `doc` with `value` written at every target (the original is left as it is). */
export function withValueAt(doc: unknown, targets: ReadonlyArray<DocPath>, value: SweepValue): unknown {
  const copy = structuredClone(doc);
  for (const target of targets) {
    const parent = valueAt(copy, target.slice(0, -1)) as Record<string | number, unknown>;
    parent[target[target.length - 1]!] = value;
  }
  return copy;
}
