/**
 * Admission of a reservation (INV-C1), a pure function of the state: where its capacity would sit
 * (one placement per container slot, or per-host chunks of a pool), or why it cannot be admitted.
 *
 * The rule, per host h and class c, for every instant t of the window [start, end):
 *   ordinary(h,c) + committed(h,c,t) + new(h,c) ≤ capacity(h,c)
 * where ordinary is usage not backed by a reservation (servers without a reservation, and servers
 * kept past their lease), which has no end time in the twin and so counts at every t, and committed
 * is every other reservation active at t (the commitment index, its maximum over the window).
 * Only usable (UP, enabled) hosts take new reservations, as Blazar takes only freepool hosts.
 * Hosts are tried in index order from a starting host the caller gives (next fit: the service starts
 * where its last admission ended), so reservations spread over the hosts: each host keeps a short
 * commitment list and room for the servers that will use them, and an admission usually settles on
 * the first hosts it tries from the cheap lower bound of their room, without reading the index.
 *
 * A container reservation places N slots of its flavour (unit rules of the host apply, as for the
 * instance that will use the slot): affinity puts them on one host, anti-affinity on distinct hosts.
 * A pool reservation (cores, RAM) is cut into per-host chunks in host order, each as large as the
 * host's room over the window allows while keeping the pool's cores:RAM proportion. A pool that asks
 * for accelerator sets places its cores and sets together instead (pool-sets.ts).
 */
import { domainError, fail, ok, RC_MEMORY_MB, RC_VCPU, RESOURCE_CLASS_COUNT, RESOURCE_CLASSES, type Result } from "../../domain/index.js";
import { ADD_OK, unitVerdict, type Inventory } from "../../nfvi/index.js";
import type { CommitmentIndex } from "./commitment-index.js";
import { placePoolSets, type PoolSets } from "./pool-sets.js";

const C = RESOURCE_CLASS_COUNT;

/** What admission reads. */
export interface AdmissionView {
  readonly hostCount: number;
  capacity(h: number, c: number): number;
  inventory(h: number, c: number): Inventory | undefined;
  isUsable(h: number): boolean;
  /** Host indices in scope: a zone's, or all. */
  readonly hostsOf: (zoneId: string | undefined) => readonly number[] | undefined;
  readonly index: CommitmentIndex;
  /** Usage of host h, class c that no reservation backs (see the file comment). */
  ordinaryUsed(h: number, c: number): number;
  /**
   * A lower bound of host h's room over any future window, cheap to read (the ledger's free capacity
   * while the holds are whole: the hold already covers the most committed from now on), or −Infinity
   * when unknown. Admission reads the interval index only where this bound is not enough.
   */
  roomLowerBound?(h: number, c: number): number;
}

export type Affinity = "affinity" | "anti-affinity";

/** What is asked: N slots of a flavour vector, or a pool of cores and RAM. */
export type ReservationShape =
  | { readonly kind: "container"; readonly flavourAmounts: Float64Array; readonly count: number; readonly affinity?: Affinity }
  | { readonly kind: "pool"; readonly numCpuCores: number; readonly virtualMemSizeMb: number; readonly numVcInstances: number };

/** Capacity of one reservation on one host (one slot, or one pool chunk). */
export interface Placement {
  readonly host: number;
  readonly amounts: Float64Array;
  /** Accelerator sets the chunk's host holds for a pool that asks for them (pool-sets.ts). */
  readonly accSets?: number;
}

export interface AdmissionRequest {
  readonly zoneId: string | undefined;
  readonly fromMs: number;
  readonly toMs: number;
  readonly shape: ReservationShape;
  /** Position in the scope's host list to start from (next fit); default 0. */
  readonly startAt?: number;
  /** The most container slots (≤ most) host h can take by what else than capacity limits them (free accelerator handles). */
  readonly slotLimit?: (h: number, most: number) => number;
  /** A pool's accelerator sets, placed together with its cores and RAM (pool-sets.ts); absent: cores and RAM only. */
  readonly poolSets?: PoolSets;
}

/** The shape's total amounts per class. */
export function shapeTotals(shape: ReservationShape): Float64Array {
  const out = new Float64Array(C);
  // Stryker disable next-line EqualityOperator: one class past the end reads undefined and writes past a typed array's end, both no-ops
  if (shape.kind === "container") for (let c = 0; c < C; c++) out[c] = shape.flavourAmounts[c]! * shape.count;
  else {
    out[RC_VCPU] = shape.numCpuCores;
    out[RC_MEMORY_MB] = shape.virtualMemSizeMb;
  }
  return out;
}

