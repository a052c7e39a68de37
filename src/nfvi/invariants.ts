/**
 * Invariant checkers of the NFVI state (digest §5.A), for property tests and the runner's invariant
 * mode (`run --check-invariants`, through vim's checkVimInvariants). Each recomputes from the ledger
 * and inventories and throws domain's InvariantViolation on the first broken rule; none of them
 * changes the state.
 */
import { invariant, RESOURCE_CLASS_COUNT, RESOURCE_CLASSES, type ResourceClass } from "../domain/index.js";
import {
  emptyRecords,
  FIT,
  genericSlot,
  MASK,
  MAX_FREE,
  MIN_FREE,
  SHAPE_TRACKED_CLASSES,
  shapeFreeSlot,
  shapeSlot,
  USABLE,
  writeLeafRecord,
} from "./index-record.js";
import type { SubsetTree } from "./subset-tree.js";
import { ADD_OK, checkAdd, inventoryProblem } from "./inventory.js";
import { HOLD_PREFIX, type NfviState } from "./nfvi-state.js";

const C = RESOURCE_CLASS_COUNT;

/** Runs every checker below. */
export function checkNfviInvariants(state: NfviState): void {
  checkInventories(state);
  checkLedger(state);
  checkCapacity(state);
  checkUnits(state);
  checkIndex(state);
}

/** INV-A5 (shape): every inventory record has total > 0, 0 ≤ reserved ≤ total; PCPU ratio 1 (INV-A4). */
export function checkInventories(state: NfviState): void {
  for (let h = 0; h < state.hostCount; h++) {
    RESOURCE_CLASSES.forEach((rc, c) => {
      const inv = state.inventory(h, c);
      const problem = inv === undefined ? null : inventoryProblem(rc, inv);
      invariant(problem === null, "INV-A5", () => `${state.hostId(h)}: ${problem}`);
    });
  }
}

/** INV-A6: usage recomputed from the ledger equals the counters; every allocation is on a real host. */
export function checkLedger(state: NfviState): void {
  const sums = new Float64Array(state.hostCount * C);
  for (const a of state.allocations()) {
    const h = a.hostIndex;
    invariant(Number.isInteger(h) && h >= 0 && h < state.hostCount, "INV-A6", () => `${a.consumerId} on host ${h}`);
    RESOURCE_CLASSES.forEach((rc, c) => {
      sums[h * C + c] = (sums[h * C + c] ?? 0) + a.amounts[rc];
    });
  }
  for (let h = 0; h < state.hostCount; h++) {
    for (let c = 0; c < C; c++) {
      const expected = sums[h * C + c] ?? 0;
      const used = state.used(h, c);
      invariant(used === expected, "INV-A6", () => `${label(state, h, c)}: counter ${used}, ledger ${expected}`);
    }
  }
}

/** INV-A1/A5: used ≤ capacity (reserved never used) unless flagged exceeded by an inventory change. */
export function checkCapacity(state: NfviState): void {
  for (let h = 0; h < state.hostCount; h++) {
    for (let c = 0; c < C; c++) {
      const used = state.used(h, c);
      const cap = state.capacity(h, c);
      invariant(used >= 0, "INV-A1", () => `${label(state, h, c)}: negative usage ${used}`);
      invariant(
        used <= cap || state.isExceeded(h, c),
        "INV-A1",
        () => `${label(state, h, c)}: used ${used} > capacity ${cap} and not flagged exceeded`,
      );
    }
  }
}

/** INV-A3: every allocated amount obeys min_unit/max_unit/step_size of the inventory it was claimed on. */
export function checkUnits(state: NfviState): void {
  for (const a of state.allocations()) {
    const h = a.hostIndex;
    if (state.claimedInventoryEpoch(a.consumerId) !== state.inventoryEpoch(h)) continue;
    // Reservation holds are capacity set aside, not instances: the unit rules are per instance.
    if (a.consumerId.startsWith(HOLD_PREFIX)) continue;
    RESOURCE_CLASSES.forEach((rc, c) => {
      const amount = a.amounts[rc];
      if (amount === 0) return;
      const inv = state.inventory(h, c);
      const ok = inv !== undefined && amount >= inv.minUnit && amount <= inv.maxUnit && amount % inv.stepSize === 0;
      invariant(ok, "INV-A3", () => `${a.consumerId}: ${rc} ${amount} breaks the unit rules of ${state.hostId(h)}`);
    });
  }
}

/** INV-IDX: every capacity-index tree equals a naive rebuild from the state. */
export function checkIndex(state: NfviState): void {
  for (const tree of state.index.trees) {
    const fresh = rebuild(state, tree);
    invariant(tree.data.length === fresh.length, "INV-IDX", () => `tree ${tree.key}: ${tree.data.length} slots`);
    // Node 0 is unused by the 1-based layout.
    for (let i = tree.stride; i < fresh.length; i++) {
      invariant(tree.data[i] === fresh[i], "INV-IDX", () => {
        const [v, slot] = [Math.floor(i / tree.stride), i % tree.stride];
        return `tree ${tree.key} node ${v} slot ${slot} = ${tree.data[i]}, expected ${fresh[i]}`;
      });
    }
    checkFitBits(tree, fresh);
  }
}

