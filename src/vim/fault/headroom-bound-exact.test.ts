// The counting bound at its exact boundaries (issue 15 item 15): each verdict below sits one unit
// from the other answer, so a changed sign, operand or guard in headroom-bound.ts flips it.
import { describe, expect, it } from "vitest";
import { asId, type AggregateId, type HostId, type RackId, type ZoneId } from "../../domain/index.js";
import { askedAmounts, createNfviState, novaHost, type AggregateSpec, type HostSpec, type NfviState } from "../../nfvi/index.js";
import { FILTERS, resolvePolicy, withAcceleratorFilter, type Filter, type Policy } from "../../placement/index.js";
import { faultWorld, SMALL_FLAVOUR, type FaultWorld } from "../../testing/fault-world.js";
import type { FlavourSpec } from "../compute/flavour.js";
import type { ServerRecord } from "../compute/server.js";
import { HeadroomBound, mergeNeeds, type RawNeed } from "./headroom-bound.js";
import { nPlusOneHeadroom } from "./headroom.js";
import { groupByHost, type ServersByHost } from "./servers-by-host.js";

const policy = (name = "spread"): Policy => {
  const p = resolvePolicy(name);
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
};
// Every flavour asks 20 GB of disk: an empty host (64 vCPU at ratio 4, 65,024 MB, 500 GB) holds 25 units of S.
const flavour = (id: string, vcpus: number, memoryMb: number, metadata: Record<string, string> = {}): FlavourSpec => ({
  ...SMALL_FLAVOUR,
  id,
  amounts: { ...SMALL_FLAVOUR.amounts, VCPU: vcpus, MEMORY_MB: memoryMb },
  requiredMetadata: metadata,
});
const S = flavour("s", 1, 2_048);
const M = flavour("m", 2, 4_096);
const X = flavour("x", 8, 24_576);
const vector = (f: FlavourSpec): Float64Array => Float64Array.from([f.amounts.VCPU, f.amounts.PCPU, f.amounts.MEMORY_MB, f.amounts.DISK_GB]);
const boundOf = (w: FaultWorld, p = policy(), groupOf = (id: string) => w.compute.serverGroup(id)): HeadroomBound => new HeadroomBound(w.nfvi, p, groupOf, vector);
const byHostOf = (w: FaultWorld) => groupByHost(w.nfvi.hostCount, w.compute.liveServerCount, (i) => w.compute.liveServerAt(i));

/** Allocates `flavours` in order on host `h` only (the other hosts disabled meanwhile). */
function allocateOn(w: FaultWorld, h: number, flavours: readonly FlavourSpec[], opts: { zone?: string; groupId?: string } = {}): void {
  const others = Array.from({ length: w.nfvi.hostCount }, (_, i) => i).filter((i) => i !== h && w.nfvi.isEnabled(i));
  for (const o of others) w.nfvi.setEnabled(o, false);
  for (const f of flavours) {
    const r = w.compute.allocate({ tenant: "t1", flavour: f, zone: opts.zone, groupId: opts.groupId, name: undefined, metadata: {}, bootTimesMs: [0], measured: true });
    expect(r.servers[0]?.hostIndex).toBe(h);
  }
  for (const o of others) w.nfvi.setEnabled(o, true);
}

/** Leaves host h exactly `mb` MB of free memory (a claim outside the servers). */
function leaveFree(w: FaultWorld, h: number, mb: number): void {
  expect(w.nfvi.claim(`fill-${h}`, h, { MEMORY_MB: w.nfvi.free(h, 2) - mb }).ok).toBe(true);
  expect(w.nfvi.free(h, 2)).toBe(mb);
}

const survivable = (w: FaultWorld, p = policy()) => nPlusOneHeadroom({ nfvi: w.nfvi, servers: w.compute, policy: p, priorityOf: () => 0 });

describe("mergeNeeds: a zone's need from its racks'", () => {
  const a: RawNeed = { counts: new Map([[S, 2]]), zone: "z1", excluded: 1 };
  const b: RawNeed = { counts: new Map([[S, 1], [M, 1]]), zone: undefined, excluded: 3 };
  it("adds the counts, keeps the one zone named and the largest exclusion, in either order", () => {
    const merged = { counts: new Map([[S, 3], [M, 1]]), zone: "z1", excluded: 3 };
    expect(mergeNeeds([a, b])).toEqual(merged);
    expect(mergeNeeds([b, a])).toEqual(merged);
    expect(mergeNeeds([a, a])).toEqual({ counts: new Map([[S, 4]]), zone: "z1", excluded: 1 });
    expect(mergeNeeds([b, b])).toEqual({ counts: new Map([[S, 2], [M, 2]]), zone: undefined, excluded: 3 });
    expect(mergeNeeds([])).toEqual({ counts: new Map(), zone: undefined, excluded: 0 });
  });
  it("is null when a part is, or when two parts name different zones", () => {
    expect(mergeNeeds([a, null])).toBeNull();
    expect(mergeNeeds([null, b])).toBeNull();
    expect(mergeNeeds([a, b, { ...a, zone: "z2" }])).toBeNull();
  });
});