/** INVALID_ARGUMENT when the reservation can never fit the zone, whatever else is booked (bad input). */
export function checkFitsZone(view: AdmissionView, req: AdmissionRequest): Result<readonly number[]> {
  const hosts = view.hostsOf(req.zoneId);
  if (hosts === undefined) return fail(domainError("NOT_FOUND", `zone ${req.zoneId} does not exist`));
  const totals = shapeTotals(req.shape);
  // Stryker disable next-line EqualityOperator: one class past the end reads undefined and writes past a typed array's end, both no-ops
  for (let c = 0; c < C; c++) {
    let zoneCapacity = 0;
    for (const h of hosts) zoneCapacity += view.capacity(h, c);
    if (totals[c]! > zoneCapacity) {
      return fail(domainError("INVALID_ARGUMENT", `the reservation asks ${totals[c]} ${RESOURCE_CLASSES[c]}, more than the ${zoneCapacity} of ${req.zoneId ?? "the whole VIM"}`));
    }
  }
  return ok(hosts);
}

/** Admission (see the file comment): the placements, or NO_VALID_HOST / INVALID_ARGUMENT. Pure. */
export function admitReservation(view: AdmissionView, req: AdmissionRequest): Result<Placement[]> {
  const scope = checkFitsZone(view, req);
  if (!scope.ok) return scope;
  const k = (req.startAt ?? 0) % Math.max(1, scope.value.length);
  // Stryker disable next-line ConditionalExpression: at k = 0 the rotation is the list itself (the branch only saves a copy)
  const hosts = { value: k === 0 ? scope.value : [...scope.value.slice(k), ...scope.value.slice(0, k)] };
  const room = (h: number, out: Float64Array, need: Float64Array): Float64Array => {
    if (view.roomLowerBound !== undefined) {
      let enough = true;
      for (let c = 0; c < C && enough; c++) {
        out[c] = view.roomLowerBound(h, c);
        enough = out[c]! >= need[c]!;
      }
      // Enough by the bound: the exact room could only be larger, and the placement takes `need` at most.
      if (enough) return out;
    }
    return roomOver(view, h, req.fromMs, req.toMs, out);
  };
  if (req.shape.kind === "pool" && req.poolSets !== undefined) return admitPoolSets(view, hosts.value.filter((h) => view.isUsable(h)), req, req.shape, req.poolSets, room);
  const placed = req.shape.kind === "container" ? placeSlots(view, hosts.value, req.shape, room, req.slotLimit) : placePool(hosts.value.filter((h) => view.isUsable(h)), req.shape, room);
  if (placed !== undefined) return ok(placed);
  const what = req.slotLimit === undefined ? "capacity" : "capacity or accelerator handles";
  return fail(domainError("NO_VALID_HOST", `not enough ${what} in ${req.zoneId ?? "the whole VIM"} over [${req.fromMs}, ${req.toMs}) for the reservation`, { [`insufficient ${what} over the window`]: 1 }));
}

/** A pool with accelerator sets (pool-sets.ts): its chunks, or NO_VALID_HOST saying whether sets or cores/RAM were short. */
function admitPoolSets(view: AdmissionView, hosts: readonly number[], req: AdmissionRequest, shape: Extract<ReservationShape, { kind: "pool" }>, sets: PoolSets, room: Room): Result<Placement[]> {
  const atMost = (h: number, out: Float64Array): Float64Array => {
    // Stryker disable next-line EqualityOperator: one class past the end reads undefined and writes past a typed array's end, both no-ops
    for (let c = 0; c < C; c++) out[c] = view.capacity(h, c) - view.ordinaryUsed(h, c);
    return out;
  };
  const placed = placePoolSets(hosts, shape.numCpuCores, shape.virtualMemSizeMb, sets, room, atMost);
  if (Array.isArray(placed)) return ok(placed);
  const where = `${req.zoneId ?? "the whole VIM"} over [${req.fromMs}, ${req.toMs})`;
  if (placed.short === "sets") {
    return fail(domainError("NO_VALID_HOST", `not enough accelerator sets in ${where} for the pool: ${placed.freeSets} free of the ${sets.count} asked`, { "insufficient accelerator sets": 1 }));
  }
  return fail(domainError("NO_VALID_HOST", `not enough cores or RAM beside free accelerator sets in ${where} for the pool: ${placed.placedSets} of ${sets.count} sets placed with their share`, { "insufficient cores or RAM beside free accelerator sets": 1 }));
}

