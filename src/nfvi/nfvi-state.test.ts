import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  asId,
  InvariantViolation,
  RESOURCE_CLASSES,
  type AggregateId,
  type HostId,
  type RackId,
  type ResourceAmounts,
  type ResourceClass,
  type ZoneId,
} from "../domain/index.js";
import { HOST_STATES, novaHost, type HostOperationalState, type HostSpec } from "./host.js";
import type { Inventory } from "./inventory.js";
import { checkNfviInvariants, snapshotNfvi } from "./invariants.js";
import { createNfviState } from "./create-nfvi.js";
import type { NfviState } from "./nfvi-state.js";

const hostId = (i: number): HostId => asId(`host-${String(i).padStart(3, "0")}`);

function smallCloud(): NfviState {
  const hosts = [0, 1, 2].map((i) =>
    novaHost({ id: hostId(i), zone: asId("az1"), rack: asId("r1"), vcpus: 8, memoryMb: 4608, diskGb: 100 }),
  );
  const state = createNfviState(hosts, [], { shapes: [{ VCPU: 2, MEMORY_MB: 1024 }] });
  if (!state.ok) throw new Error(state.error.message);
  return state.value;
}

describe("NfviState claims", () => {
  it("claims all classes or none and returns exactly the claim on release", () => {
    const s = smallCloud();
    const claimed = s.claim("vm-1", 1, { VCPU: 4, MEMORY_MB: 2048, DISK_GB: 10 });
    expect(claimed.ok).toBe(true);
    expect(s.used(1, 2)).toBe(2048);
    expect(s.generation(1)).toBe(1);
    // MEMORY_MB capacity is 4096 (4608 − 512): the second claim fails on memory, and VCPU stays untouched.
    const over = s.claim("vm-2", 1, { VCPU: 1, MEMORY_MB: 4096 });
    expect(over).toEqual({ ok: false, error: { kind: "CONFLICT", message: "insufficient MEMORY_MB", detail: { "insufficient MEMORY_MB": 1 } } });
    expect(s.used(1, 0)).toBe(4);
    expect(s.generation(1)).toBe(1);
    const released = s.release("vm-1");
    expect(released.ok && released.value).toEqual(claimed.ok && claimed.value);
    expect(s.used(1, 2)).toBe(0);
    checkNfviInvariants(s);
  });

  it("refuses duplicate consumers, stale generations, bad amounts and unknown hosts", () => {
    const s = smallCloud();
    expect(s.claim("a", 0, { VCPU: 1 }).ok).toBe(true);
    expect(s.claim("a", 1, { VCPU: 1 })).toMatchObject({ ok: false, error: { kind: "CONFLICT" } });
    expect(s.claim("b", 0, { VCPU: 1 }, 0)).toMatchObject({ ok: false, error: { kind: "CONFLICT" } });
    expect(s.claim("b", 0, { VCPU: 1 }, 1).ok).toBe(true);
    expect(s.claim("c", 0, { VCPU: 1.5 })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
    expect(s.claim("c", 0, { VCPU: -1 })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
    expect(s.claim("c", 7, { VCPU: 1 })).toMatchObject({ ok: false, error: { kind: "NOT_FOUND" } });
    // As Placement's PUT /allocations (400): no class, a zero amount, a class it does not know (issue 19).
    expect(s.claim("c", 0, {})).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT", message: "an allocation needs at least one resource class (Placement refuses empty resources)" } });
    expect(s.claim("c", 0, { VCPU: 1, MEMORY_MB: 0 })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT", message: "MEMORY_MB amount 0: leave a class out instead (Placement refuses a zero amount)" } });
    expect(s.claim("c", 0, { VCPU: 1, CUSTOM_NOPE: 1 } as Partial<ResourceAmounts>)).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT", message: "unknown resource class CUSTOM_NOPE; classes: VCPU, PCPU, MEMORY_MB, DISK_GB" } });
    expect(s.allocation("c")).toBeUndefined();
    expect(s.release("zzz")).toMatchObject({ ok: false, error: { kind: "NOT_FOUND" } });
  });

  it("claims by vector and releases by slot with the same rules as claim/release", () => {
    const byVector = smallCloud();
    const byId = smallCloud();
    const server = { no: 7, get id(): string { return `vm-${this.no}`; } };
    const vector = Float64Array.from([4, 0, 2048, 10]);
    const slot = byVector.claimVector(server, 1, vector);
    expect(slot).toBeGreaterThanOrEqual(0);
    expect(byId.claim("vm-7", 1, { VCPU: 4, MEMORY_MB: 2048, DISK_GB: 10 }).ok).toBe(true);
    expect(snapshotNfvi(byVector)).toEqual(snapshotNfvi(byId));
    // The same capacity rule refuses what claim refuses, and changes nothing.
    expect(byVector.claimVector("vm-8", 1, Float64Array.from([1, 0, 4096, 0]))).toBe(-1);
    expect(byVector.claimVector("vm-8", 9, vector)).toBe(-1);
    // Looking a consumer up by id builds the id map from the slots; from then on duplicates are refused.
    expect(byVector.allocation("vm-7")?.amounts.MEMORY_MB).toBe(2048);
    expect(byVector.claimVector("vm-7", 2, vector)).toBe(-1);
    expect(byVector.releaseSlot(slot)).toBe(1);
    expect(byId.release("vm-7").ok).toBe(true);
    expect(snapshotNfvi(byVector)).toEqual(snapshotNfvi(byId));
    expect(() => byVector.releaseSlot(slot)).toThrow(InvariantViolation);
    expect(() => checkNfviInvariants(byVector)).not.toThrow();
  });

  it("enforces max_unit whatever the ratio: 9 vCPUs never fit an 8-core host", () => {
    const s = smallCloud();
    expect(s.capacity(0, 0)).toBe(32);
    expect(s.claim("big", 0, { VCPU: 9 })).toMatchObject({ ok: false, error: { message: "VCPU exceeds max_unit" } });
  });

  it("accepts a capacity cut under usage as exceeded, then only decreases (INV-A1/A2)", () => {
    const s = smallCloud();
    expect(s.claim("a", 0, { MEMORY_MB: 2048 }).ok).toBe(true);
    expect(s.claim("b", 0, { MEMORY_MB: 2048 }).ok).toBe(true);
    const smaller: Inventory = { total: 3584, reserved: 512, allocationRatio: 1, minUnit: 1, maxUnit: 3584, stepSize: 1 };
    expect(s.setInventory(0, "MEMORY_MB", smaller)).toEqual({ ok: true, value: { exceeded: true } });
    expect(s.isExceeded(0, 2)).toBe(true);
    checkNfviInvariants(s);
    expect(s.claim("c", 0, { MEMORY_MB: 1 })).toMatchObject({ ok: false, error: { message: "MEMORY_MB capacity exceeded" } });
    expect(s.release("a").ok).toBe(true);
    expect(s.isExceeded(0, 2)).toBe(false);
    expect(s.setInventory(0, "MEMORY_MB", undefined)).toMatchObject({ ok: false, error: { kind: "CONFLICT" } });
    checkNfviInvariants(s);
  });

  it("moves an allocation to another consumer without changing usage", () => {
    const s = smallCloud();
    s.claim("vm", 2, { VCPU: 2 });
    const moved = s.moveAllocation("vm", "migration-1");
    expect(moved).toMatchObject({ ok: true, value: { consumerId: "migration-1", hostIndex: 2 } });
    expect(s.allocation("vm")).toBeUndefined();
    expect(s.used(2, 0)).toBe(2);
    checkNfviInvariants(s);
  });

  it("keeps the capacity index in step with host state changes", () => {
    const s = smallCloud();
    const all = s.index.all;
    expect(all.data[all.stride]).toBe(3); // usable hosts at the root
    s.setHostState(1, "DOWN");
    s.setEnabled(2, false);
    // Trees are brought up to date when read through the index (lazy flush), so read it again.
    const after = s.index.all;
    expect(after.data[after.stride]).toBe(1);
    checkNfviInvariants(s);
  });

  it("detects a corrupted index (the checker can fail)", () => {
    const s = smallCloud();
    (s.index.all.data as Int32Array)[s.index.all.stride] = 7;
    expect(() => checkNfviInvariants(s)).toThrow(InvariantViolation);
  });
});

// ---- property tests -------------------------------------------------------------------------

const inventoryArb = (rc: ResourceClass): fc.Arbitrary<Inventory> =>
  fc
    .record({
      total: fc.integer({ min: 1, max: 64 }),
      reservedShare: fc.constantFrom(0, 0, 0.1, 0.5, 1),
      ratio: rc === "PCPU" ? fc.constant(1) : fc.constantFrom(1, 1, 1.5, 2, 4),
      minUnit: fc.constantFrom(1, 1, 1, 2),
      maxUnitShare: fc.constantFrom(1, 1, 0.5),
      stepSize: fc.constantFrom(1, 1, 1, 2),
    })
    .map(({ total, reservedShare, ratio, minUnit, maxUnitShare, stepSize }) => ({
      total,
      reserved: Math.floor(total * reservedShare),
      allocationRatio: ratio,
      minUnit: Math.min(minUnit, total),
      maxUnit: Math.max(Math.min(minUnit, total), Math.ceil(total * maxUnitShare)),
      stepSize,
    }));

const hostArb = (i: number): fc.Arbitrary<HostSpec> =>
  fc
    .record({
      zone: fc.constantFrom("az0", "az1"),
      rack: fc.constantFrom("r0", "r1"),
      aggregates: fc.subarray(["agg0", "agg1"]),
      state: fc.constantFrom<HostOperationalState>("UP", "UP", "UP", "DOWN", "MAINTENANCE"),
      enabled: fc.constantFrom(true, true, false),
      VCPU: fc.option(inventoryArb("VCPU"), { freq: 5 }),
      PCPU: fc.option(inventoryArb("PCPU"), { freq: 1 }),
      MEMORY_MB: fc.option(inventoryArb("MEMORY_MB"), { freq: 5 }),
      DISK_GB: fc.option(inventoryArb("DISK_GB"), { freq: 3 }),
    })
    .map((h) => ({
      id: hostId(i),
      zone: asId<ZoneId>(h.zone),
      rack: asId<RackId>(h.rack),
      aggregates: h.aggregates.map((a) => asId<AggregateId>(a)),
      physicalCpus: 8,
      numaNodes: 1,
      hypervisorType: "QEMU",
      inventories: Object.fromEntries(RESOURCE_CLASSES.flatMap((rc) => (h[rc] === null ? [] : [[rc, h[rc]]]))),
      state: h.state,
      enabled: h.enabled,
    }));

const hostsArb = fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => hostArb(i))));
const amountsArb: fc.Arbitrary<Partial<ResourceAmounts>> = fc.record(
  { VCPU: fc.nat(12), PCPU: fc.nat(3), MEMORY_MB: fc.nat(40), DISK_GB: fc.nat(20) },
  { requiredKeys: [] },
);

