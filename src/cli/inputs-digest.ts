/**
 * A digest of a run plan's decoded inputs (every RunSpec: model, workload, seeds, policy), so `merge`
 * can tell whether shards were cut from the same scenario, seed and options, and whether the
 * scenario file still says what it said when they ran.
 */
import { createHash } from "node:crypto";
import { sortKeysDeep } from "../metrics/index.js";
import type { RunSpec } from "../scenario/index.js";

/** Maps (flavours, tenants) as entry lists sorted by key, so the text does not depend on insertion order. */
const plain = (_key: string, value: unknown): unknown =>
  value instanceof Map ? [...value.entries()].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0)) : value;

/** `sha256:<hex>` of the canonical JSON of `runs`. */
export function inputsDigest(runs: ReadonlyArray<RunSpec>): string {
  const text = JSON.stringify(sortKeysDeep(JSON.parse(JSON.stringify(runs, plain))));
  return `sha256:${createHash("sha256").update(text).digest("hex")}`;
}
