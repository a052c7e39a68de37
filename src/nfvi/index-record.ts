/**
 * The node record of a capacity-index tree (capacity-index.ts explains the index): slot layout, free
 * buckets, and the leaf writes and parent merges that keep one record's summaries exact. Plain
 * functions over an Int32Array, no objects: every claim and release runs them on the way up a tree
 * (bench/e2e.bench.ts, bench/scale.bench.ts).
 *
 * Node record. Node v (1 = root, leaf p = size + p) owns `stride` consecutive Int32 slots of `data`
 * starting at v × stride (one record = few cache lines; siblings are adjacent). All summaries are over
 * the USABLE hosts below the node (UP and enabled); unusable hosts and padding count as empty, whose
 * maxima are NONE_MAX (−2^31) and minima NONE_MIN (2^31 − 1). Free units are integers within ±2^30
 * (inventoryProblem caps capacity: Placement's own limit), so Int32 is exact.
 * - USABLE: how many usable hosts;
 * - per class c at genericSlot(c): FIT = max of min(free, maxUnit) (a request of a > 0 units can only
 *   fit below a node with FIT ≥ a; minUnit/stepSize are checked at the leaf), MAX_FREE, MIN_FREE,
 *   MASK = bit b set when some host's free units fall in bucket b (`freeBucket`), so that a min-search
 *   over hosts with free ≥ a can lift its bound to the first occupied bucket ≥ bucket(a).
 * - per registered SHAPE k at shapeSlot(k): COUNT = hosts where the whole shape fits by the
 *   capacity rule (units included), then for each class of SHAPE_TRACKED_CLASSES the max and min free
 *   units over exactly those hosts (shapeFreeSlot).
 */
import { RC_MEMORY_MB, RC_VCPU, RESOURCE_CLASS_COUNT } from "../domain/index.js";

const C = RESOURCE_CLASS_COUNT;

/** "No host" value of a maximum and of a minimum. */
export const NONE_MAX = -2147483648;
export const NONE_MIN = 2147483647;
/** Slot of the usable-host count in a node record. */
export const USABLE = 0;
/** Field offsets inside a generic class block. */
export const FIT = 0;
export const MAX_FREE = 1;
export const MIN_FREE = 2;
export const MASK = 3;
const GENERIC_FIELDS = 4;
/**
 * Classes whose free units are tracked per shape: those the prefab policies weigh (VCPU by
 * "balanced", MEMORY_MB by all). Every class still decides whether a shape fits; a weigher on another
 * class (disk) is bounded by the generic summaries — exact, only less tight. Each tracked class costs
 * two slots per shape per node on every update.
 */
export const SHAPE_TRACKED_CLASSES: readonly number[] = [RC_VCPU, RC_MEMORY_MB];
const T = SHAPE_TRACKED_CLASSES.length;
const SHAPE_FIELDS = 1 + 2 * T;
const TRACKED_POSITION: readonly number[] = Array.from({ length: C }, (_, c) => SHAPE_TRACKED_CLASSES.indexOf(c));

/** Slot of class c's generic block in a node record. */
export const genericSlot = (c: number): number => 1 + GENERIC_FIELDS * c;
/** Slot of shape k's block: the COUNT of fitting hosts, then max/min free of each tracked class. */
export const shapeSlot = (k: number): number => 1 + GENERIC_FIELDS * C + SHAPE_FIELDS * k;
/** Slot of the max free units of class c over the hosts fitting shape k (min at +1); −1 if untracked. */
export function shapeFreeSlot(k: number, c: number): number {
  const j = TRACKED_POSITION[c] ?? -1;
  return j < 0 ? -1 : shapeSlot(k) + 1 + 2 * j;
}
/** Record length of a tree with `shapes` registered shapes. */
export const recordStride = (shapes: number): number => shapeSlot(shapes);

/** Bucket of a free amount: 0 for x < 1, else 1 + floor(log2 x), capped at 31 (x ≥ 2^30). */
export function freeBucket(x: number): number {
  if (x < 1) return 0;
  if (x >= 1073741824) return 31;
  return 32 - Math.clz32(x);
}

/** Smallest free amount that falls in bucket b (−∞ for bucket 0). */
export const bucketFloor = (b: number): number => (b === 0 ? Number.NEGATIVE_INFINITY : 2 ** (b - 1));

/** The key of a request shape: its amounts in RESOURCE_CLASSES order, comma-separated. */
export const shapeKey = (amounts: ArrayLike<number>): string => Array.from(amounts).join(",");

/**
 * The parts of the index, each kept current on its own and each flushed with the ones before it:
 * "fits" (the fit bits of the leaves: all a first-fit search of a registered shape reads), "counts"
 * (USABLE and each shape's COUNT in the records), "shapes" (plus the shapes' tracked free units:
 * what a RAM- or CPU-weighed search reads) and "all" (plus the generic blocks).
 */
export type IndexPart = "fits" | "counts" | "shapes" | "all";

/**
 * The leaf values of host h now, as NfviState computes them, for rewriting `part` of its records:
 * for "counts" only `usable` and `fitsShape` need be current (a first-fit search reads nothing else,
 * and the per-class free units cost a loop over every class on each claim and release).
 */
export type LeafSource = (h: number, part: IndexPart) => LeafValues;