type Op =
  | { op: "claim"; consumer: number; host: number; amounts: Partial<ResourceAmounts> }
  | { op: "fillExact"; consumer: number; host: number; rc: ResourceClass; delta: number }
  | { op: "release"; consumer: number }
  | { op: "roundTrip"; host: number; amounts: Partial<ResourceAmounts> }
  | { op: "state"; host: number; state: HostOperationalState }
  | { op: "enabled"; host: number; enabled: boolean }
  | { op: "inventory"; host: number; rc: ResourceClass; inventory: Inventory }
  | { op: "move"; from: number; to: number }
  | { op: "shape"; amounts: Partial<ResourceAmounts> };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant("claim" as const), consumer: fc.nat(15), host: fc.nat(12), amounts: amountsArb }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("fillExact" as const),
      consumer: fc.nat(15),
      host: fc.nat(12),
      rc: fc.constantFrom<ResourceClass>(...RESOURCE_CLASSES),
      delta: fc.constantFrom(-1, 0, 0, 1),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("release" as const), consumer: fc.nat(15) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("roundTrip" as const), host: fc.nat(12), amounts: amountsArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("state" as const), host: fc.nat(12), state: fc.constantFrom(...HOST_STATES) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("enabled" as const), host: fc.nat(12), enabled: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom<ResourceClass>(...RESOURCE_CLASSES)
      .chain((rc) => fc.record({ op: fc.constant("inventory" as const), host: fc.nat(12), rc: fc.constant(rc), inventory: inventoryArb(rc) })),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("move" as const), from: fc.nat(15), to: fc.nat(15) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("shape" as const), amounts: amountsArb }) },
);

