/**
 * Model-based test of reservations, quotas and allocations behind the façade: random sequences of
 * Create/Update/Terminate reservation, bound and unbound Allocate, Terminate server, quota changes
 * and the passing of time, checked after every step against a brute-force reference that recomputes
 * every commitment over time from scratch (INV-B1..B5, C1..C9, A9).
 *
 * Times: operations happen on multiples of 10 ms and every lease event on 5 mod 10, so the reference
 * knows which events have run by now (those strictly before it) without copying the kernel's order.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RESOURCE_CLASSES, RC_MEMORY_MB, RC_VCPU, RESOURCE_CLASS_COUNT } from "../../domain/index.js";
import { RESERVATION_FLAVOURS, reservationWorld, type ReservationWorld } from "../../testing/reservation-world.js";
import type { ReservationRecord } from "./reservation.js";
import { isAllowedCombination, type IfaReservationStatus } from "./reservation-machine.js";

const C = RESOURCE_CLASS_COUNT;
const TENANTS = ["t1", "t2"];

const createOp = fc.record({
  kind: fc.constant("create" as const),
  tenant: fc.integer({ min: 0, max: 1 }),
  zone: fc.option(fc.integer({ min: 0, max: 1 }), { nil: undefined }),
  startIn: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
  length: fc.integer({ min: 1, max: 8 }),
  expiry: fc.option(fc.integer({ min: 0, max: 7 }), { nil: undefined }),
  lead: fc.constantFrom(0, 10, 30),
  shape: fc.oneof(
    fc.record({ kind: fc.constant("container" as const), flavour: fc.integer({ min: 0, max: 2 }), count: fc.integer({ min: 1, max: 4 }), affinity: fc.constantFrom(undefined, "affinity" as const, "anti-affinity" as const) }),
    fc.record({ kind: fc.constant("pool" as const), cores: fc.integer({ min: 1, max: 12 }), ramGb: fc.integer({ min: 1, max: 20 }), instances: fc.integer({ min: 1, max: 4 }) }),
  ),
});
const op = fc.oneof(
  createOp,
  fc.record({ kind: fc.constant("allocate" as const), tenant: fc.integer({ min: 0, max: 1 }), flavour: fc.integer({ min: 0, max: 2 }), count: fc.integer({ min: 1, max: 3 }), reservation: fc.option(fc.nat(), { nil: undefined }), aligned: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant("terminateServer" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("terminateReservation" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("updateEnd" as const), pick: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant("quota" as const), tenant: fc.integer({ min: 0, max: 1 }), instances: fc.integer({ min: 0, max: 8 }), cores: fc.integer({ min: 0, max: 24 }) }),
  fc.record({ kind: fc.constant("advance" as const), steps: fc.integer({ min: 1, max: 4 }) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** What the reference remembers of a reservation: nothing the SUT computes except where it put it. */
interface RefReservation {
  readonly id: string;
  readonly tenant: string;
  readonly createdAtMs: number;
  readonly immediate: boolean;
  startMs: number;
  endMs: number;
  expiryMs: number | undefined;
  readonly leadMs: number;
  usedAtMs: number | undefined;
  terminatedAtMs: number | undefined;
  statusAtTermination: IfaReservationStatus | undefined;
  warned: boolean;
  /** The before-end warning never runs before this (an update reschedules it no earlier than its own time). */
  warnFloorMs: number;
  updated: boolean;
  readonly limit: number;
  readonly pool: boolean;
}

interface Ref {
  readonly reservations: RefReservation[];
  /** Bound live server number → reservation id. */
  readonly bound: Map<number, string>;
  readonly quotas: Map<string, { instances: number; cores: number }>;
}

/** The reference's status of r now (see the file comment for which events have run). */
function refStatus(r: RefReservation, now: number): IfaReservationStatus {
  if (r.terminatedAtMs !== undefined) return r.statusAtTermination!;
  return statusAt(r, now);
}

function statusAt(r: RefReservation, now: number): IfaReservationStatus {
  const started = r.immediate || r.startMs < now;
  if (!started) return "PENDING";
  if (r.expiryMs !== undefined && r.expiryMs < now && !(r.usedAtMs !== undefined && r.usedAtMs < r.expiryMs)) return "EXPIRED";
  if (r.endMs < now) return "TERMINATED";
  return "ACTIVE";
}

