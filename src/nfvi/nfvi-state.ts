/**
 * The mutable state of the NFVI: per-(host, class) usage, host operational state, the allocation
 * ledger and the capacity index derived from them.
 *
 * Hosts are addressed by a dense index in host-id order (topology.ts): index 0 is the lowest id, so
 * "lowest host id" and "lowest index" are one tie-break. Per-(host, class) numbers live in typed arrays
 * indexed `host * RESOURCE_CLASS_COUNT + class` (class order = domain RESOURCE_CLASSES).
 *
 * Every mutation goes through this class so that the ledger, the usage counters, the per-host
 * generation and the capacity index never disagree (INV-A6; `checkNfviInvariants` verifies it).
 * The generation of a host counts every change placement could have read about it (usage, state,
 * enabled flag, inventory): a decision taken at generation g is stale if the host has moved on, and
 * `claim` can refuse it with CONFLICT.
 */
import {
  domainError,
  fail,
  InvariantViolation,
  ok,
  RESOURCE_CLASS_COUNT,
  RESOURCE_CLASSES,
  type HostId,
  type ResourceAmounts,
  type ResourceClass,
  type Result,
} from "../domain/index.js";
import { readAmounts, toAmounts } from "./amounts.js";
import { CapacityIndex, shapeKey, type CapacityIndexView, type IndexPart, type LeafValues } from "./capacity-index.js";
import type { AggregateSpec, HostOperationalState, HostSpec } from "./host.js";
import { AcceleratorPool } from "./accelerators/acc-pool.js";
import type { AccImageSpec } from "./accelerators/acc-spec.js";
import {
  ADD_OK,
  capacity as capacityOf,
  capacityVerdict,
  checkAmount,
  unitVerdict,
  inventoryProblem,
  verdictReason,
  type AddVerdict,
  type Inventory,
} from "./inventory.js";
import type { Allocation, NfviView } from "./nfvi-view.js";
import { Ledger, type LedgerConsumer } from "./ledger.js";
import { buildTopology, type Topology } from "./topology.js";

const C = RESOURCE_CLASS_COUNT;
/** Consumer ids of reservation holds (claimHold) start with this. */
export const HOLD_PREFIX = "hold-";
const STATE_CODES: readonly HostOperationalState[] = ["UP", "DOWN", "MAINTENANCE"];

/** The NFVI state. Build it with `createNfviState`. */
export class NfviState implements NfviView {
  readonly hostCount: number;
  private readonly cap: Float64Array;
  private readonly usedUnits: Float64Array;
  private readonly minUnit: Float64Array;
  private readonly maxUnit: Float64Array;
  private readonly stepSize: Float64Array;
  private readonly present: Uint8Array;
  private readonly inventories: (Inventory | undefined)[];
  private readonly inventoryEpochs: Float64Array;
  private readonly states: Uint8Array;
  /** Zone index per host, copied from the topology: read per placed server and per sample (hot). */
  private readonly zoneIndices: Int32Array;
  private readonly enabledFlags: Uint8Array;
  private readonly generations: Float64Array;
  /** Pairs whose capacity was lowered under their usage by setInventory (INV-A1 "exceeded" flag). */
  private readonly exceededFlags: Uint8Array;
  /** How many exceeded flags are up: while none is, a change need not look for one to drop. */
  private exceededRaised = 0;
  /** Consumer → host, amounts and the inventory epoch claimed under (unit rules, INV-A3, use that inventory). */
  private readonly ledger = new Ledger();
  private readonly capacityIndex: CapacityIndex;
  private changes = 0;
  /** Counts setInventory calls: placement memoises per-inventory values (weigher inputs) by it. */
  inventoryChanges = 0;
  /** Registered request shapes (amount vectors), see capacity-index.ts. */
  private readonly shapes: Float64Array[] = [];
  /** Per (host, shape): 1 when the host's unit rules admit the shape (host * shapes + k). */
  private shapeUnitsOk = new Uint8Array(0);
  private readonly scratchFit = new Float64Array(C);
  private readonly scratchFree = new Float64Array(C);
  private readonly leaf = {
    usable: false,
    fit: this.scratchFit,
    free: this.scratchFree,
    fitsShape: new Uint8Array(0),
  };
  private readonly scratchAmounts = new Float64Array(C);

