/**
 * IFA 005 network reservation management (Create / Query / Update / Terminate
 * NetworkResourceReservation) over the kernel, with the compute and storage reservations' rules:
 *   - Create admits every pool it asks (public IPs, a network's ports, segmentation ids) over the
 *     whole window against the pool less ordinary allocations and every other network commitment
 *     (network-admission.ts, INV-C1), and books it in a commitment index of pools;
 *   - ordinary allocations see each pool less what is held from now on and not yet consumed (INV-C2,
 *     through NetworkService's NetworkReservations hook); an allocation naming the reservation draws
 *     from it only while ACTIVE, for its tenant, up to its amount per pool (INV-C3);
 *   - expiry unused releases it (INV-C4); at the end bound resources are deleted (ports, networks,
 *     public IPs released) or kept as ordinary usage by its policy (INV-C5); Terminate does the same at
 *     once (INV-C9); a before-end warning fires at end − lead (default 1h as Blazar, INV-C8).
 * Statuses move along reservation-machine.ts's tables; events are lease-events.ts's (INV-C7). Every
 * change is one log record (entity `reservation`) and one ReservationChangeNotification.
 */
import { domainError, fail, ok, type DomainError, type Result } from "../../domain/index.js";
import type { Simulation } from "../../kernel/index.js";
import type { EventLog } from "../../metrics/index.js";
import { ChangeLog, type ChangePublisher } from "../common/change-log.js";
import type { NetworkService } from "../network/network-service.js";
import type { NetworkReservations } from "../network/network-reservations.js";
import { publicIpView } from "../network/public-ips.js";
import { CommitmentIndex } from "./commitment-index.js";
import { HeldMax } from "./held-max.js";
import type { PoolCommitments } from "./pool-commitments.js";
import { cancelLease, type LeaseSteps } from "./lease-events.js";
import { admitNetwork, type AdmittedPool, type NetworkAdmissionView } from "./network-admission.js";
import { networkAmounts, networkReservationView, validateNetworkAmounts, type NetworkReservationAmounts, type NetworkReservationRecord, type NetworkReservationRequest } from "./network-reservation.js";
import { INITIAL_STATUS, holdsCapacity } from "./reservation-machine.js";
import { validateTimes, type ReservationTimes } from "./reservation.js";
import { ReservationStats } from "./reservation-stats.js";
import { enterLease, finishLease, LeaseBook, leaseStep, rebookLease, updatedTimes, type FinishOp, type LeaseBookkeeping } from "./lease-book.js";


/** Times and amounts Update may change (absent: unchanged). */
export type NetworkReservationUpdate = Partial<Pick<NetworkReservationRequest, "startMs" | "endMs" | "expiryMs" | "beforeEndLeadMs" | "network">>;

/** Items bound per kind of pool, for summaries. */
export interface NetworkBoundCounts {
  readonly publicIps: number;
  readonly ports: number;
  readonly segments: number;
}

/** Order in which bound resources are reclaimed: a network goes after its ports. */
const RECLAIM_RANK: Readonly<Record<string, number>> = { publicIp: 0, port: 1, segment: 2 };
const kindOf = (pool: string): string => pool.split(":")[0]!;

export class NetworkReservationService implements NetworkReservations {
  readonly stats = new ReservationStats();
  readonly changes: ChangeLog;
  private readonly index = new CommitmentIndex(0);
  private readonly heldMax = new HeldMax(this.index);
  private readonly pools = new Map<string, number>();
  private readonly leases = new LeaseBook<NetworkReservationRecord>();
  /** Bound resource id → its reservation. */
  private readonly boundItems = new Map<string, NetworkReservationRecord>();
  /** Pool → items drawn by bound resources of every reservation (they count inside it, not as ordinary usage). */
  private readonly boundByPool = new Map<string, number>();
  private readonly boundKinds = { publicIp: 0, port: 0, segment: 0 };
  private readonly view: NetworkAdmissionView;
  private readonly steps: LeaseSteps<NetworkReservationRecord>;
  private readonly bookkeeping: LeaseBookkeeping<NetworkReservationRecord, AdmittedPool[]>;
  private nextNo = 1;