/** Per class: capacity − ordinary − the most committed over the window, into `out`. */
export function roomOver(view: AdmissionView, h: number, fromMs: number, toMs: number, out: Float64Array): Float64Array {
  view.index.maxOver(h, fromMs, toMs, out);
  // Stryker disable next-line EqualityOperator: one class past the end reads undefined and writes past a typed array's end, both no-ops
  for (let c = 0; c < C; c++) out[c] = view.capacity(h, c) - view.ordinaryUsed(h, c) - out[c]!;
  return out;
}

/** Does one slot of `amounts` obey host h's unit rules (as the instance using it must)? */
function unitsAdmit(view: AdmissionView, h: number, amounts: Float64Array): boolean {
  for (let c = 0; c < C; c++) {
    const a = amounts[c]!;
    if (a === 0) continue;
    const inv = view.inventory(h, c);
    if (inv === undefined || unitVerdict(true, inv.minUnit, inv.maxUnit, inv.stepSize, a) !== ADD_OK) return false;
  }
  return true;
}

/** How many slots of `amounts` fit in `free`. */
function slotsIn(free: Float64Array, amounts: Float64Array): number {
  let n = Number.POSITIVE_INFINITY;
  // Stryker disable next-line EqualityOperator: one class past the end reads undefined and writes past a typed array's end, both no-ops
  for (let c = 0; c < C; c++) if (amounts[c]! > 0) n = Math.min(n, Math.floor(free[c]! / amounts[c]!));
  return Math.max(0, n);
}

type Room = (h: number, out: Float64Array, need: Float64Array) => Float64Array;

function placeSlots(view: AdmissionView, hosts: readonly number[], shape: Extract<ReservationShape, { kind: "container" }>, room: Room, slotLimit?: (h: number, most: number) => number): Placement[] | undefined {
  const free = new Float64Array(C);
  const need = new Float64Array(C);
  const out: Placement[] = [];
  for (const h of hosts) {
    if (!view.isUsable(h) || !unitsAdmit(view, h, shape.flavourAmounts)) continue;
    // The most slots this host could take: all that remain (one for anti-affinity).
    const most = shape.affinity === "anti-affinity" ? 1 : shape.count - out.length;
    // Stryker disable next-line EqualityOperator: one class past the end reads undefined and writes past a typed array's end, both no-ops
    for (let c = 0; c < C; c++) need[c] = shape.flavourAmounts[c]! * most;
    const byRoom = slotsIn(room(h, free, need), shape.flavourAmounts);
    const fits = slotLimit === undefined ? byRoom : slotLimit(h, Math.min(byRoom, most));
    if (shape.affinity === "affinity") {
      if (fits >= shape.count) return Array.from({ length: shape.count }, () => ({ host: h, amounts: shape.flavourAmounts }));
      continue;
    }
    const take = Math.min(fits, shape.count - out.length, shape.affinity === "anti-affinity" ? 1 : fits);
    for (let i = 0; i < take; i++) out.push({ host: h, amounts: shape.flavourAmounts });
    if (out.length === shape.count) return out;
  }
  return undefined;
}

function placePool(hosts: readonly number[], shape: Extract<ReservationShape, { kind: "pool" }>, room: Room): Placement[] | undefined {
  const remaining = new Float64Array(C);
  remaining[RC_VCPU] = shape.numCpuCores;
  remaining[RC_MEMORY_MB] = shape.virtualMemSizeMb;
  const free = new Float64Array(C);
  const out: Placement[] = [];
  for (const h of hosts) {
    if (remaining[RC_VCPU] === 0 && remaining[RC_MEMORY_MB] === 0) break;
    room(h, free, remaining);
    // The largest share k of what remains that fits the host in every asked class.
    let k = 1;
    for (const c of [RC_VCPU, RC_MEMORY_MB]) if (remaining[c]! > 0) k = Math.min(k, Math.max(0, free[c]!) / remaining[c]!);
    const chunk = new Float64Array(C);
    let empty = false;
    for (const c of [RC_VCPU, RC_MEMORY_MB]) {
      // Stryker disable next-line ConditionalExpression,EqualityOperator: k ≤ 1 and amounts are integers, so at k = 1 both branches give remaining[c]
      chunk[c] = k >= 1 ? remaining[c]! : Math.floor(k * remaining[c]!);
      if (remaining[c]! > 0 && chunk[c] === 0) empty = true;
    }
    if (empty) continue;
    for (const c of [RC_VCPU, RC_MEMORY_MB]) remaining[c]! -= chunk[c]!;
    out.push({ host: h, amounts: chunk });
  }
  return remaining[RC_VCPU] === 0 && remaining[RC_MEMORY_MB] === 0 ? out : undefined;
}
