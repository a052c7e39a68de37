/**
 * Admission (INV-C1) as a pure function over a hand-made view: which hosts a reservation lands on,
 * exactly at the capacity boundary, with next-fit rotation, unit rules, affinity, slot limits, the
 * cheap room bound, pools and pool sets, and the NO_VALID_HOST texts users see.
 */
import { describe, expect, it } from "vitest";
import type { Inventory } from "../../nfvi/index.js";
import { admitReservation, checkFitsZone, roomOver, shapeTotals, type AdmissionRequest, type AdmissionView, type ReservationShape } from "./admission.js";
import type { CommitmentIndex } from "./commitment-index.js";

/** Per host: capacity, ordinary usage and committed maximum per class [VCPU, PCPU, MEMORY_MB, DISK_GB]. */
interface FakeHost {
  readonly cap: readonly number[];
  readonly ordinary?: readonly number[];
  readonly committed?: readonly number[];
  readonly usable?: boolean;
  readonly maxUnit?: number;
  readonly lowerBound?: readonly number[];
}

interface Fake extends AdmissionView {
  readonly maxOverCalls: Array<[number, number, number]>;
}

function fakeView(hosts: readonly FakeHost[], zones: Record<string, readonly number[]> = {}, withBound = false): Fake {
  const maxOverCalls: Array<[number, number, number]> = [];
  const index = {
    maxOver: (h: number, fromMs: number, toMs: number, out: Float64Array) => {
      maxOverCalls.push([h, fromMs, toMs]);
      for (let c = 0; c < 4; c++) out[c] = hosts[h]!.committed?.[c] ?? 0;
      return out;
    },
  } as unknown as CommitmentIndex;
  const view: Fake = {
    maxOverCalls,
    hostCount: hosts.length,
    capacity: (h, c) => hosts[h]!.cap[c]!,
    inventory: (h, c): Inventory | undefined =>
      hosts[h]!.cap[c]! === 0 ? undefined : { total: hosts[h]!.cap[c]!, reserved: 0, allocationRatio: 1, minUnit: 1, maxUnit: hosts[h]!.maxUnit ?? hosts[h]!.cap[c]!, stepSize: 1 },
    isUsable: (h) => hosts[h]!.usable ?? true,
    hostsOf: (zone) => (zone === undefined ? hosts.map((_, i) => i) : zones[zone]),
    index,
    ordinaryUsed: (h, c) => hosts[h]!.ordinary?.[c] ?? 0,
  };
  if (withBound) return { ...view, roomLowerBound: (h: number, c: number) => hosts[h]!.lowerBound?.[c] ?? Number.NEGATIVE_INFINITY };
  return view;
}

const flavour = (vcpu: number, mem: number): Float64Array => Float64Array.from([vcpu, 0, mem, 0]);
const container = (count: number, vcpu = 2, mem = 1024, affinity?: "affinity" | "anti-affinity"): ReservationShape =>
  affinity === undefined ? { kind: "container", flavourAmounts: flavour(vcpu, mem), count } : { kind: "container", flavourAmounts: flavour(vcpu, mem), count, affinity };
const request = (shape: ReservationShape, more: Partial<AdmissionRequest> = {}): AdmissionRequest => ({ zoneId: undefined, fromMs: 100, toMs: 200, shape, ...more });
const hostsOf = (r: ReturnType<typeof admitReservation>): number[] => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value.map((p) => p.host);
};
const H = (vcpu: number, mem: number, more: Partial<FakeHost> = {}): FakeHost => ({ cap: [vcpu, 0, mem, 0], ...more });

describe("shapeTotals and the zone check", () => {
  it("totals a container's slots and a pool's cores and RAM", () => {
    expect([...shapeTotals(container(3, 2, 1024))]).toEqual([6, 0, 3072, 0]);
    expect([...shapeTotals({ kind: "pool", numCpuCores: 5, virtualMemSizeMb: 700, numVcInstances: 2 })]).toEqual([5, 0, 700, 0]);
  });

  it("a reservation exactly the size of the zone passes the zone check; one unit more never fits", () => {
    const view = fakeView([H(4, 2048), H(4, 2048), H(8, 8192)], { az1: [0, 1] });
    expect(checkFitsZone(view, request(container(4, 2, 1024), { zoneId: "az1" }))).toEqual({ ok: true, value: [0, 1] });
    const over = checkFitsZone(view, request(container(1, 9, 1), { zoneId: "az1" }));
    expect(over.ok || over.error).toMatchObject({ kind: "INVALID_ARGUMENT", message: "the reservation asks 9 VCPU, more than the 8 of az1" });
    const overAll = checkFitsZone(view, request(container(1, 1, 12_289)));
    expect(overAll.ok || overAll.error).toMatchObject({ kind: "INVALID_ARGUMENT", message: "the reservation asks 12289 MEMORY_MB, more than the 12288 of the whole VIM" });
    const missing = admitReservation(view, request(container(1), { zoneId: "nowhere" }));
    expect(missing.ok || missing.error).toMatchObject({ kind: "NOT_FOUND", message: "zone nowhere does not exist" });
  });
});