  /** The accelerator table; undefined when no host has accelerators (placement then skips them). */
  accelerators: AcceleratorPool | undefined = undefined;

  /**
   * Called after every change of a host (usage, hold, inventory, state, enabled), so that a run can
   * keep exact time-weighted integrals instead of sampling; it must only read this state.
   */
  onHostChanged: ((h: number) => void) | undefined = undefined;

  constructor(readonly topology: Topology) {
    const n = topology.hosts.length;
    this.hostCount = n;
    this.cap = new Float64Array(n * C);
    this.usedUnits = new Float64Array(n * C);
    this.minUnit = new Float64Array(n * C);
    this.maxUnit = new Float64Array(n * C);
    this.stepSize = new Float64Array(n * C).fill(1);
    this.present = new Uint8Array(n * C);
    this.inventories = new Array<Inventory | undefined>(n * C).fill(undefined);
    this.inventoryEpochs = new Float64Array(n);
    this.states = new Uint8Array(n);
    this.zoneIndices = Int32Array.from(topology.hosts, (host) => host.zoneIndex);
    this.enabledFlags = new Uint8Array(n);
    this.generations = new Float64Array(n);
    this.exceededFlags = new Uint8Array(n * C);
    const metadata = [...topology.metadataHosts].map(([key, hosts]) => ({ key, hosts }));
    this.capacityIndex = new CapacityIndex(n, topology.zones.map((z) => z.hosts), metadata, (h, part) => this.leafOf(h, part));
    for (const host of topology.hosts) {
      const h = host.index;
      this.states[h] = Math.max(0, STATE_CODES.indexOf(host.spec.state ?? "UP"));
      this.enabledFlags[h] = host.spec.enabled === false ? 0 : 1;
      RESOURCE_CLASSES.forEach((rc, c) => this.writeInventory(h, c, host.spec.inventories[rc]));
      this.refresh(h);
    }
  }

  get index(): CapacityIndexView {
    return this.capacityIndex;
  }
  get consumerCount(): number {
    return this.ledger.size;
  }
  hostId(h: number): HostId {
    return this.host(h).spec.id;
  }
  hostIndex(id: HostId): number | undefined {
    return this.topology.hostIndex(id);
  }
  zoneIndexOf(h: number): number {
    // A typed array answers undefined for any non-host index: then throw the usual RangeError.
    return this.zoneIndices[h] ?? this.host(h).zoneIndex;
  }
  hostState(h: number): HostOperationalState {
    return STATE_CODES[this.states[h] ?? 0] ?? "UP";
  }
  isEnabled(h: number): boolean {
    return this.enabledFlags[h] === 1;
  }
  isUsable(h: number): boolean {
    return this.states[h] === 0 && this.enabledFlags[h] === 1;
  }
  inventory(h: number, c: number): Inventory | undefined {
    return this.inventories[h * C + c];
  }
  capacity(h: number, c: number): number {
    return this.cap[h * C + c] ?? 0;
  }
  used(h: number, c: number): number {
    return this.usedUnits[h * C + c] ?? 0;
  }
  free(h: number, c: number): number {
    const i = h * C + c;
    return (this.cap[i] ?? 0) - (this.usedUnits[i] ?? 0);
  }
  checkAdd(h: number, c: number, amount: number): AddVerdict {
    const i = h * C + c;
    return checkAmount(
      this.present[i] === 1,
      this.minUnit[i] ?? 0,
      this.maxUnit[i] ?? 0,
      this.stepSize[i] ?? 1,
      this.cap[i] ?? 0,
      this.usedUnits[i] ?? 0,
      amount,
    );
  }
  hasMetadata(h: number, key: string, value: string): boolean {
    return this.host(h).metadata.get(key)?.includes(value) ?? false;
  }
  generation(h: number): number {
    return this.generations[h] ?? 0;
  }
  /** Is (h, c) flagged exceeded: over capacity because an inventory change lowered capacity under usage? */
  isExceeded(h: number, c: number): boolean {
    return this.exceededFlags[h * C + c] === 1;
  }
  allocation(consumerId: string): Allocation | undefined {
    const slot = this.ledger.slot(consumerId);
    return slot < 0 ? undefined : this.ledger.record(slot);
  }
  /** All allocations, sorted by consumer id (deterministic). */
  allocations(): Allocation[] {
    return [...this.ledger.consumerIds()].sort().map((k) => this.ledger.record(this.ledger.slot(k)));
  }
  /** The registered request shapes, in shape-index order. */
  registeredShapes(): ResourceAmounts[] {
    return this.shapes.map((v) => toAmounts(v));
  }
  /** The inventory epoch a consumer's amounts were claimed under (for INV-A3), or undefined. */
  claimedInventoryEpoch(consumerId: string): number | undefined {
    const slot = this.ledger.slot(consumerId);
    return slot < 0 ? undefined : this.ledger.epochOf(slot);
  }
  /** How many times host h's inventory changed since the state was built. */
  inventoryEpoch(h: number): number {
    return this.inventoryEpochs[h] ?? 0;
  }

