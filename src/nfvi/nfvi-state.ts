/**
 * The mutable state of the NFVI: per-(host, class) usage, host operational state, the allocation
 * ledger and the capacity index derived from them.
 *
 * Hosts are addressed by a dense index in host-id order (topology.ts): index 0 is the lowest id, so
 * "lowest host id" and "lowest index" are one tie-break. The numbers live in a HostTable (host-table.ts),
 * the registered shapes and the index leaves in a ShapeTable (shape-table.ts); construction and the
 * claim's argument checks are in create-nfvi.ts and claim-checks.ts.
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
import { CapacityIndex, type CapacityIndexView } from "./capacity-index.js";
import { claimShapeProblem, hostNotFound } from "./claim-checks.js";
import type { HostOperationalState } from "./host.js";
import { HostTable, STATE_CODES } from "./host-table.js";
import { shapeKey } from "./index-record.js";
import type { AcceleratorPool } from "./accelerators/acc-pool.js";
import { ADD_OK, capacityVerdict, inventoryProblem, verdictReason, type AddVerdict, type Inventory } from "./inventory.js";
import type { Allocation, NfviView } from "./nfvi-view.js";
import { Ledger, type LedgerConsumer } from "./ledger.js";
import { ShapeTable } from "./shape-table.js";
import type { Topology } from "./topology.js";

const C = RESOURCE_CLASS_COUNT;
/** Consumer ids of reservation holds (claimHold) start with this. */
export const HOLD_PREFIX = "hold-";

/** The NFVI state. Build it with `createNfviState`. */
export class NfviState implements NfviView {
  readonly hostCount: number;
  /** The per-host and per-(host, class) numbers (shared with the shape table). */
  private readonly table: HostTable;
  /** Zone index per host, copied from the topology: read per placed server and per sample (hot). */
  private readonly zoneIndices: Int32Array;
  /** Consumer → host, amounts and the inventory epoch claimed under (unit rules, INV-A3, use that inventory). */
  private readonly ledger = new Ledger();
  private readonly capacityIndex: CapacityIndex;
  private changes = 0;
  /** Counts setInventory calls: placement memoises per-inventory values (weigher inputs) by it. */
  inventoryChanges = 0;
  /** Registered request shapes and the index leaf source (shape-table.ts). */
  private readonly shapes: ShapeTable;
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
    const table = new HostTable(n);
    this.table = table;
    this.shapes = new ShapeTable(table);
    this.zoneIndices = Int32Array.from(topology.hosts, (host) => host.zoneIndex);
    const metadata = [...topology.metadataHosts].map(([key, hosts]) => ({ key, hosts }));
    // One closure for the state's lifetime: the index calls it for each pending leaf it flushes.
    this.capacityIndex = new CapacityIndex(n, topology.zones.map((z) => z.hosts), metadata, (h, part) => this.shapes.leafOf(h, part));
    for (const host of topology.hosts) {
      const h = host.index;
      table.states[h] = Math.max(0, STATE_CODES.indexOf(host.spec.state ?? "UP"));
      table.enabledFlags[h] = host.spec.enabled === false ? 0 : 1;
      RESOURCE_CLASSES.forEach((rc, c) => table.writeInventory(h, c, host.spec.inventories[rc]));
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
    return STATE_CODES[this.table.states[h] ?? 0] ?? "UP";
  }
  isEnabled(h: number): boolean {
    return this.table.enabledFlags[h] === 1;
  }
  isUsable(h: number): boolean {
    return this.table.isUsable(h);
  }
  inventory(h: number, c: number): Inventory | undefined {
    return this.table.inventories[h * C + c];
  }
  capacity(h: number, c: number): number {
    return this.table.cap[h * C + c] ?? 0;
  }
  used(h: number, c: number): number {
    return this.table.usedUnits[h * C + c] ?? 0;
  }
  free(h: number, c: number): number {
    return this.table.free(h, c);
  }
  checkAdd(h: number, c: number, amount: number): AddVerdict {
    return this.table.checkAdd(h, c, amount);
  }
  hasMetadata(h: number, key: string, value: string): boolean {
    return this.host(h).metadata.get(key)?.includes(value) ?? false;
  }
  generation(h: number): number {
    return this.table.generations[h] ?? 0;
  }
  /** Is (h, c) flagged exceeded: over capacity because an inventory change lowered capacity under usage? */
  isExceeded(h: number, c: number): boolean {
    return this.table.exceededFlags[h * C + c] === 1;
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
    return this.shapes.vectors.map((v) => toAmounts(v));
  }
  /** The inventory epoch a consumer's amounts were claimed under (for INV-A3), or undefined. */
  claimedInventoryEpoch(consumerId: string): number | undefined {
    const slot = this.ledger.slot(consumerId);
    return slot < 0 ? undefined : this.ledger.epochOf(slot);
  }
  /** How many times host h's inventory changed since the state was built. */
  inventoryEpoch(h: number): number {
    return this.table.inventoryEpochs[h] ?? 0;
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
      this.shapes.add(vector);
      for (let h = 0; h < this.hostCount; h++) this.refresh(h);
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
    for (const vector of this.shapes.vectors) copy.capacityIndex.addShape(shapeKey(vector));
    copy.shapes.copyFrom(this.shapes);
    copy.table.copyFrom(this.table);
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
    if (source.topology !== this.topology || source.shapes.count !== this.shapes.count || this.ledger.size !== 0) return false;
    const perClass = this.table.perClassPairs(source.table);
    for (let h = 0; h < this.hostCount; h++) {
      if (!this.table.syncHostFrom(source.table, h, perClass)) continue;
      this.shapes.syncHostFrom(source.shapes, h);
      this.refresh(h);
    }
    this.table.exceededRaised = source.table.exceededRaised;
    return true;
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
    const used = this.table.usedUnits;
    for (let c = 0; c < C; c++) used[h * C + c]! += vector[c]!;
    const slot = this.ledger.add(consumerId, h, vector, this.inventoryEpoch(h));
    this.touch(h);
    return ok(this.ledger.record(slot));
  }