describe("rawNeedOf: what a domain's servers ask", () => {
  it("counts flavours however they interleave and keeps the one zone the servers name", () => {
    const w = faultWorld({ zones: 2, racks: 1, hostsPerRack: 1 });
    allocateOn(w, 0, [S], { zone: "z1" });
    allocateOn(w, 0, [M, S]);
    allocateOn(w, 0, [M], { zone: "z1" });
    allocateOn(w, 1, [S], { zone: "z2" });
    const bound = boundOf(w);
    expect(bound.rawNeedOf([0], byHostOf(w))).toEqual({ counts: new Map([[S, 2], [M, 2]]), zone: "z1", excluded: 0 });
    expect(bound.rawNeedOf([1], byHostOf(w))).toEqual({ counts: new Map([[S, 1]]), zone: "z2", excluded: 0 });
    // Servers bound to two zones: the bound does not speak for them.
    expect(bound.rawNeedOf([0, 1], byHostOf(w))).toBeNull();
    expect(bound.rawNeedOf([], byHostOf(w))).toEqual({ counts: new Map(), zone: undefined, excluded: 0 });
  });

  it("excluded: ⌊members / maxPerHost⌋ of an anti-affinity group, 0 for soft anti-affinity or an unknown group; a hard-affinity member stops the bound", () => {
    const w = faultWorld({ zones: 1, racks: 3, hostsPerRack: 1 });
    expect(w.compute.createServerGroup("anti", "anti-affinity", 2).ok).toBe(true);
    expect(w.compute.createServerGroup("soft", "soft-anti-affinity", 1).ok).toBe(true);
    expect(w.compute.createServerGroup("aff", "affinity", 1).ok).toBe(true);
    allocateOn(w, 0, [S, S], { groupId: "anti" });
    allocateOn(w, 1, [S], { groupId: "anti" });
    allocateOn(w, 1, [S, S], { groupId: "soft" });
    allocateOn(w, 2, [S], { groupId: "aff" });
    const bound = boundOf(w);
    // 3 members, 2 per host: one host can be closed to a member.
    expect(bound.rawNeedOf([0], byHostOf(w))).toEqual({ counts: new Map([[S, 2]]), zone: undefined, excluded: 1 });
    expect(bound.rawNeedOf([1], byHostOf(w))).toEqual({ counts: new Map([[S, 3]]), zone: undefined, excluded: 1 });
    expect(boundOf(w, policy(), () => undefined).rawNeedOf([1], byHostOf(w))).toEqual({ counts: new Map([[S, 3]]), zone: undefined, excluded: 0 });
    expect(bound.rawNeedOf([2], byHostOf(w))).toBeNull();
    expect(bound.rawNeedOf([0, 1, 2], byHostOf(w))).toBeNull();
    // The soft group alone: nothing excluded (4 GB each, plenty of room), proved.
    const soft = faultWorld({ zones: 1, racks: 2, hostsPerRack: 1 });
    expect(soft.compute.createServerGroup("soft", "soft-anti-affinity", 1).ok).toBe(true);
    allocateOn(soft, 0, [S, S], { groupId: "soft" });
    expect(boundOf(soft).rawNeedOf([0], byHostOf(soft))).toEqual({ counts: new Map([[S, 2]]), zone: undefined, excluded: 0 });
    expect(boundOf(soft).proves([0], byHostOf(soft))).toBe(true);
  });

  it("a policy with a filter the bound does not know takes the dry run; the registry's filters, accelerator included, do not", () => {
    const w = faultWorld({ zones: 1, racks: 2, hostsPerRack: 1 });
    allocateOn(w, 0, [S]);
    const other: Filter = { ...FILTERS.get("capacity")!, name: "capacity-copy" };
    const spread = policy();
    const extended: Policy = { ...spread, filters: [...spread.filters, other] };
    expect(boundOf(w, extended).rawNeedOf([0], byHostOf(w))).toBeNull();
    expect(boundOf(w, extended).proves([0], byHostOf(w))).toBe(false);
    expect(boundOf(w, withAcceleratorFilter(spread)).proves([0], byHostOf(w))).toBe(true);
  });
});