  /**
   * Registers a request shape (typically a flavour) with the capacity index, which then answers
   * "where does this whole shape fit" exactly (capacity-index.ts). Idempotent; returns the shape's
   * index. Registering a new shape rebuilds the index (O(hosts × log hosts)): do it at start-up.
   */
  registerShape(amounts: Partial<ResourceAmounts>): Result<number> {
    const vector = new Float64Array(C);
    const bad = readAmounts(amounts, vector);
    if (bad !== null) return fail(bad);
    const { index, rebuilt } = this.capacityIndex.addShape(shapeKey(vector));
    if (rebuilt) {
      this.shapes.push(vector);
      this.leaf.fitsShape = new Uint8Array(this.shapes.length);
      this.shapeUnitsOk = new Uint8Array(this.hostCount * this.shapes.length);
      for (let h = 0; h < this.hostCount; h++) {
        this.refreshShapeUnits(h);
        this.refresh(h);
      }
    }
    return ok(index);
  }

  /**
   * A detached copy for dry runs (the N+1 headroom): the same inventories, usage, host states,
   * enabled flags and registered shapes, so placement answers on it as it would here; an empty ledger
   * (usage is copied as numbers), no accelerators, no onHostChanged. Nothing done to it reaches this
   * state. Costs one index build per registered shape (O(hosts) each).
   */
  detachedCopy(): NfviState {
    const copy = new NfviState(this.topology);
    for (const vector of this.shapes) {
      copy.capacityIndex.addShape(shapeKey(vector));
      copy.shapes.push(vector);
    }
    copy.leaf.fitsShape = new Uint8Array(this.shapes.length);
    copy.shapeUnitsOk = this.shapeUnitsOk.slice();
    for (const [to, from] of copy.perClassPairs(this)) to.set(from);
    for (const [to, from] of [[copy.inventoryEpochs, this.inventoryEpochs], [copy.states, this.states], [copy.enabledFlags, this.enabledFlags]] as const) to.set(from);
    for (let i = 0; i < this.inventories.length; i++) copy.inventories[i] = this.inventories[i];
    copy.exceededRaised = this.exceededRaised;
    for (let h = 0; h < this.hostCount; h++) copy.refresh(h);
    return copy;
  }