/** Leaf values of one host, as NfviState computes them. */
export interface LeafValues {
  usable: boolean;
  /** Per class: min(free, maxUnit). */
  readonly fit: Int32Array | Float64Array;
  /** Per class: capacity − used. */
  readonly free: Int32Array | Float64Array;
  /** Per registered shape: 1 when the whole shape fits on the host by the capacity rule. */
  fitsShape: Uint8Array;
}

/** Writes the record of one leaf into `out` at `at` (used for empty records and the naive rebuild). */
export function writeLeafRecord(out: Int32Array, at: number, leaf: LeafValues, shapes: number): void {
  out[at + USABLE] = leaf.usable ? 1 : 0;
  for (let c = 0; c < C; c++) writeGenericLeaf(out, at, leaf, c);
  for (let k = 0; k < shapes; k++) writeShapeLeaf(out, at, leaf, k);
}

/** Writes class c's generic leaf block; true when it changed. */
export function writeGenericLeaf(out: Int32Array, at: number, leaf: LeafValues, c: number): boolean {
  const usable = leaf.usable;
  const g = at + genericSlot(c);
  const f = leaf.free[c]!;
  const fit = usable ? leaf.fit[c]! : NONE_MAX;
  const hi = usable ? f : NONE_MAX;
  const lo = usable ? f : NONE_MIN;
  const bits = usable ? 1 << freeBucket(f) : 0;
  if (out[g + FIT] === fit && out[g + MAX_FREE] === hi && out[g + MIN_FREE] === lo && out[g + MASK] === bits) return false;
  out[g + FIT] = fit;
  out[g + MAX_FREE] = hi;
  out[g + MIN_FREE] = lo;
  out[g + MASK] = bits;
  return true;
}

/** Writes the COUNT field of shape k's leaf block; true when it changed. */
export function writeShapeCount(out: Int32Array, at: number, leaf: LeafValues, k: number): boolean {
  const fits = leaf.usable && leaf.fitsShape[k] === 1 ? 1 : 0;
  const b = at + shapeSlot(k);
  if (out[b] === fits) return false;
  out[b] = fits;
  return true;
}

/** Writes the tracked free units of shape k's leaf block (NONE unless the shape fits); true when changed. */
export function writeShapeFree(out: Int32Array, at: number, leaf: LeafValues, k: number): boolean {
  const fits = leaf.usable && leaf.fitsShape[k] === 1;
  const b = at + shapeSlot(k);
  let changed = false;
  for (let j = 0; j < T; j++) {
    const f = leaf.free[SHAPE_TRACKED_CLASSES[j]!]!;
    const hi = fits ? f : NONE_MAX;
    const lo = fits ? f : NONE_MIN;
    if (out[b + 1 + 2 * j] !== hi || out[b + 2 + 2 * j] !== lo) {
      out[b + 1 + 2 * j] = hi;
      out[b + 2 + 2 * j] = lo;
      changed = true;
    }
  }
  return changed;
}

/** Writes shape k's whole leaf block; true when it changed. */
function writeShapeLeaf(out: Int32Array, at: number, leaf: LeafValues, k: number): boolean {
  const count = writeShapeCount(out, at, leaf, k);
  return writeShapeFree(out, at, leaf, k) || count;
}

/** Merges the generic blocks named by `mask` (bit c = class c); returns those that changed. */
export function mergeGeneric(data: Int32Array, at: number, l: number, r: number, mask: number): number {
  let changed = 0;
  // Hot path (every level of every update; bench/scale.bench.ts): plain locals and one change test per
  // block. Measured about 7 % faster on the 10,000-host scenario than per-field mergeMax/mergeMin calls.
  for (let c = 0; c < C; c++) {
    if ((mask & (1 << c)) === 0) continue;
    const g = genericSlot(c);
    const p = at + g;
    const a = l + g;
    const b = r + g;
    const fitA = data[a + FIT]!;
    const fitB = data[b + FIT]!;
    const hiA = data[a + MAX_FREE]!;
    const hiB = data[b + MAX_FREE]!;
    const loA = data[a + MIN_FREE]!;
    const loB = data[b + MIN_FREE]!;
    const fit = fitA > fitB ? fitA : fitB;
    const hi = hiA > hiB ? hiA : hiB;
    const lo = loA < loB ? loA : loB;
    const bits = data[a + MASK]! | data[b + MASK]!;
    if (fit === data[p + FIT] && hi === data[p + MAX_FREE] && lo === data[p + MIN_FREE] && bits === data[p + MASK]) continue;
    data[p + FIT] = fit;
    data[p + MAX_FREE] = hi;
    data[p + MIN_FREE] = lo;
    data[p + MASK] = bits;
    changed |= 1 << c;
  }
  return changed;
}

/** An all-empty record array for `size` leaves. */
export function emptyRecords(size: number, shapes: number): Int32Array {
  const stride = recordStride(shapes);
  const data = new Int32Array(2 * size * stride);
  const empty: LeafValues = { usable: false, fit: new Int32Array(C), free: new Int32Array(C), fitsShape: new Uint8Array(shapes) };
  for (let v = 0; v < 2 * size; v++) writeLeafRecord(data, v * stride, empty, shapes);
  return data;
}