/** The spec's acceptance rule, written independently of inventory.ts. */
function modelAccepts(s: NfviState, h: number, amounts: Partial<ResourceAmounts>): boolean {
  // Placement's PUT /allocations: at least one class, each asked with at least 1 unit.
  const asked = Object.values(amounts);
  if (asked.length === 0 || asked.some((a) => a === 0)) return false;
  return RESOURCE_CLASSES.every((rc, c) => {
    const a = amounts[rc] ?? 0;
    if (a === 0) return true;
    const inv = s.inventory(h, c);
    if (inv === undefined) return false;
    const cap = (inv.total - inv.reserved) * inv.allocationRatio;
    return a >= inv.minUnit && a <= inv.maxUnit && a % inv.stepSize === 0 && s.used(h, c) + a <= cap;
  });
}

const withoutGenerations = (snapshot: unknown): unknown => {
  const s = snapshot as { hosts: { generation: number }[] };
  return { ...s, hosts: s.hosts.map((h) => ({ ...h, generation: 0 })) };
};

function apply(s: NfviState, o: Op): void {
  const consumer = (n: number) => `c${n}`;
  switch (o.op) {
    case "claim": {
      const before = snapshotNfvi(s);
      const expected = o.host < s.hostCount && s.allocation(consumer(o.consumer)) === undefined && modelAccepts(s, o.host, o.amounts);
      const r = s.claim(consumer(o.consumer), o.host, o.amounts);
      expect(r.ok).toBe(expected);
      if (!r.ok) expect(snapshotNfvi(s)).toEqual(before); // INV-A7: a failed claim changes nothing
      return;
    }
    case "fillExact": {
      // Boundary claims: exactly the free amount of one class (±1), where off-by-one bugs live.
      if (o.host >= s.hostCount) return;
      const c = RESOURCE_CLASSES.indexOf(o.rc);
      const amount = Math.max(0, s.free(o.host, c) + o.delta);
      apply(s, { op: "claim", consumer: o.consumer, host: o.host, amounts: { [o.rc]: amount } });
      return;
    }
    case "roundTrip": {
      const before = withoutGenerations(snapshotNfvi(s));
      const r = s.claim("round-trip", o.host, o.amounts);
      if (r.ok) expect(s.release("round-trip")).toEqual(r); // INV-J4
      expect(withoutGenerations(snapshotNfvi(s))).toEqual(before);
      return;
    }
    case "release":
      s.release(consumer(o.consumer));
      return;
    case "state":
      s.setHostState(o.host, o.state);
      return;
    case "enabled":
      s.setEnabled(o.host, o.enabled);
      return;
    case "inventory":
      s.setInventory(o.host, o.rc, o.inventory);
      return;
    case "move":
      s.moveAllocation(consumer(o.from), consumer(o.to));
      return;
    case "shape":
      s.registerShape(o.amounts);
      return;
  }
}