  /**
   * Brings a detached copy back in step with `source`, the state it was copied from, rewriting (and
   * re-indexing) only the hosts whose numbers differ: what a dry run per utilisation sample needs
   * instead of a new copy (O(hosts) compares against an index build per shape). False, changing
   * nothing, when it cannot: another topology or set of shapes, or claims still held on the copy.
   */
  syncFrom(source: NfviState): boolean {
    if (source.topology !== this.topology || source.shapes.length !== this.shapes.length || this.ledger.size !== 0) return false;
    const perClass = this.perClassPairs(source);
    for (let h = 0; h < this.hostCount; h++) {
      let same = this.states[h] === source.states[h] && this.enabledFlags[h] === source.enabledFlags[h] && this.inventoryEpochs[h] === source.inventoryEpochs[h];
      for (let i = h * C; i < (h + 1) * C && same; i++) for (const [to, from] of perClass) same &&= to[i] === from[i];
      if (same) continue;
      for (const [to, from] of perClass) to.set(from.subarray(h * C, (h + 1) * C), h * C);
      for (let i = h * C; i < (h + 1) * C; i++) this.inventories[i] = source.inventories[i];
      this.states[h] = source.states[h]!;
      this.enabledFlags[h] = source.enabledFlags[h]!;
      this.inventoryEpochs[h] = source.inventoryEpochs[h]!;
      const K = this.shapes.length;
      this.shapeUnitsOk.set(source.shapeUnitsOk.subarray(h * K, (h + 1) * K), h * K);
      this.refresh(h);
    }
    this.exceededRaised = source.exceededRaised;
    return true;
  }

  /** This state's per-class arrays (host × class) paired with `source`'s: what a copy or a sync moves. */
  private perClassPairs(source: NfviState): ReadonlyArray<readonly [Float64Array | Uint8Array, Float64Array | Uint8Array]> {
    return [
      [this.cap, source.cap], [this.usedUnits, source.usedUnits], [this.minUnit, source.minUnit], [this.maxUnit, source.maxUnit],
      [this.stepSize, source.stepSize], [this.present, source.present], [this.exceededFlags, source.exceededFlags],
    ];
  }

  /**
   * Allocates `amounts` on host h for a new consumer, all classes or none (INV-A7). Expected
   * failures: NOT_FOUND (host), INVALID_ARGUMENT (amounts), CONFLICT (consumer already holds an
   * allocation, stale generation, or a unit/capacity rule; the message is the countable reason).
   */
  claim(
    consumerId: string,
    h: number,
    amounts: Partial<ResourceAmounts>,
    expectedGeneration?: number,
  ): Result<Allocation> {
    const problem = this.claimProblem(consumerId, h, amounts, expectedGeneration);
    if (problem !== null) return fail(problem);
    const vector = this.scratchAmounts;
    for (let c = 0; c < C; c++) this.usedUnits[h * C + c]! += vector[c]!;
    const slot = this.ledger.add(consumerId, h, vector, this.inventoryEpoch(h));
    this.touch(h);
    return ok(this.ledger.record(slot));
  }

  /**
   * The hot-path form of `claim` for callers that keep the returned ledger slot (the VIM keeps one
   * per server) and own the uniqueness of consumer ids (server ids are never reused, INV-D4):
   * `vector` holds the amounts in class order, already validated (a flavour's). Same capacity and
   * unit rules, all classes or none; returns the slot, or −1 when `claim` would refuse (ask it why).
   */
  claimVector(consumer: LedgerConsumer, h: number, vector: Float64Array): number {
    if (!this.validHost(h)) return -1;
    if (this.ledger.indexed && this.ledger.has(typeof consumer === "string" ? consumer : consumer.id)) return -1;
    for (let c = 0; c < C; c++) {
      const a = vector[c]!;
      if (a !== 0 && this.checkAdd(h, c, a) !== ADD_OK) return -1;
    }
    for (let c = 0; c < C; c++) this.usedUnits[h * C + c]! += vector[c]!;
    const slot = this.ledger.add(consumer, h, vector, this.inventoryEpoch(h));
    this.touch(h);
    return slot;
  }

  /**
   * Sets capacity of host h aside for reservations (a Blazar-style hold): like claimVector, all or
   * nothing, but with the capacity rule only. A hold is capacity taken out of the general pool, not
   * one instance, so the per-instance unit rules (min/max unit, step size) do not apply to it; its
   * consumer id starts with HOLD_PREFIX so the unit checker knows it. Returns the slot, or −1.
   */
  claimHold(consumerId: string, h: number, vector: Float64Array): number {
    if (!this.validHost(h) || !consumerId.startsWith(HOLD_PREFIX)) return -1;
    if (this.ledger.indexed && this.ledger.has(consumerId)) return -1;
    for (let c = 0; c < C; c++) {
      const a = vector[c]!;
      if (a !== 0 && capacityVerdict(this.cap[h * C + c]!, this.usedUnits[h * C + c]!, a) !== ADD_OK) return -1;
    }
    for (let c = 0; c < C; c++) this.usedUnits[h * C + c]! += vector[c]!;
    const slot = this.ledger.add(consumerId, h, vector, this.inventoryEpoch(h));
    this.touch(h);
    return slot;
  }