const holding = (s: IfaReservationStatus): boolean => s === "PENDING" || s === "ACTIVE";

function amountsOf(flavourId: string): Float64Array {
  const f = RESERVATION_FLAVOURS.find((x) => x.id === flavourId)!;
  return Float64Array.from(RESOURCE_CLASSES.map((rc) => f.amounts[rc]));
}

/** Per host: ordinary usage, bound usage (recounted from live servers), and every live server's total. */
function recount(w: ReservationWorld, ref: Ref) {
  const n = w.nfvi.hostCount;
  const ordinary = new Float64Array(n * C);
  const bound = new Float64Array(n * C);
  for (const s of w.compute.query()) {
    if (s.hostIndex < 0) continue;
    const a = amountsOf(s.flavourSpec.id);
    const rid = ref.bound.get(s.no);
    const pool = rid !== undefined && ref.reservations.find((r) => r.id === rid)!.pool;
    for (let c = 0; c < C; c++) {
      const inReservation = rid !== undefined && (!pool || c === RC_VCPU || c === RC_MEMORY_MB);
      (inReservation ? bound : ordinary)[s.hostIndex * C + c]! += a[c]!;
    }
  }
  return { ordinary, bound };
}

/** Brute force: per host and class, the most committed at any instant from now on (every end point tried). */
function maxCommitted(w: ReservationWorld, ref: Ref, now: number): Float64Array {
  const n = w.nfvi.hostCount;
  const out = new Float64Array(n * C);
  const live = ref.reservations.filter((r) => holding(refStatus(r, now)));
  const records = new Map(live.map((r) => [r.id, w.reservations.get(r.id)!] as const));
  const instants = new Set<number>([now, ...live.flatMap((r) => [r.startMs, r.endMs])]);
  for (const t of instants) {
    if (t < now) continue;
    const sum = new Float64Array(n * C);
    for (const r of live) {
      if (!(Math.max(r.startMs, now) <= t && t < r.endMs)) continue;
      for (const p of records.get(r.id)!.placements) for (let c = 0; c < C; c++) sum[p.host * C + c]! += p.amounts[c]!;
    }
    for (let i = 0; i < n * C; i++) out[i] = Math.max(out[i]!, sum[i]!);
  }
  return out;
}

function checkReservations(w: ReservationWorld, ref: Ref): void {
  const now = w.sim.nowMs;
  for (const r of ref.reservations) {
    const rec = w.reservations.get(r.id)!;
    const status = refStatus(r, now);
    expect(rec.status.ifa, `${r.id} status at ${now}`).toBe(status);
    expect(isAllowedCombination(rec.status), `${r.id} Blazar combination ${JSON.stringify(rec.status)}`).toBe(true); // INV-C6
    // INV-C8: the warning ran iff its time passed while the lease was active.
    if (r.terminatedAtMs === undefined && r.leadMs > 0 && Number.isFinite(r.endMs)) {
      const warnAt = Math.max(r.startMs, r.endMs - r.leadMs, r.warnFloorMs);
      const expiredFirst = r.expiryMs !== undefined && r.expiryMs < warnAt && !(r.usedAtMs !== undefined && r.usedAtMs < r.expiryMs);
      // An immediate lease whose warning falls on its start runs it at once; an updated one reschedules it.
      if (!expiredFirst && (warnAt < now || (r.immediate && !r.updated && warnAt === r.startMs))) r.warned = true;
    }
    expect(rec.status.beforeEndEvent === "DONE", `${r.id} before-end warning`).toBe(r.warned);
    // INV-C3/C5: only an ACTIVE reservation has bound servers, at most its limit, on its own hosts.
    const mine = [...ref.bound].filter(([, id]) => id === r.id).map(([no]) => no);
    if (status !== "ACTIVE") expect(mine, `${r.id} is ${status} yet has servers`).toEqual([]);
    expect(mine.length).toBeLessThanOrEqual(r.limit);
    expect([...rec.bindings.keys()].sort((a, b) => a - b)).toEqual(mine.sort((a, b) => a - b));
    const hosts = new Set(rec.placements.map((p) => p.host));
    for (const no of mine) expect(hosts.has(w.compute.server(no)!.hostIndex)).toBe(true);
  }
}