describe("container reservations", () => {
  it("packs slots host by host in index order, exactly up to each host's room over the window", () => {
    // Room: host 0: 8−2−2 = 4 VCPU (2 slots); host 1: 6 VCPU but 2,048 − 1,024 MB (1 slot); host 2: plenty.
    const view = fakeView([H(8, 8192, { ordinary: [2, 0, 0, 0], committed: [2, 0, 0, 0] }), H(6, 2048, { committed: [0, 0, 1024, 0] }), H(16, 16_384)]);
    const r = admitReservation(view, request(container(4)));
    expect(hostsOf(r)).toEqual([0, 0, 1, 2]);
    expect(r.ok && r.value[0]!.amounts).toEqual(flavour(2, 1024));
    expect(view.maxOverCalls).toEqual([[0, 100, 200], [1, 100, 200], [2, 100, 200]]);
    expect(hostsOf(admitReservation(view, request(container(3))))).toEqual([0, 0, 1]);
  });

  it("skips unusable hosts and hosts whose unit rules refuse one slot", () => {
    const view = fakeView([H(8, 8192, { usable: false }), H(8, 8192, { maxUnit: 1 }), H(8, 0), H(4, 4096)]);
    expect(hostsOf(admitReservation(view, request(container(2))))).toEqual([3, 3]);
    const none = admitReservation(view, request(container(3)));
    expect(none.ok || none.error).toMatchObject({
      kind: "NO_VALID_HOST",
      message: "not enough capacity in the whole VIM over [100, 200) for the reservation",
      detail: { "insufficient capacity over the window": 1 },
    });
  });

  it("next fit: starts at startAt in the scope's host list, wrapping around", () => {
    const view = fakeView([H(4, 4096), H(4, 4096), H(4, 4096)], { az: [2, 0, 1] });
    expect(hostsOf(admitReservation(view, request(container(3), { startAt: 1 })))).toEqual([1, 1, 2]);
    expect(hostsOf(admitReservation(view, request(container(3), { startAt: 5 })))).toEqual([2, 2, 0]);
    expect(hostsOf(admitReservation(view, request(container(5), { startAt: 2 })))).toEqual([2, 2, 0, 0, 1]);
    expect(hostsOf(admitReservation(view, request(container(2), { zoneId: "az", startAt: 1 })))).toEqual([0, 0]);
    expect(hostsOf(admitReservation(view, request(container(2), { zoneId: "az" })))).toEqual([2, 2]);
    // Rotation tries each host once: 3 hosts with room for 1 slot each (the zone check passes) never take 4.
    const busy = fakeView([0, 1, 2].map(() => H(4, 4096, { committed: [1, 0, 0, 0] })));
    for (const startAt of [0, 1, 2]) {
      expect(admitReservation(busy, request(container(3), { startAt })).ok).toBe(true);
      const r = admitReservation(busy, request(container(4), { startAt }));
      expect(r.ok || r.error.kind).toBe("NO_VALID_HOST");
    }
    const empty = fakeView([H(4, 4096)], { none: [] });
    const r = admitReservation(empty, request(container(0), { zoneId: "none", startAt: 3 }));
    expect(r.ok || r.error).toMatchObject({ kind: "NO_VALID_HOST", message: "not enough capacity in none over [100, 200) for the reservation" });
  });

  it("affinity puts every slot on the first host that takes them all", () => {
    const view = fakeView([H(4, 8192), H(6, 8192), H(16, 8192)]);
    expect(hostsOf(admitReservation(view, request(container(3, 2, 1024, "affinity"))))).toEqual([1, 1, 1]);
    expect(hostsOf(admitReservation(view, request(container(2, 2, 1024, "affinity"))))).toEqual([0, 0]);
    expect(admitReservation(view, request(container(9, 2, 1024, "affinity"))).ok).toBe(false);
  });

  it("anti-affinity takes one slot per host", () => {
    const view = fakeView([H(8, 8192), H(1, 8192), H(8, 8192), H(8, 8192)]);
    expect(hostsOf(admitReservation(view, request(container(2, 2, 1024, "anti-affinity"))))).toEqual([0, 2]);
    expect(hostsOf(admitReservation(view, request(container(3, 2, 1024, "anti-affinity"))))).toEqual([0, 2, 3]);
    expect(admitReservation(view, request(container(4, 2, 1024, "anti-affinity"))).ok).toBe(false);
  });

  it("a slot limit caps each host (called with what room and the shape allow), and names handles when short", () => {
    const view = fakeView([H(8, 8192), H(8, 8192)]);
    const calls: Array<[number, number]> = [];
    const slotLimit = (h: number, most: number): number => (calls.push([h, most]), h === 0 ? Math.min(1, most) : most);
    expect(hostsOf(admitReservation(view, request(container(3), { slotLimit })))).toEqual([0, 1, 1]);
    expect(calls).toEqual([[0, 3], [1, 2]]);
    const short = admitReservation(view, request(container(6), { slotLimit }));
    expect(short.ok || short.error).toMatchObject({
      message: "not enough capacity or accelerator handles in the whole VIM over [100, 200) for the reservation",
      detail: { "insufficient capacity or accelerator handles over the window": 1 },
    });
  });

  it("anti-affinity asks a slot limit and the room bound for one slot per host", () => {
    const calls: Array<[number, number]> = [];
    const slotLimit = (h: number, most: number): number => (calls.push([h, most]), most);
    const view = fakeView([H(8, 8192, { lowerBound: [2, 0, 1024, 0] }), H(8, 8192, { lowerBound: [2, 0, 1024, 0] })], {}, true);
    expect(hostsOf(admitReservation(view, request(container(2, 2, 1024, "anti-affinity"), { slotLimit })))).toEqual([0, 1]);
    expect(calls).toEqual([[0, 1], [1, 1]]);
    // The bound covers one slot, which is all anti-affinity asks of a host: the index is not read.
    expect(view.maxOverCalls).toEqual([]);
  });

  it("a container request ignores pool sets", () => {
    const view = fakeView([H(8, 8192)]);
    const r = admitReservation(view, request(container(2), { poolSets: { count: 5, setsFree: () => 0 } }));
    expect(hostsOf(r)).toEqual([0, 0]);
  });

  it("the cheap room bound settles a host without the index when it covers the need; otherwise the index decides", () => {
    const hosts = [
      H(8, 8192, { lowerBound: [4, 0, 2048, 0] }),
      H(8, 8192, { lowerBound: [0, 0, 0, 0], committed: [4, 0, 0, 0] }),
      H(8, 8192, { lowerBound: [2, 0, 1024, 0] }),
    ];
    const view = fakeView(hosts, {}, true);
    expect(hostsOf(admitReservation(view, request(container(2))))).toEqual([0, 0]);
    expect(view.maxOverCalls).toEqual([]);
    const more = fakeView(hosts, {}, true);
    // Host 0's bound covers 2 of 5 slots, not all: the exact room (8 VCPU: 4 slots) is read.
    expect(hostsOf(admitReservation(more, request(container(5))))).toEqual([0, 0, 0, 0, 1]);
    expect(more.maxOverCalls).toEqual([[0, 100, 200], [1, 100, 200]]);
  });
});