describe("NfviState properties", () => {
  it("keeps INV-A1/A3/A5/A6 and the index exact; claims are atomic (A7) and round trips exact (J4)", () => {
    fc.assert(
      fc.property(hostsArb, fc.array(amountsArb, { maxLength: 3 }), fc.array(opArb, { maxLength: 60 }), (hosts, shapes, ops) => {
        const created = createNfviState(hosts, [
          { id: asId("agg0"), metadata: { ssd: "true" } },
          { id: asId("agg1"), metadata: { ssd: "false", gpu: "yes" } },
        ], { shapes });
        if (!created.ok) throw new Error(created.error.message);
        const s = created.value;
        checkNfviInvariants(s);
        for (const o of ops) {
          apply(s, o);
          checkNfviInvariants(s);
        }
      }),
      { numRuns: 600 },
    );
  });
});

describe("NfviState.detachedCopy (the N+1 dry run's scratch)", () => {
  it("has the same usage, states, inventories and index; changing it leaves the original as it was", () => {
    const s = smallCloud();
    expect(s.claim("vm-1", 1, { VCPU: 4, MEMORY_MB: 2048 }).ok).toBe(true);
    s.setHostState(2, "MAINTENANCE");
    s.setInventory(0, "MEMORY_MB", { total: 3072, reserved: 512, allocationRatio: 1, minUnit: 1, maxUnit: 3072, stepSize: 1 });
    const before = JSON.stringify(snapshotNfvi(s));
    const copy = s.detachedCopy();
    const strip = (x: unknown) => {
      const { hosts, trees } = x as { hosts: Array<Record<string, unknown>>; trees: unknown };
      return { hosts: hosts.map(({ generation: _g, ...rest }) => rest), trees };
    };
    // The same numbers and index records (the copy's ledger is empty: usage is copied as numbers).
    expect(strip(snapshotNfvi(copy))).toEqual(strip(snapshotNfvi(s)));
    expect(copy.registeredShapes()).toEqual(s.registeredShapes());
    expect(copy.claimVector("x", 0, new Float64Array([2, 0, 1024, 0]))).toBeGreaterThanOrEqual(0);
    copy.setHostState(1, "DOWN");
    expect(JSON.stringify(snapshotNfvi(s))).toBe(before);
    expect(() => checkNfviInvariants(s)).not.toThrow();
  });

  it("syncFrom brings a copy back in step after the original changed, as a new copy would be; refuses while the copy holds claims", () => {
    const s = smallCloud();
    expect(s.claim("vm-1", 1, { VCPU: 4, MEMORY_MB: 2048 }).ok).toBe(true);
    const copy = s.detachedCopy();
    const strip = (x: unknown) => {
      const { hosts, trees } = x as { hosts: Array<Record<string, unknown>>; trees: unknown };
      return { hosts: hosts.map(({ generation: _g, ...rest }) => rest), trees };
    };
    // Read the copy's index now, so that a host the sync does not re-index would keep stale records.
    expect(strip(snapshotNfvi(copy))).toEqual(strip(snapshotNfvi(s)));
    expect(s.release("vm-1").ok).toBe(true);
    expect(s.claim("vm-2", 0, { VCPU: 2, MEMORY_MB: 1024 }).ok).toBe(true);
    s.setHostState(2, "MAINTENANCE");
    s.setEnabled(1, false);
    s.setInventory(0, "MEMORY_MB", { total: 3072, reserved: 512, allocationRatio: 1, minUnit: 1, maxUnit: 3072, stepSize: 512 });
    const slot = copy.claimVector("x", 0, new Float64Array([2, 0, 1024, 0]));
    expect(slot).toBeGreaterThanOrEqual(0);
    expect(copy.syncFrom(s)).toBe(false);
    copy.releaseSlot(slot);
    expect(copy.syncFrom(s)).toBe(true);
    expect(strip(snapshotNfvi(copy))).toEqual(strip(snapshotNfvi(s.detachedCopy())));
    expect(strip(snapshotNfvi(copy))).toEqual(strip(snapshotNfvi(s)));
  });
});
