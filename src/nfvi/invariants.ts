/**
 * Invariant checkers of the NFVI state (digest §5.A), for property tests and the runner's debug
 * mode. Each recomputes from the ledger and inventories and throws domain's InvariantViolation on
 * the first broken rule; none of them changes the state.
 */
import { invariant, RESOURCE_CLASS_COUNT, RESOURCE_CLASSES, type ResourceClass } from "../domain/index.js";
import { freeBucket, type SubsetTree } from "./capacity-index.js";
import { ADD_OK, checkAdd, inventoryProblem } from "./inventory.js";
import type { NfviState } from "./nfvi-state.js";

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
    RESOURCE_CLASSES.forEach((rc, c) => {
      const amount = a.amounts[rc];
      if (amount === 0) return;
      const inv = state.inventory(h, c);
      const ok = inv !== undefined && amount >= inv.minUnit && amount <= inv.maxUnit && amount % inv.stepSize === 0;
      invariant(ok, "INV-A3", () => `${a.consumerId}: ${rc} ${amount} breaks the unit rules of ${state.hostId(h)}`);
    });
  }
}

/** INV-IDX: every capacity-index tree equals a fresh rebuild from the state. */
export function checkIndex(state: NfviState): void {
  for (const tree of state.index.trees) {
    const fresh = rebuild(state, tree);
    const fields = ["usable", "maxFit", "maxFree", "minFree", "freeMask", "shapeCount", "shapeMaxFree", "shapeMinFree"] as const;
    for (const f of fields) {
      const stored = tree[f];
      const want = fresh[f];
      invariant(stored.length === want.length, "INV-IDX", () => `tree ${tree.key} ${f}: length ${stored.length}`);
      // Node 0 is unused by the 1-based tree layout; its slots are never written.
      const skip = f === "usable" ? 1 : f.startsWith("shape") ? tree.shapes * (f === "shapeCount" ? 1 : C) : C;
      for (let i = skip; i < want.length; i++) {
        invariant(stored[i] === want[i], "INV-IDX", () => `tree ${tree.key} ${f}[${i}] = ${stored[i]}, expected ${want[i]}`);
      }
    }
  }
}

type Field = "usable" | "maxFit" | "maxFree" | "minFree" | "freeMask" | "shapeCount" | "shapeMaxFree" | "shapeMinFree";
type Rebuilt = Record<Field, number[]>;

/** A deliberately naive rebuild: every node recomputed from the hosts below it. */
function rebuild(state: NfviState, tree: SubsetTree): Rebuilt {
  const nodes = 2 * tree.size;
  const shapes = state.registeredShapes();
  const K = shapes.length;
  const out: Rebuilt = {
    usable: new Array<number>(nodes).fill(0),
    maxFit: new Array<number>(nodes * C).fill(Number.NEGATIVE_INFINITY),
    maxFree: new Array<number>(nodes * C).fill(Number.NEGATIVE_INFINITY),
    minFree: new Array<number>(nodes * C).fill(Number.POSITIVE_INFINITY),
    freeMask: new Array<number>(nodes * C).fill(0),
    shapeCount: new Array<number>(nodes * K).fill(0),
    shapeMaxFree: new Array<number>(nodes * K * C).fill(Number.NEGATIVE_INFINITY),
    shapeMinFree: new Array<number>(nodes * K * C).fill(Number.POSITIVE_INFINITY),
  };
  for (let p = 0; p < tree.hostCount; p++) {
    const h = tree.hosts[p] ?? 0;
    if (!state.isUsable(h)) continue;
    const fits = shapes.map((shape) => RESOURCE_CLASSES.every((rc, c) => checkAdd(state.inventory(h, c), state.used(h, c), shape[rc]) === ADD_OK));
    for (let v = tree.size + p; v >= 1; v >>= 1) {
      out.usable[v] = (out.usable[v] ?? 0) + 1;
      for (let c = 0; c < C; c++) {
        const free = state.free(h, c);
        const fit = Math.min(free, state.inventory(h, c)?.maxUnit ?? 0);
        out.maxFit[v * C + c] = Math.max(out.maxFit[v * C + c] ?? 0, fit);
        out.maxFree[v * C + c] = Math.max(out.maxFree[v * C + c] ?? 0, free);
        out.minFree[v * C + c] = Math.min(out.minFree[v * C + c] ?? 0, free);
        out.freeMask[v * C + c] = (out.freeMask[v * C + c] ?? 0) | (1 << freeBucket(free));
        fits.forEach((fit, k) => {
          if (!fit) return;
          const i = (v * K + k) * C + c;
          out.shapeMaxFree[i] = Math.max(out.shapeMaxFree[i] ?? 0, free);
          out.shapeMinFree[i] = Math.min(out.shapeMinFree[i] ?? 0, free);
        });
      }
      fits.forEach((fit, k) => {
        if (fit) out.shapeCount[v * K + k] = (out.shapeCount[v * K + k] ?? 0) + 1;
      });
    }
  }
  return out;
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
  const trees = state.index.trees.map((t) => ({
    key: t.key,
    usable: Array.from(t.usable),
    maxFit: Array.from(t.maxFit),
    maxFree: Array.from(t.maxFree),
    minFree: Array.from(t.minFree),
    freeMask: Array.from(t.freeMask),
    shapeCount: Array.from(t.shapeCount),
    shapeMaxFree: Array.from(t.shapeMaxFree),
    shapeMinFree: Array.from(t.shapeMinFree),
  }));
  return { hosts, allocations: state.allocations(), trees };
}