  /** The hot-path form of `release` by ledger slot (from `claimVector`); returns the host index. */
  releaseSlot(slot: number): number {
    if (!this.ledger.isLive(slot)) throw new InvariantViolation("INV-A6", `ledger slot ${slot} holds no allocation`);
    const h = this.ledger.hostOf(slot);
    for (let c = 0; c < C; c++) this.usedUnits[h * C + c]! -= this.ledger.amountOf(slot, c);
    this.ledger.delete(slot);
    this.touch(h);
    return h;
  }

  /** Removes a consumer's allocation and returns exactly what it held; always accepted (decrease). */
  release(consumerId: string): Result<Allocation> {
    const slot = this.ledger.slot(consumerId);
    if (slot < 0) return fail(domainError("NOT_FOUND", `consumer ${consumerId} has no allocation`));
    const allocation = this.ledger.record(slot);
    const h = allocation.hostIndex;
    for (let c = 0; c < C; c++) this.usedUnits[h * C + c]! -= this.ledger.amountOf(slot, c);
    this.ledger.delete(slot);
    this.touch(h);
    return ok(allocation);
  }

  /** Hands a consumer's allocation to a new consumer id (Nova's migration record takes the source). */
  moveAllocation(fromConsumerId: string, toConsumerId: string): Result<Allocation> {
    const slot = this.ledger.slot(fromConsumerId);
    if (slot < 0) return fail(domainError("NOT_FOUND", `consumer ${fromConsumerId} has no allocation`));
    if (this.ledger.has(toConsumerId)) {
      return fail(domainError("CONFLICT", `consumer ${toConsumerId} already has an allocation`));
    }
    this.ledger.rename(slot, toConsumerId);
    this.touch(this.ledger.hostOf(slot));
    return ok(this.ledger.record(slot));
  }

  /** The consumers holding allocations on the hosts marked 1 in `mark` (instances and migration records). */
  consumersOn(mark: Uint8Array): LedgerConsumer[] {
    return this.ledger.consumersOn(mark);
  }

  /** Sets the operational state of host h; returns the previous state. */
  setHostState(h: number, state: HostOperationalState): Result<HostOperationalState> {
    if (!this.validHost(h)) return fail(hostNotFound(h));
    const code = STATE_CODES.indexOf(state);
    if (code < 0) return fail(domainError("INVALID_ARGUMENT", `unknown host state ${String(state)}`));
    const before = this.hostState(h);
    this.states[h] = code;
    this.touch(h);
    return ok(before);
  }

  /** Enables or disables the compute service of host h; returns the previous flag. */
  setEnabled(h: number, enabled: boolean): Result<boolean> {
    if (!this.validHost(h)) return fail(hostNotFound(h));
    const before = this.isEnabled(h);
    this.enabledFlags[h] = enabled ? 1 : 0;
    this.touch(h);
    return ok(before);
  }