describe("the bound's verdicts one unit from the boundary", () => {
  it("zero shortfall: as many free slots outside as servers inside is proved; one fewer is not", () => {
    for (const [slots, proved] of [[3, true], [2, false]] as const) {
      const w = faultWorld({ zones: 1, racks: 2, hostsPerRack: 1 });
      allocateOn(w, 0, [S, S, S]);
      // 1,000 MB over the slots: not a slot more.
      leaveFree(w, 1, slots * 2_048 + 1_000);
      expect(boundOf(w).proves([0], byHostOf(w))).toBe(proved);
      expect(survivable(w).racks[0]).toMatchObject({ survivable: proved, servers: 3, unplaced: 3 - slots });
    }
  });

  it("unusable hosts (down, disabled, in maintenance) and hosts whose unit rules refuse the flavour count no units", () => {
    const cases: ReadonlyArray<readonly [string, (w: FaultWorld) => void]> = [
      ["down", (w) => w.nfvi.setHostState(2, "DOWN")],
      ["maintenance", (w) => w.nfvi.setHostState(2, "MAINTENANCE")],
      ["disabled", (w) => w.nfvi.setEnabled(2, false)],
      // Memory in steps of 4 GB: the 2 GB flavour is refused whatever the free memory.
      ["stepped", (w) => w.nfvi.setInventory(2, "MEMORY_MB", { ...w.nfvi.inventory(2, 2)!, stepSize: 4_096 })],
    ];
    for (const [name, spoil] of cases) {
      const w = faultWorld({ zones: 1, racks: 3, hostsPerRack: 1 });
      allocateOn(w, 0, [S, S, S]);
      // Host 1 has 2 slots, host 2 plenty: proved while host 2 counts.
      leaveFree(w, 1, 2 * 2_048 + 1_000);
      expect(boundOf(w).proves([0], byHostOf(w)), name).toBe(true);
      spoil(w);
      expect(boundOf(w).proves([0], byHostOf(w)), name).toBe(false);
      expect(survivable(w).racks[0], name).toMatchObject({ survivable: false, servers: 3, unplaced: 1, short: { [name === "stepped" ? "MEMORY_MB not a multiple of step_size" : "insufficient MEMORY_MB"]: 1 } });
    }
  });

  // Host 0 holds one 24 GB server and four 2 GB ones. Counted in 24 GB slots (the largest flavour as
  // base) the hosts outside hold too few; counted in 2 GB units (the smallest as base: x is 12 units,
  // K = 12) they hold U units of which T = Σ min(u, 11) may be fragments: proved iff U − 16 + 1 > T,
  // that is Σ max(0, u − 11) ≥ 16 over the hosts outside.
  const mixed = (units: readonly number[], group?: { maxPerHost: number }): FaultWorld => {
    const w = faultWorld({ zones: 1, racks: 1 + units.length, hostsPerRack: 1 });
    if (group !== undefined) expect(w.compute.createServerGroup("g", "anti-affinity", group.maxPerHost).ok).toBe(true);
    allocateOn(w, 0, [X]);
    allocateOn(w, 0, [S, S, S, S], group === undefined ? {} : { groupId: "g" });
    units.forEach((u, i) => leaveFree(w, i + 1, u * 2_048 + 1_000));
    return w;
  };
  it("mixed flavours: proved in units of the smallest flavour exactly when Σ max(0, u − 11) ≥ 16 outside", () => {
    // The domain's own host (15 units, 11 of them fragments) is left out of U and of T.
    expect(boundOf(mixed([19, 19])).proves([0], byHostOf(mixed([19, 19])))).toBe(true);
    const short = mixed([19, 18]);
    expect(boundOf(short).proves([0], byHostOf(short))).toBe(false);
    // The bound only proves; the dry run finds that both hosts take the five servers.
    expect(survivable(short).racks[0]).toEqual({ id: "z1/r1", survivable: true, servers: 5, unplaced: 0, short: {} });
  });

  it("anti-affinity margin: e hosts closed to a member may keep max u − (K − 1) whole units each", () => {
    // 4 members, 4 per host: e = 1, X = 19 − 11 = 8. Three hosts of 19 units: 24 > 15 + 8.
    const w = mixed([19, 19, 19], { maxPerHost: 4 });
    expect(boundOf(w).rawNeedOf([0], byHostOf(w))?.excluded).toBe(1);
    expect(boundOf(w).proves([0], byHostOf(w))).toBe(true);
    // One unit fewer: 23 > 15 + 8 fails (without the group, 23 > 15 is proved).
    const tight = mixed([19, 19, 18], { maxPerHost: 4 });
    expect(boundOf(tight).proves([0], byHostOf(tight))).toBe(false);
    const ungrouped = mixed([19, 19, 18]);
    expect(boundOf(ungrouped).proves([0], byHostOf(ungrouped))).toBe(true);
  });
});