function checkCapacity(w: ReservationWorld, ref: Ref): void {
  const now = w.sim.nowMs;
  const { ordinary, bound } = recount(w, ref);
  const committed = maxCommitted(w, ref, now);
  for (let h = 0; h < w.nfvi.hostCount; h++) {
    for (let c = 0; c < C; c++) {
      const i = h * C + c;
      const label = `host ${h} ${RESOURCE_CLASSES[c]} at ${now}`;
      // INV-C1/C2: ordinary usage plus every commitment from now on fits; the hold is exactly the rest.
      expect(ordinary[i]! + committed[i]!, label).toBeLessThanOrEqual(w.nfvi.capacity(h, c));
      expect(w.reservations.holds.heldOn(h, c), `${label} hold`).toBe(Math.max(0, committed[i]! - bound[i]!));
      expect(w.nfvi.used(h, c), `${label} ledger`).toBe(ordinary[i]! + bound[i]! + w.reservations.holds.heldOn(h, c));
    }
  }
  // INV-A9 per zone and for the whole VIM: total = available + reserved + allocated, allocated recounted.
  for (const zoneId of [undefined, ...w.zones]) {
    for (const rc of ["VCPU", "MEMORY_MB"] as const) {
      const q = w.vim.capacity.query(w.vim.admin, { ...(zoneId === undefined ? {} : { zoneId }), resourceClass: rc });
      expect(q.ok).toBe(true);
      if (!q.ok) continue;
      const c = RESOURCE_CLASSES.indexOf(rc);
      let allocated = 0;
      let held = 0;
      for (let h = 0; h < w.nfvi.hostCount; h++) {
        if (zoneId !== undefined && w.zones[w.nfvi.zoneIndexOf(h)] !== zoneId) continue;
        allocated += ordinary[h * C + c]! + bound[h * C + c]!;
        held += w.reservations.holds.heldOn(h, c);
      }
      const v = q.value;
      expect(v.totalCapacity).toBe(v.availableCapacity + v.reservedCapacity + v.allocatedCapacity);
      expect(v.allocatedCapacity).toBe(allocated);
      expect(v.reservedCapacity).toBe(held);
    }
  }
}

/** INV-B1/B3: every tenant's counted usage equals a recount and stays within its limits. */
function checkQuotas(w: ReservationWorld, ref: Ref): void {
  for (const t of TENANTS) {
    const servers = w.compute.query({ tenant: t });
    const cores = servers.reduce((s, x) => s + x.flavourSpec.amounts.VCPU, 0);
    const view = w.vim.quotas.query(w.vim.admin, t);
    expect(view.ok).toBe(true);
    if (!view.ok) continue;
    expect(view.value[0]!.usage.instances).toBe(servers.length);
    expect(view.value[0]!.usage.cores).toBe(cores);
    const limit = ref.quotas.get(t);
    if (limit === undefined) continue;
    expect(servers.length).toBeLessThanOrEqual(limit.instances);
    expect(cores).toBeLessThanOrEqual(limit.cores);
  }
}