  constructor(
    private readonly sim: Simulation,
    private readonly network: NetworkService,
    log: EventLog,
    publisher?: ChangePublisher,
  ) {
    this.changes = new ChangeLog(sim, log);
    if (publisher !== undefined) this.changes.publishTo(publisher);
    this.view = {
      index: this.index,
      poolNo: (p) => this.pools.get(p),
      capacity: (p) => network.poolCapacity(p),
      ordinary: (p) => network.poolInUse(p) - (this.boundByPool.get(p) ?? 0),
    };
    this.steps = { start: (r) => leaseStep(this.bookkeeping, r, "start"), beforeEnd: (r) => leaseStep(this.bookkeeping, r, "beforeEnd"), finish: (r, op) => this.finish(r, op) };
    this.bookkeeping = { sim, leases: this.leases, stats: this.stats, changes: this.changes, steps: this.steps, book: (r, a) => this.book(r, a), view: (r) => this.viewOf(r) };
    network.useReservations(this);
  }

  /** CreateNetworkResourceReservation: the record, or INVALID_ARGUMENT / NOT_FOUND / CONFLICT / NO_VALID_HOST. */
  create(req: NetworkReservationRequest): Result<NetworkReservationRecord> {
    return enterLease(this.bookkeeping, req, this.admitNew(req));
  }

  private admitNew(req: NetworkReservationRequest): Result<{ record: NetworkReservationRecord; admitted: AdmittedPool[] }> {
    const id = req.reservationId ?? `nresv-${this.nextNo}`;
    if (this.leases.has(id)) return fail(domainError("CONFLICT", `reservation ${id} already exists`));
    const times = validateTimes(req, this.sim.nowMs);
    if (!times.ok) return times;
    const asked = validateNetworkAmounts(req.network);
    if (!asked.ok) return asked;
    const amounts = networkAmounts(asked.value);
    const admitted = admitNetwork(this.view, amounts, times.value.startMs, times.value.endMs);
    if (!admitted.ok) return admitted;
    if (req.reservationId === undefined) this.nextNo++;
    const record: NetworkReservationRecord = {
      reservationId: id,
      tenantId: req.tenantId,
      zoneId: req.zoneId,
      reclaim: req.reclaim ?? "delete",
      createdAtMs: this.sim.nowMs,
      times: times.value,
      network: asked.value,
      amounts,
      status: INITIAL_STATUS,
      bound: new Map(),
      boundByPool: new Map(),
      used: false,
      handles: [],
    };
    return ok({ record, admitted: admitted.value });
  }

  /** QueryNetworkResourceReservation: matching reservations in creation order. */
  query(filter: { readonly reservationId?: string; readonly tenantId?: string } = {}): NetworkReservationRecord[] {
    return this.leases.query(filter);
  }

  get(reservationId: string): NetworkReservationRecord | undefined {
    return this.leases.get(reservationId);
  }

  /** Reservations in creation order. */
  all(): readonly NetworkReservationRecord[] {
    return this.leases.order;
  }

  /**
   * UpdateNetworkResourceReservation: new times and amounts admitted as a whole against every other
   * commitment; nothing changes on refusal. An ACTIVE reservation keeps its start, and may not shrink
   * below what its resources already draw.
   */
  update(reservationId: string, change: NetworkReservationUpdate): Result<NetworkReservationRecord> {
    const found = this.leases.forOp(reservationId, "update");
    if (!found.ok) return found;
    const r = found.value;
    const checked = this.checkUpdate(r, change);
    if (!checked.ok) return checked;
    const { times, asked } = checked.value;
    const amounts = networkAmounts(asked);
    const before = this.changes.snapshot(() => this.viewOf(r));
    this.unbook(r);
    const admitted = admitNetwork(this.view, amounts, Math.max(times.startMs, this.sim.nowMs), times.endMs);
    if (!admitted.ok) {
      this.rebook(r);
      return admitted;
    }
    r.times = times;
    r.network = asked;
    r.amounts = amounts;
    return rebookLease(this.bookkeeping, r, admitted.value, before);
  }