describe("pool reservations", () => {
  const pool = (cores: number, mem: number): ReservationShape => ({ kind: "pool", numCpuCores: cores, virtualMemSizeMb: mem, numVcInstances: 1 });
  const chunks = (r: ReturnType<typeof admitReservation>): Array<[number, number, number]> => {
    if (!r.ok) throw new Error(r.error.message);
    return r.value.map((p) => [p.host, p.amounts[0]!, p.amounts[2]!]);
  };

  it("cuts the pool into per-host chunks keeping the cores:RAM proportion", () => {
    // Host 0 has room for half the cores: its chunk is half of each. Host 1 takes the rest.
    const view = fakeView([H(4, 100_000), H(16, 100_000)]);
    expect(chunks(admitReservation(view, request(pool(8, 4000))))).toEqual([[0, 4, 2000], [1, 4, 2000]]);
    expect(chunks(admitReservation(view, request(pool(4, 4000))))).toEqual([[0, 4, 4000]]);
  });

  it("floors a fractional share, skips hosts whose chunk would be empty or that are unusable", () => {
    const view = fakeView([H(0, 100_000), H(1, 100_000, { usable: false }), H(3, 1000), H(16, 100_000)]);
    // Host 2: k = min(3/10, 1000/5000) = 0.2 → 2 cores, 1000 MB. Host 3 the rest.
    expect(chunks(admitReservation(view, request(pool(10, 5000))))).toEqual([[2, 2, 1000], [3, 8, 4000]]);
    // Cores only: RAM 0 is not asked; a host with no core room gives no chunk.
    expect(chunks(admitReservation(view, request(pool(3, 0))))).toEqual([[2, 3, 0]]);
    expect(chunks(admitReservation(view, request(pool(0, 500))))).toEqual([[0, 0, 500]]);
  });

  it("fails with NO_VALID_HOST when the hosts' room does not cover the pool over the window", () => {
    const view = fakeView([H(4, 4096, { committed: [2, 0, 0, 0] }), H(4, 4096, { ordinary: [1, 0, 0, 0] })]);
    expect(chunks(admitReservation(view, request(pool(5, 100))))).toEqual([[0, 2, 40], [1, 3, 60]]);
    const r = admitReservation(view, request(pool(6, 100)));
    expect(r.ok || r.error).toMatchObject({ kind: "NO_VALID_HOST", message: "not enough capacity in the whole VIM over [100, 200) for the reservation" });
  });

  it("a pool asking one class only fails when that class is short over the window", () => {
    const view = fakeView([H(8, 1000, { committed: [6, 0, 600, 0] }), H(8, 1000, { committed: [6, 0, 600, 0] })]);
    expect(chunks(admitReservation(view, request(pool(4, 0))))).toEqual([[0, 2, 0], [1, 2, 0]]);
    expect(admitReservation(view, request(pool(5, 0))).ok).toBe(false);
    expect(chunks(admitReservation(view, request(pool(0, 800))))).toEqual([[0, 0, 400], [1, 0, 400]]);
    expect(admitReservation(view, request(pool(0, 801))).ok).toBe(false);
  });

  it("with accelerator sets: sets short or cores short are told apart", () => {
    const view = fakeView([H(8, 8192), H(8, 8192, { usable: false })]);
    const noSets = admitReservation(view, request(pool(4, 1024), { poolSets: { count: 2, setsFree: () => 0 } }));
    expect(noSets.ok || noSets.error).toMatchObject({
      kind: "NO_VALID_HOST",
      message: "not enough accelerator sets in the whole VIM over [100, 200) for the pool: 0 free of the 2 asked",
      detail: { "insufficient accelerator sets": 1 },
    });
    const setsFree = (_h: number, most: number): number => most;
    const noCores = admitReservation(view, request(pool(12, 1024), { poolSets: { count: 2, setsFree } }));
    expect(noCores.ok || noCores.error).toMatchObject({
      kind: "NO_VALID_HOST",
      message: "not enough cores or RAM beside free accelerator sets in the whole VIM over [100, 200) for the pool: 1 of 2 sets placed with their share",
      detail: { "insufficient cores or RAM beside free accelerator sets": 1 },
    });
    const placed = admitReservation(view, request(pool(8, 1024), { poolSets: { count: 2, setsFree } }));
    expect(placed.ok && placed.value.map((p) => [p.host, p.accSets, p.amounts[0]])).toEqual([[0, 2, 8]]);
    // The cheap upper bound (capacity − ordinary) skips a host that cannot take one set.
    const busy = fakeView([H(8, 8192, { ordinary: [7, 0, 0, 0] }), H(8, 8192)]);
    const onSecond = admitReservation(busy, request(pool(4, 1024), { poolSets: { count: 2, setsFree } }));
    expect(onSecond.ok && onSecond.value.map((p) => p.host)).toEqual([1]);
    expect(busy.maxOverCalls.map(([h]) => h)).toEqual([1]);
  });
});

describe("roomOver", () => {
  it("is capacity − ordinary − the most committed over the window, per class", () => {
    const view = fakeView([H(8, 8192, { ordinary: [1, 0, 1000, 0], committed: [2, 0, 3000, 0] })]);
    expect([...roomOver(view, 0, 5, 9, new Float64Array(4))]).toEqual([5, 0, 4192, 0]);
    expect(view.maxOverCalls).toEqual([[0, 5, 9]]);
  });
});