function createReservation(w: ReservationWorld, ref: Ref, o: Extract<Op, { kind: "create" }>): void {
  const now = w.sim.nowMs;
  const startMs = o.startIn === undefined ? undefined : now + o.startIn * 10 + 5;
  const base = startMs ?? now;
  const endMs = base + o.length * 10 + (startMs === undefined ? 5 : 0);
  const expiryCandidate = o.expiry === undefined ? undefined : startMs === undefined ? now + o.expiry * 10 + 5 : startMs + (o.expiry + 1) * 10;
  const expiryMs = expiryCandidate !== undefined && expiryCandidate < endMs ? expiryCandidate : undefined;
  const shape = o.shape;
  const tenant = TENANTS[o.tenant]!;
  const r = w.vim.reservations.create(
    { userId: `${tenant}-member` },
    {
      ...(o.zone === undefined ? {} : { zoneId: w.zones[o.zone]! }),
      ...(startMs === undefined ? {} : { startMs }),
      endMs,
      ...(expiryMs === undefined ? {} : { expiryMs }),
      beforeEndLeadMs: o.lead,
      ...(shape.kind === "container"
        ? { container: { flavourId: RESERVATION_FLAVOURS[shape.flavour]!.id, count: shape.count, ...(shape.affinity === undefined ? {} : { affinity: shape.affinity }) } }
        : { pool: { numCpuCores: shape.cores, virtualMemSizeMb: shape.ramGb * 1024, numVcInstances: shape.instances } }),
    },
  );
  if (!r.ok) {
    expect(["NO_VALID_HOST", "INVALID_ARGUMENT"]).toContain(r.error.kind);
    return;
  }
  const id = r.value.reservationId as string;
  ref.reservations.push({
    id, tenant, createdAtMs: now, immediate: startMs === undefined, startMs: startMs ?? now, endMs, expiryMs, leadMs: o.lead,
    usedAtMs: undefined, terminatedAtMs: undefined, statusAtTermination: undefined, warned: false, warnFloorMs: now, updated: false,
    limit: shape.kind === "container" ? shape.count : shape.instances, pool: shape.kind === "pool",
  });
}

function allocate(w: ReservationWorld, ref: Ref, o: Extract<Op, { kind: "allocate" }>): void {
  const now = w.sim.nowMs;
  const target = o.reservation === undefined || ref.reservations.length === 0 ? undefined : ref.reservations[o.reservation % ref.reservations.length]!;
  // Mostly the reservation's own tenant and flavour, so that bound requests often get through.
  const aligned = target !== undefined && o.aligned > 0;
  const tenant = aligned ? target.tenant : TENANTS[o.tenant]!;
  const reservedFlavour = aligned ? w.reservations.get(target.id)!.flavourId : undefined;
  const flavour = RESERVATION_FLAVOURS.find((f) => f.id === reservedFlavour) ?? RESERVATION_FLAVOURS[o.flavour]!;
  const before = { servers: w.compute.liveServerCount, used: Array.from({ length: w.nfvi.hostCount * C }, (_, i) => w.nfvi.used(Math.floor(i / C), i % C)) };
  const r = w.vim.compute.allocate({ userId: `${tenant}-member` }, { flavourId: flavour.id, count: o.count, ...(target === undefined ? {} : { reservationId: target.id }) });
  const servers = w.compute.query({ tenant });
  const overQuota = !r.ok && r.error.kind === "QUOTA_EXCEEDED";
  if (overQuota) {
    // INV-B2: the refusal changed nothing.
    expect(w.compute.liveServerCount).toBe(before.servers);
    expect(Array.from({ length: w.nfvi.hostCount * C }, (_, i) => w.nfvi.used(Math.floor(i / C), i % C))).toEqual(before.used);
    return;
  }
  if (target !== undefined) {
    const status = refStatus(target, now);
    if (target.tenant !== tenant) expect(r.ok ? "ok" : r.error.kind).toBe("NOT_FOUND");
    else if (status !== "ACTIVE") expect(r.ok ? "ok" : r.error.kind).toBe("WRONG_STATE");
    if (r.ok) {
      for (const v of r.value) ref.bound.set(Number(String(v.computeId).slice(3)), target.id);
      target.usedAtMs ??= now;
    }
  }
  expect(servers.length).toBeGreaterThanOrEqual(0);
}