  /**
   * Replaces the inventory of (h, rc); undefined removes it. As in Placement, a capacity below the
   * current usage is accepted and reported as `exceeded` (no eviction; the pair then accepts only
   * decreases, INV-A2); removing an inventory that is in use is a CONFLICT.
   */
  setInventory(h: number, rc: ResourceClass, inventory: Inventory | undefined): Result<{ exceeded: boolean }> {
    if (!this.validHost(h)) return fail(hostNotFound(h));
    const c = RESOURCE_CLASSES.indexOf(rc);
    const used = this.used(h, c);
    if (inventory === undefined && used > 0) {
      return fail(domainError("CONFLICT", `${rc} inventory of ${this.hostId(h)} is in use`));
    }
    const problem = inventory === undefined ? null : inventoryProblem(rc, inventory);
    if (problem !== null) return fail(domainError("INVALID_ARGUMENT", problem));
    this.writeInventory(h, c, inventory);
    this.refreshShapeUnits(h);
    this.inventoryEpochs[h] = this.inventoryEpoch(h) + 1;
    this.inventoryChanges++;
    const exceeded = used > this.capacity(h, c);
    if (exceeded && this.exceededFlags[h * C + c] === 0) {
      this.exceededFlags[h * C + c] = 1;
      this.exceededRaised++;
    }
    this.touch(h);
    return ok({ exceeded });
  }

  private claimProblem(
    consumerId: string,
    h: number,
    amounts: Partial<ResourceAmounts>,
    expectedGeneration: number | undefined,
  ): ReturnType<typeof domainError> | null {
    if (!this.validHost(h)) return hostNotFound(h);
    if (this.ledger.has(consumerId)) return domainError("CONFLICT", `consumer ${consumerId} already has an allocation`);
    if (expectedGeneration !== undefined && expectedGeneration !== this.generation(h)) {
      return domainError("CONFLICT", `host ${this.hostId(h)} changed (generation ${this.generation(h)})`);
    }
    const refused = claimShapeProblem(amounts);
    if (refused !== null) return refused;
    const bad = readAmounts(amounts, this.scratchAmounts);
    if (bad !== null) return bad;
    for (let c = 0; c < C; c++) {
      const verdict = this.checkAdd(h, c, this.scratchAmounts[c] ?? 0);
      if (verdict !== ADD_OK) {
        const reason = verdictReason(verdict, RESOURCE_CLASSES[c] as ResourceClass);
        return domainError("CONFLICT", reason, { [reason]: 1 });
      }
    }
    return null;
  }

  private writeInventory(h: number, c: number, inv: Inventory | undefined): void {
    const i = h * C + c;
    this.inventories[i] = inv;
    this.present[i] = inv === undefined ? 0 : 1;
    this.cap[i] = capacityOf(inv);
    this.minUnit[i] = inv?.minUnit ?? 0;
    this.maxUnit[i] = inv?.maxUnit ?? 0;
    this.stepSize[i] = inv?.stepSize ?? 1;
  }

  private touch(h: number): void {
    this.generations[h] = this.generation(h) + 1;
    // The flag is raised only by setInventory and drops once usage is back within capacity.
    if (this.exceededRaised === 0) return this.refresh(h);
    for (let c = 0; c < C; c++) {
      if (this.exceededFlags[h * C + c] === 1 && this.free(h, c) >= 0) {
        this.exceededFlags[h * C + c] = 0;
        this.exceededRaised--;
      }
    }
    this.refresh(h);
  }

  /** Pushes host h's current numbers into the capacity index. */
  /** Host h changed: the capacity index rewrites its leaves (from leafOf) before it is next read. */
  private refresh(h: number): void {
    this.changes++;
    this.capacityIndex.update(h);
    this.onHostChanged?.(h);
  }

  /**
   * A counter that moves on every change a placement decision could read (usage, state, enabled,
   * inventory): equal versions mean equal answers from a pure policy, so callers may reuse them.
   */
  get version(): number {
    return this.changes;
  }

  /**
   * The index leaf values of host h now (into a shared scratch object: copy before keeping); for the
   * "counts" part only `usable` and `fitsShape` (LeafSource).
   */
  private leafOf(h: number, part: IndexPart): LeafValues {
    for (let c = 0; c < C && part !== "counts"; c++) {
      const free = this.free(h, c);
      this.scratchFree[c] = free;
      this.scratchFit[c] = Math.min(free, this.maxUnit[h * C + c] ?? 0);
    }
    const leaf = this.leaf;
    leaf.usable = this.isUsable(h);
    const K = this.shapes.length;
    for (let k = 0; k < K; k++) leaf.fitsShape[k] = this.shapeUnitsOk[h * K + k] === 1 && this.capacityAdmits(h, k) ? 1 : 0;
    return leaf;
  }