  private checkUpdate(r: NetworkReservationRecord, change: NetworkReservationUpdate): Result<{ times: ReservationTimes; asked: NetworkReservationAmounts }> {
    const times = updatedTimes(r, change, this.sim.nowMs);
    if (!times.ok) return times;
    const asked = validateNetworkAmounts(change.network ?? r.network);
    if (!asked.ok) return asked;
    const next = new Map(networkAmounts(asked.value));
    for (const [pool, n] of r.boundByPool) {
      if (n > (next.get(pool) ?? 0)) return fail(domainError("INVALID_ARGUMENT", `reservation ${r.reservationId}: its resources already draw ${n} of ${pool}`));
    }
    return ok({ times: times.value, asked: asked.value });
  }

  /** TerminateNetworkResourceReservation: unconsumed items free in this step; bound resources follow the policy (INV-C9). */
  terminate(reservationId: string): Result<NetworkReservationRecord> {
    const found = this.leases.forOp(reservationId, "terminate");
    if (!found.ok) return found;
    const r = found.value;
    cancelLease(this.sim, r);
    this.finish(r, "terminate");
    return ok(r);
  }

  /**
   * INV-C2/C3 checked against the pools, null when sound: no pool holds more than its capacity, no
   * lease has more bound than it holds, and only ACTIVE leases have resources bound.
   */
  problem(): string | null {
    for (const pool of [...this.pools.keys()].sort()) {
      const capacity = this.network.poolCapacity(pool);
      if (capacity !== undefined && this.network.poolInUse(pool) > capacity) return `${pool}: ${this.network.poolInUse(pool)} in use, capacity ${capacity}`;
    }
    for (const r of this.leases.order) {
      if (r.status.ifa !== "ACTIVE" && r.bound.size > 0) return `reservation ${r.reservationId} is ${r.status.ifa} with ${r.bound.size} resources bound`;
      for (const [pool, n] of r.boundByPool) {
        const amount = r.amounts.find(([p]) => p === pool)?.[1] ?? 0;
        if (n > amount) return `reservation ${r.reservationId} has ${n} of ${pool} bound, ${amount} reserved`;
      }
    }
    return null;
  }

  /** Items bound so far per kind of pool. */
  boundCounts(): NetworkBoundCounts {
    return { publicIps: this.boundKinds.publicIp, ports: this.boundKinds.port, segments: this.boundKinds.segment };
  }

  /** The commitments on `pool`, for QueryResourceCapacity (pool-commitments.ts). */
  commitmentsOf(pool: string): PoolCommitments {
    return {
      index: this.index,
      no: this.pools.get(pool),
      heldNow: () => this.held(pool),
      boundAt: (atMs) => this.leases.order.reduce((sum, r) => (atMs < r.times.endMs ? sum + (r.boundByPool.get(pool) ?? 0) : sum), 0),
    };
  }

  // ---- NetworkReservations (the network service's hook) --------------------------------------

  held(pool: string): number {
    const no = this.pools.get(pool);
    if (no === undefined || this.index.count === 0) return 0;
    return this.heldMax.from(no, this.sim.nowMs) - (this.boundByPool.get(pool) ?? 0);
  }

  admit(reservationId: string, tenantId: string, pool: string, count: number): Result<void> {
    const e = this.refusal(this.leases.get(reservationId), reservationId, tenantId, pool, count);
    if (e === undefined) return ok(undefined);
    this.stats.consumptionRefused(e.kind);
    return fail(e);
  }

  private refusal(r: NetworkReservationRecord | undefined, id: string, tenantId: string, pool: string, count: number): DomainError | undefined {
    if (r === undefined || r.tenantId !== tenantId) return domainError("NOT_FOUND", `reservation ${id} does not exist`);
    if (r.status.ifa !== "ACTIVE") return domainError("WRONG_STATE", `reservation ${id} is ${r.status.ifa}, not ACTIVE`);
    const amount = r.amounts.find(([p]) => p === pool)?.[1];
    if (amount === undefined) return domainError("INVALID_ARGUMENT", `reservation ${id} holds no ${pool} (it holds ${r.amounts.map(([p]) => p).join(", ")})`);
    const left = amount - (r.boundByPool.get(pool) ?? 0);
    if (count > left) return domainError("EXHAUSTED", `reservation ${id} has ${left} of ${pool} left, ${count} requested`);
    return undefined;
  }