  /**
   * The hot-path form of `claim` for callers that keep the returned ledger slot (the VIM keeps one
   * per server) and own the uniqueness of consumer ids (server ids are never reused, INV-D4):
   * `vector` holds the amounts in class order, already validated (a flavour's). Same capacity and
   * unit rules, all classes or none; returns the slot, or −1 when `claim` would refuse (ask it why).
   * Every placed request of bench/e2e.bench.ts (erlang-loss) and bench/scale.bench.ts comes here.
   */
  claimVector(consumer: LedgerConsumer, h: number, vector: Float64Array): number {
    if (!this.validHost(h)) return -1;
    if (this.ledger.indexed && this.ledger.has(typeof consumer === "string" ? consumer : consumer.id)) return -1;
    for (let c = 0; c < C; c++) {
      const a = vector[c]!;
      if (a !== 0 && this.checkAdd(h, c, a) !== ADD_OK) return -1;
    }
    const used = this.table.usedUnits;
    for (let c = 0; c < C; c++) used[h * C + c]! += vector[c]!;
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
      if (a !== 0 && capacityVerdict(this.table.cap[h * C + c]!, this.table.usedUnits[h * C + c]!, a) !== ADD_OK) return -1;
    }
    const used = this.table.usedUnits;
    for (let c = 0; c < C; c++) used[h * C + c]! += vector[c]!;
    const slot = this.ledger.add(consumerId, h, vector, this.inventoryEpoch(h));
    this.touch(h);
    return slot;
  }

  /** The hot-path form of `release` by ledger slot (from `claimVector`); returns the host index. */
  releaseSlot(slot: number): number {
    if (!this.ledger.isLive(slot)) throw new InvariantViolation("INV-A6", `ledger slot ${slot} holds no allocation`);
    const h = this.ledger.hostOf(slot);
    const used = this.table.usedUnits;
    for (let c = 0; c < C; c++) used[h * C + c]! -= this.ledger.amountOf(slot, c);
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
    const used = this.table.usedUnits;
    for (let c = 0; c < C; c++) used[h * C + c]! -= this.ledger.amountOf(slot, c);
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
    this.table.states[h] = code;
    this.touch(h);
    return ok(before);
  }

  /** Enables or disables the compute service of host h; returns the previous flag. */
  setEnabled(h: number, enabled: boolean): Result<boolean> {
    if (!this.validHost(h)) return fail(hostNotFound(h));
    const before = this.isEnabled(h);
    this.table.enabledFlags[h] = enabled ? 1 : 0;
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
    this.table.writeInventory(h, c, inventory);
    this.shapes.refreshUnits(h);
    this.table.inventoryEpochs[h] = this.inventoryEpoch(h) + 1;
    this.inventoryChanges++;
    const exceeded = used > this.capacity(h, c);
    if (exceeded) this.table.raiseExceeded(h, c);
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

  private touch(h: number): void {
    const table = this.table;
    table.generations[h] = this.generation(h) + 1;
    // The flag is raised only by setInventory and drops once usage is back within capacity.
    if (table.exceededRaised !== 0) table.dropExceeded(h);
    this.refresh(h);
  }

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

  private validHost(h: number): boolean {
    return Number.isInteger(h) && h >= 0 && h < this.hostCount;
  }

  private host(h: number): Topology["hosts"][number] {
    const host = this.topology.hosts[h];
    if (host === undefined) throw new RangeError(`no host with index ${h}`);
    return host;
  }
}