  /** The capacity half of the rule for every class of shape k on host h (units are precomputed). */
  private capacityAdmits(h: number, k: number): boolean {
    const amounts = this.shapes[k] as Float64Array;
    for (let c = 0; c < C; c++) {
      const a = amounts[c]!;
      if (a !== 0 && capacityVerdict(this.cap[h * C + c]!, this.usedUnits[h * C + c]!, a) !== ADD_OK) return false;
    }
    return true;
  }

  /** Recomputes the unit half of the rule for every (host, shape) pair of host h. */
  private refreshShapeUnits(h: number): void {
    const K = this.shapes.length;
    for (let k = 0; k < K; k++) {
      const amounts = this.shapes[k] as Float64Array;
      let ok = true;
      for (let c = 0; c < C && ok; c++) {
        const i = h * C + c;
        const a = amounts[c]!;
        ok = a === 0 || unitVerdict(this.present[i] === 1, this.minUnit[i]!, this.maxUnit[i]!, this.stepSize[i]!, a) === ADD_OK;
      }
      this.shapeUnitsOk[h * K + k] = ok ? 1 : 0;
    }
  }

  private validHost(h: number): boolean {
    return Number.isInteger(h) && h >= 0 && h < this.hostCount;
  }

  private host(h: number): Topology["hosts"][number] {
    const host = this.topology.hosts[h];
    if (host === undefined) throw new RangeError(`no host with index ${h}`);
    return host;
  }
}

const hostNotFound = (h: number): ReturnType<typeof domainError> => domainError("NOT_FOUND", `no host with index ${h}`);

/** Options of `createNfviState`. */
export interface NfviOptions {
  /** Request shapes to index exactly (e.g. every flavour); see NfviState.registerShape. */
  readonly shapes?: readonly Partial<ResourceAmounts>[];
  /** Accelerator images (FPGA bitstreams) hosts may load. */
  readonly accImages?: readonly AccImageSpec[];
}

/** Builds the NFVI state (every host empty) from host specs and aggregates. */
export function createNfviState(
  hosts: readonly HostSpec[],
  aggregates: readonly AggregateSpec[] = [],
  options: NfviOptions = {},
): Result<NfviState> {
  const topology = buildTopology(hosts, aggregates);
  if (!topology.ok) return topology;
  const state = new NfviState(topology.value);
  for (const shape of options.shapes ?? []) {
    const registered = state.registerShape(shape);
    if (!registered.ok) return registered;
  }
  if (hosts.some((h) => (h.accelerators?.length ?? 0) > 0)) {
    const byId = new Map(hosts.map((h) => [h.id as string, h.accelerators ?? []]));
    const ids = Array.from({ length: state.hostCount }, (_, h) => state.hostId(h) as string);
    state.accelerators = new AcceleratorPool(ids, ids.map((id) => byId.get(id) ?? []), options.accImages ?? []);
  }
  return ok(state);
}

/**
 * What Placement's PUT /allocations refuses with 400 before looking at any provider, so the twin's
 * claim refuses it too (INVALID_ARGUMENT): no resource class at all, a class it does not know, and a
 * class asked with amount 0 (the schema's minimum is 1; "not asked" is leaving the class out).
 */
function claimShapeProblem(amounts: Partial<ResourceAmounts>): ReturnType<typeof domainError> | null {
  const classes = Object.keys(amounts);
  if (classes.length === 0) return domainError("INVALID_ARGUMENT", "an allocation needs at least one resource class (Placement refuses empty resources)");
  for (const rc of classes) {
    if (!(RESOURCE_CLASSES as readonly string[]).includes(rc)) return domainError("INVALID_ARGUMENT", `unknown resource class ${rc}; classes: ${RESOURCE_CLASSES.join(", ")}`);
  }
  for (const rc of classes) {
    if (amounts[rc as ResourceClass] === 0) return domainError("INVALID_ARGUMENT", `${rc} amount 0: leave a class out instead (Placement refuses a zero amount)`);
  }
  return null;
}