function apply(w: ReservationWorld, ref: Ref, o: Op): void {
  const now = w.sim.nowMs;
  switch (o.kind) {
    case "create":
      return createReservation(w, ref, o);
    case "allocate":
      return allocate(w, ref, o);
    case "terminateServer": {
      const live = w.compute.query();
      if (live.length === 0) return;
      const s = live[o.pick % live.length]!;
      expect(w.vim.compute.terminate(w.vim.admin, s.id).ok).toBe(true);
      ref.bound.delete(s.no);
      return;
    }
    case "terminateReservation": {
      if (ref.reservations.length === 0) return;
      const r = ref.reservations[o.pick % ref.reservations.length]!;
      const done = w.vim.reservations.terminate({ userId: `${r.tenant}-member` }, [r.id]);
      expect(done.ok).toBe(true);
      if (r.terminatedAtMs !== undefined) return expect(done.ok && done.value).toEqual([]);
      r.statusAtTermination = holding(statusAt(r, now)) ? "CANCELLED" : statusAt(r, now);
      r.terminatedAtMs = now;
      // INV-C9 with the default policy (delete): its servers are gone in this step.
      for (const [no, id] of [...ref.bound]) if (id === r.id) ref.bound.delete(no);
      return;
    }
    case "updateEnd": {
      if (ref.reservations.length === 0) return;
      const r = ref.reservations[o.pick % ref.reservations.length]!;
      const base = Math.max(r.startMs, now);
      const endMs = base + o.length * 10 + (base % 10 === 5 ? 0 : 5);
      if (r.expiryMs !== undefined && r.expiryMs >= endMs) return;
      const u = w.vim.reservations.update({ userId: `${r.tenant}-member` }, r.id, { endMs });
      if (u.ok) {
        r.endMs = endMs;
        r.warnFloorMs = now;
        r.updated = true;
      } else expect(["NO_VALID_HOST", "INVALID_ARGUMENT", "WRONG_STATE"]).toContain(u.error.kind);
      return;
    }
    case "quota": {
      const tenant = TENANTS[o.tenant]!;
      const limits = { instances: o.instances, cores: o.cores };
      const r = ref.quotas.has(tenant) ? w.vim.quotas.update(w.vim.admin, tenant, limits) : w.vim.quotas.create(w.vim.admin, tenant, limits);
      // INV-B4 (Nova): lowering below usage is refused and changes nothing.
      if (r.ok) ref.quotas.set(tenant, limits);
      else expect(r.error.kind).toBe("CONFLICT");
      return;
    }
    case "advance": {
      w.sim.run({ untilMs: now + o.steps * 10 });
      // Reclaimed at end (delete policy): the reference drops servers of reservations no longer active.
      for (const [no, id] of [...ref.bound]) if (refStatus(ref.reservations.find((r) => r.id === id)!, w.sim.nowMs) !== "ACTIVE") ref.bound.delete(no);
      return;
    }
  }
}

/** A seed and run count whose sequences reach bound, expired, ended, warned, terminated and refused leases. */
const COVERAGE_SEED = 20261125;
const COVERAGE_RUNS = 40;

describe("reservations (model-based, brute-force reference)", () => {
  it("hold INV-B1..B5, C1..C9 and A9 after every step of random reservation, quota and allocation operations", () => {
    // Two batches: a fixed seed whose sequences are known to reach every interesting case (so the
    // coverage check below cannot flake), and fresh random sequences (a failure prints its seed).
    const seen = { admitted: 0, bound: 0, expired: 0, ended: 0, warned: 0, terminated: 0, refused: 0 };
    const property = (count: boolean) =>
      fc.property(fc.array(op, { minLength: 15, maxLength: 40, size: "max" }), (ops) => {
        const w = reservationWorld();
        const ref: Ref = { reservations: [], bound: new Map(), quotas: new Map() };
        for (const o of ops) {
          apply(w, ref, o);
          checkReservations(w, ref);
          checkCapacity(w, ref);
          checkQuotas(w, ref);
        }
        if (!count) return;
        const k = w.reservations.stats.counts();
        seen.admitted += k.admitted;
        seen.bound += k.serversBound;
        seen.expired += k.expired;
        seen.ended += k.ended;
        seen.warned += k.beforeEndWarnings;
        seen.terminated += k.terminated;
        seen.refused += Object.values(k.refusedByKind).reduce((a, b) => a + b, 0);
      });
    fc.assert(property(true), { numRuns: COVERAGE_RUNS, seed: COVERAGE_SEED });
    // The generated sequences must reach the interesting cases, or the properties say little.
    for (const [what, n] of Object.entries(seen)) expect(n, `runs with ${what} (seed ${COVERAGE_SEED})`).toBeGreaterThan(0);
    fc.assert(property(false), { numRuns: 40 });
  });
});

// Keeps the reference's own record type honest against the service's.
export type _Record = ReservationRecord;