  consume(reservationId: string, pool: string, itemId: string, count: number): void {
    const r = this.leases.get(reservationId)!;
    const before = this.changes.snapshot(() => this.viewOf(r));
    r.bound.set(itemId, { pool, count });
    r.boundByPool.set(pool, (r.boundByPool.get(pool) ?? 0) + count);
    this.boundByPool.set(pool, (this.boundByPool.get(pool) ?? 0) + count);
    this.boundItems.set(itemId, r);
    this.boundKinds[kindOf(pool) as keyof typeof this.boundKinds]++;
    this.stats.consumed(1);
    r.used = true;
    this.changes.write("reservation", r.reservationId, "consume", before, () => this.viewOf(r));
  }

  release(itemId: string): void {
    const r = this.boundItems.get(itemId);
    if (r === undefined) return;
    const before = this.changes.snapshot(() => this.viewOf(r));
    this.unbind(r, itemId);
    this.changes.write("reservation", r.reservationId, "release", before, () => this.viewOf(r));
  }

  holderOf(pool: string): string | undefined {
    return this.leases.order.find((r) => holdsCapacity(r.status) && r.amounts.some(([p]) => p === pool))?.reservationId;
  }

  // ---- steps --------------------------------------------------------------------------------

  /** End, expiry or terminate: unbook, reclaim bound resources by the policy (INV-C5, C9), log. */
  private finish(r: NetworkReservationRecord, op: FinishOp): void {
    finishLease(this.bookkeeping, r, op, {
      unbook: (lease) => this.unbook(lease),
      // A network goes after its ports; otherwise in binding order.
      boundInOrder: (lease) =>
        [...lease.bound]
          .map(([id, b], i) => ({ id, rank: RECLAIM_RANK[kindOf(b.pool)]!, i }))
          .sort((a, b) => a.rank - b.rank || a.i - b.i)
          .map((x) => x.id),
      unbind: (lease, id) => this.unbind(lease, id),
      remove: (id) => this.network.reclaim(id),
    });
  }

  private book(r: NetworkReservationRecord, admitted: readonly AdmittedPool[]): void {
    const nowMs = this.sim.nowMs;
    const { startMs, endMs } = r.times;
    for (const a of admitted) {
      const no = this.poolNo(a.pool);
      this.index.add(no, { reservationId: r.reservationId, fromMs: startMs, toMs: endMs, amounts: Float64Array.of(a.amount) });
      // Admission measured the window from max(start, now): the same instants the kept maximum covers.
      this.heldMax.added(no, nowMs, Math.max(startMs, nowMs), endMs, a.windowMax + a.amount);
    }
  }

  /** Books the reservation's current amounts again (an update was refused). */
  private rebook(r: NetworkReservationRecord): void {
    for (const [pool, amount] of r.amounts) {
      const no = this.poolNo(pool);
      this.index.add(no, { reservationId: r.reservationId, fromMs: r.times.startMs, toMs: r.times.endMs, amounts: Float64Array.of(amount) });
      this.heldMax.removed(no);
    }
  }

  private unbook(r: NetworkReservationRecord): void {
    for (const [pool] of r.amounts) {
      const no = this.pools.get(pool);
      if (no === undefined) continue;
      this.index.remove(no, r.reservationId);
      this.heldMax.removed(no);
    }
  }

  private poolNo(pool: string): number {
    let no = this.pools.get(pool);
    if (no === undefined) {
      no = this.index.addHost();
      this.pools.set(pool, no);
    }
    return no;
  }

  private unbind(r: NetworkReservationRecord, itemId: string): void {
    const b = r.bound.get(itemId);
    if (b === undefined) return;
    r.boundByPool.set(b.pool, r.boundByPool.get(b.pool)! - b.count);
    this.boundByPool.set(b.pool, this.boundByPool.get(b.pool)! - b.count);
    r.bound.delete(itemId);
    this.boundItems.delete(itemId);
  }

  viewOf(r: NetworkReservationRecord): Record<string, unknown> {
    return networkReservationView(r, {
      address: (id) => {
        const f = this.network.publicIp(id);
        return f === undefined ? undefined : (publicIpView(f).address as string);
      },
      segmentationId: (id) => this.network.network(id)?.segmentationId,
    });
  }
}