describe("needs that differ are never confused (one bound answers every domain of a check)", () => {
  /** Servers standing on hosts without a compute service: what the bound reads of them, claimed on the NFVI. */
  const placed = (nfvi: NfviState, list: ReadonlyArray<readonly [number, FlavourSpec, string?]>): ServersByHost => {
    const servers = list.map(([h, f, zone], no) => {
      expect(nfvi.claim(`s${no}`, h, askedAmounts(f.amounts)).ok).toBe(true);
      return { no, id: `s${no}`, hostIndex: h, flavourSpec: f, zoneConstraint: zone, groupId: undefined } as unknown as ServerRecord;
    });
    return groupByHost(nfvi.hostCount, servers.length, (i) => servers[i]);
  };
  const host = (id: string, zone: string, aggregates: string[] = []) =>
    novaHost({ id: asId<HostId>(id), zone: asId<ZoneId>(zone), rack: asId<RackId>(id), vcpus: 16, memoryMb: 65_536, diskGb: 500, aggregates: aggregates.map((a) => asId<AggregateId>(a)) });
  const nfviOf = (hosts: HostSpec[], aggregates: AggregateSpec[] = []): NfviState => {
    const built = createNfviState(hosts, aggregates);
    if (!built.ok) throw new Error(built.error.message);
    return built.value;
  };
  const fill = (nfvi: NfviState, h: number) => expect(nfvi.claim(`fill-${h}`, h, { MEMORY_MB: nfvi.free(h, 2) }).ok).toBe(true);
  const SSD = flavour("ssd", 1, 2_048, { disk: "ssd" });
  const HDD = flavour("hdd", 1, 2_048, { disk: "hdd" });
  const AGGREGATES: AggregateSpec[] = [
    { id: asId<AggregateId>("a-ssd"), metadata: { disk: "ssd" } },
    { id: asId<AggregateId>("a-hdd"), metadata: { disk: "hdd" } },
  ];

  it("required metadata: only hosts carrying it are candidates, and two flavours asking different values stop the bound", () => {
    // h0, h1 carry disk=ssd; h2, h3 disk=hdd; h3 is full.
    const nfvi = nfviOf([host("h0", "z1", ["a-ssd"]), host("h1", "z1", ["a-ssd"]), host("h2", "z1", ["a-hdd"]), host("h3", "z1", ["a-hdd"])], AGGREGATES);
    const byHost = placed(nfvi, [[0, SSD], [0, SSD], [2, HDD]]);
    fill(nfvi, 3);
    const bound = new HeadroomBound(nfvi, policy(), () => undefined, vector);
    expect(bound.rawNeedOf([0], byHost)).toEqual({ counts: new Map([[SSD, 2]]), zone: undefined, excluded: 0 });
    expect(bound.proves([0], byHost)).toBe(true);
    // h2's server may go to h3 only (full), although h0 and h1 have room.
    expect(bound.proves([2], byHost)).toBe(false);
    const roomy = nfviOf([host("h0", "z1", ["a-ssd"]), host("h1", "z1", ["a-ssd"]), host("h2", "z1", ["a-hdd"]), host("h3", "z1", ["a-hdd"])], AGGREGATES);
    const both = placed(roomy, [[0, SSD], [2, HDD]]);
    const fresh = new HeadroomBound(roomy, policy(), () => undefined, vector);
    expect(fresh.proves([0], both)).toBe(true);
    expect(fresh.proves([2], both)).toBe(true);
    // No host carries disk=ssd and disk=hdd: the bound does not speak for that domain.
    expect(fresh.proves([0, 2], both)).toBe(false);
  });

  // A value may hold any text, the separators of a joined key included.
  for (const value of ["1b=2", "1\nb=2"]) {
    it(`metadata pairs are kept apart: {a: 1, b: 2} is not {a: ${JSON.stringify(value)}}`, () => {
      const P = flavour("p", 1, 2_048, { a: "1", b: "2" });
      const Q = flavour("q", 1, 2_048, { a: value });
      const aggregates: AggregateSpec[] = [
        { id: asId<AggregateId>("a-p"), metadata: { a: "1", b: "2" } },
        { id: asId<AggregateId>("a-q"), metadata: { a: value } },
      ];
      // h0, h1 carry a=1, b=2; h2, h3 the one value; h3 is full.
      const nfvi = nfviOf([host("h0", "z1", ["a-p"]), host("h1", "z1", ["a-p"]), host("h2", "z1", ["a-q"]), host("h3", "z1", ["a-q"])], aggregates);
      const byHost = placed(nfvi, [[0, P], [2, Q]]);
      fill(nfvi, 3);
      const bound = new HeadroomBound(nfvi, policy(), () => undefined, vector);
      expect(bound.proves([0], byHost)).toBe(true);
      expect(bound.proves([2], byHost)).toBe(false);
      // And the check answers as the dry run of every domain: h2's server finds no host.
      const list = byHost.servers;
      const inputs = { nfvi, servers: { liveServerCount: list.length, liveServerAt: (i: number) => list[i], serverGroup: () => undefined }, policy: policy(), priorityOf: () => 0 };
      const exhaustive = nPlusOneHeadroom({ ...inputs, exhaustive: true });
      expect(exhaustive.racks[2]).toMatchObject({ survivable: false, servers: 1, unplaced: 1 });
      expect(nPlusOneHeadroom(inputs)).toEqual(exhaustive);
    });
  }

  it("zones: a zone-bound domain counts only its zone's hosts, whichever domain was counted before", () => {
    // z1: h0, h1 with room; z2: h2 and a full h3.
    const nfvi = nfviOf([host("h0", "z1"), host("h1", "z1"), host("h2", "z2"), host("h3", "z2")]);
    const byHost = placed(nfvi, [[0, S, "z1"], [2, S, "z2"]]);
    fill(nfvi, 3);
    const bound = new HeadroomBound(nfvi, policy(), () => undefined, vector);
    expect(bound.proves([0], byHost)).toBe(true);
    expect(bound.proves([2], byHost)).toBe(false);
    expect(new HeadroomBound(nfvi, policy(), () => undefined, vector).proves([2], byHost)).toBe(false);
  });

  // (1 vCPU, 20,482 MB, no disk) reads as S (1 vCPU, 2,048 MB, 20 GB) digit by digit: 1 0 2048(2) (2)0.
  const ALIKE: FlavourSpec = { ...S, id: "alike", amounts: { ...S.amounts, MEMORY_MB: 20_482, DISK_GB: 0 } };
  for (const large of [X, ALIKE]) {
    it(`flavours: a domain of large servers (${large.id}) is not counted in the units of a domain of small ones`, () => {
      const w = faultWorld({ zones: 1, racks: 3, hostsPerRack: 1 });
      allocateOn(w, 0, [S]);
      allocateOn(w, 1, [large]);
      leaveFree(w, 0, 3_072);
      leaveFree(w, 2, 10_240);
      const bound = boundOf(w);
      expect(bound.proves([0], byHostOf(w))).toBe(true);
      // 20 or 24 GB asked, 3 GB and 10 GB free outside.
      expect(bound.proves([1], byHostOf(w))).toBe(false);
      expect(survivable(w).racks[1]).toMatchObject({ survivable: false, servers: 1, unplaced: 1, short: { "insufficient MEMORY_MB": 1 } });
    });
  }

  it("every class a flavour asks bounds the units, even when another flavour of the domain asks none of it", () => {
    // D asks 20 GB of disk, Z none (and sorts after D); the host outside has 10 GB of disk left.
    const D = flavour("d", 1, 2_048);
    const Z: FlavourSpec = { ...D, id: "z", amounts: { ...D.amounts, VCPU: 9, DISK_GB: 0 } };
    const w = faultWorld({ zones: 1, racks: 2, hostsPerRack: 1 });
    allocateOn(w, 0, [D, Z]);
    expect(w.nfvi.claim("fill-disk", 1, { DISK_GB: 490 }).ok).toBe(true);
    expect(boundOf(w).proves([0], byHostOf(w))).toBe(false);
    expect(survivable(w).racks[0]).toMatchObject({ survivable: false, servers: 2, unplaced: 1, short: { "insufficient DISK_GB": 1 } });
  });
});