/**
 * The fit bits of a tree agree with the rebuilt leaf COUNTs: walking firstFitFrom from 0 and from
 * just after each answer visits exactly the fitting leaves, in order, for every shape.
 */
function checkFitBits(tree: SubsetTree, fresh: Int32Array): void {
  for (let k = 0; k < tree.shapes; k++) {
    let from = 0;
    for (let p = 0; p <= tree.hostCount; p++) {
      const fits = p < tree.hostCount && fresh[(tree.size + p) * tree.stride + shapeSlot(k)] === 1;
      if (!fits && p < tree.hostCount) continue;
      const expected = p < tree.hostCount ? p : -1;
      const got = tree.firstFitFrom(k, from);
      invariant(got === expected, "INV-IDX", () => `tree ${tree.key} shape ${k}: first fit from leaf ${from} is ${got}, expected ${expected}`);
      from = p + 1;
    }
  }
}

/** A deliberately naive rebuild: every node folds the leaf records of all hosts below it. */
function rebuild(state: NfviState, tree: SubsetTree): Int32Array {
  const shapes = state.registeredShapes();
  const K = shapes.length;
  const stride = tree.stride;
  const out = emptyRecords(tree.size, K);
  const leaf = { usable: false, fit: new Float64Array(C), free: new Float64Array(C), fitsShape: new Uint8Array(K) };
  for (let p = 0; p < tree.hostCount; p++) {
    const h = tree.hosts[p] ?? 0;
    leaf.usable = state.isUsable(h);
    for (let c = 0; c < C; c++) {
      leaf.free[c] = state.free(h, c);
      leaf.fit[c] = Math.min(state.free(h, c), state.inventory(h, c)?.maxUnit ?? 0);
    }
    shapes.forEach((shape, k) => {
      const fits = RESOURCE_CLASSES.every((rc, c) => checkAdd(state.inventory(h, c), state.used(h, c), shape[rc]) === ADD_OK);
      leaf.fitsShape[k] = fits ? 1 : 0;
    });
    const record = new Int32Array(stride);
    writeLeafRecord(record, 0, leaf, K);
    for (let v = tree.size + p; v >= 1; v >>= 1) fold(out, v * stride, record, K, v === tree.size + p);
  }
  return out;
}

/** Folds one leaf record into the record at `at` (replaces it when `first`). */
function fold(out: Int32Array, at: number, record: Int32Array, shapes: number, first: boolean): void {
  if (first) {
    out.set(record, at);
    return;
  }
  out[at + USABLE] = (out[at + USABLE] ?? 0) + (record[USABLE] ?? 0);
  for (let c = 0; c < C; c++) {
    const g = genericSlot(c);
    out[at + g + FIT] = Math.max(out[at + g + FIT] ?? 0, record[g + FIT] ?? 0);
    out[at + g + MAX_FREE] = Math.max(out[at + g + MAX_FREE] ?? 0, record[g + MAX_FREE] ?? 0);
    out[at + g + MIN_FREE] = Math.min(out[at + g + MIN_FREE] ?? 0, record[g + MIN_FREE] ?? 0);
    out[at + g + MASK] = (out[at + g + MASK] ?? 0) | (record[g + MASK] ?? 0);
  }
  for (let k = 0; k < shapes; k++) {
    const b = shapeSlot(k);
    out[at + b] = (out[at + b] ?? 0) + (record[b] ?? 0);
    for (const c of SHAPE_TRACKED_CLASSES) {
      const j = shapeFreeSlot(k, c);
      out[at + j] = Math.max(out[at + j] ?? 0, record[j] ?? 0);
      out[at + j + 1] = Math.min(out[at + j + 1] ?? 0, record[j + 1] ?? 0);
    }
  }
}

const label = (state: NfviState, h: number, c: number): string =>
  `${state.hostId(h)}/${RESOURCE_CLASSES[c] as ResourceClass}`;

/** A deterministic plain-data image of the whole state (ledger, usage, states, generations, index). */
export function snapshotNfvi(state: NfviState): unknown {
  const hosts = Array.from({ length: state.hostCount }, (_, h) => ({
    id: state.hostId(h),
    state: state.hostState(h),
    enabled: state.isEnabled(h),
    generation: state.generation(h),
    used: Array.from({ length: C }, (_, c) => state.used(h, c)),
    capacity: Array.from({ length: C }, (_, c) => state.capacity(h, c)),
    exceeded: Array.from({ length: C }, (_, c) => state.isExceeded(h, c)),
  }));
  const trees = state.index.trees.map((t) => ({ key: t.key, data: Array.from(t.data) }));
  return { hosts, allocations: state.allocations(), trees };
}
