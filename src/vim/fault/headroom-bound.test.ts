import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolvePolicy, type Policy } from "../../placement/index.js";
import { allocateServers, faultWorld, SMALL_FLAVOUR, type FaultWorld } from "../../testing/fault-world.js";
import type { FlavourSpec } from "../compute/flavour.js";
import type { GroupPolicy } from "../compute/server-group.js";
import { HeadroomBound } from "./headroom-bound.js";
import { HeadroomScratch } from "./headroom-dry-run.js";
import { nPlusOneHeadroom } from "./headroom.js";
import { groupByHost } from "./servers-by-host.js";

const policy = (name: string): Policy => {
  const p = resolvePolicy(name);
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
};
const flavour = (id: string, vcpus: number, memoryMb: number): FlavourSpec => ({ ...SMALL_FLAVOUR, id, amounts: { ...SMALL_FLAVOUR.amounts, VCPU: vcpus, MEMORY_MB: memoryMb } });
const FLAVOURS = [flavour("s", 1, 2_048), flavour("m", 2, 4_096), flavour("l", 4, 12_288), flavour("x", 8, 24_576)];
const vector = (f: FlavourSpec): Float64Array => Float64Array.from([f.amounts.VCPU, f.amounts.PCPU, f.amounts.MEMORY_MB, f.amounts.DISK_GB]);
const boundOf = (w: FaultWorld, p: Policy): HeadroomBound => new HeadroomBound(w.nfvi, p, (id) => w.compute.serverGroup(id), vector);
const byHostOf = (w: FaultWorld) => groupByHost(w.nfvi.hostCount, w.compute.liveServerCount, (i) => w.compute.liveServerAt(i));

describe("the N+1 bound: a domain proved survivable without its dry run", () => {
  it("proves a rack of a roomy site, not a zone that the other zone cannot take, nor a hard-affinity member", () => {
    const w = faultWorld({ zones: 2, racks: 2, hostsPerRack: 1 });
    // 4 hosts of 64 GB, 40 servers of 4 GB (10 per host): 5 free 4 GB slots per host.
    allocateServers(w, 40);
    const bound = boundOf(w, policy("spread"));
    const t = w.nfvi.topology;
    // Rack: 10 servers, 3 × 5 = 15 slots outside: 15 − 9 > 0.
    expect(bound.proves(t.racks[0]!.hosts, byHostOf(w))).toBe(true);
    // Zone: 20 servers, 10 slots outside.
    expect(bound.proves(t.zones[0]!.hosts, byHostOf(w))).toBe(false);
    expect(w.compute.createServerGroup("a", "affinity", 1).ok).toBe(true);
    allocateServers(w, 1, "t1", "a");
    const member = w.compute.liveServerAt(w.compute.liveServerCount - 1)!;
    expect(bound.proves([member.hostIndex], byHostOf(w))).toBe(false);
  });

  it("anti-affinity: the bound keeps a margin of the hosts a group can close", () => {
    const w = faultWorld({ zones: 1, racks: 3, hostsPerRack: 1 });
    expect(w.compute.createServerGroup("g", "anti-affinity", 1).ok).toBe(true);
    allocateServers(w, 3, "t1", "g");
    // 60,928 MB free per host: 14 copies of the 4 GB flavour, F = 28 outside one rack; the member
    // needs F − 0 > e × maxFit = ⌊3 / 1⌋ × 14 = 42: not proved (and the dry run finds it short).
    const t = w.nfvi.topology;
    expect(boundOf(w, policy("spread")).proves(t.racks[0]!.hosts, byHostOf(w))).toBe(false);
    expect(nPlusOneHeadroom({ nfvi: w.nfvi, servers: w.compute, policy: policy("spread"), priorityOf: () => 0 }).racks[0]).toMatchObject({ survivable: false, unplaced: 1 });
  });

  it("fragmentation: units spread thin over many hosts do not take a large server", () => {
    const w = faultWorld({ zones: 1, racks: 11, hostsPerRack: 1 });
    for (let h = 1; h < 11; h++) w.nfvi.setEnabled(h, false);
    const allocate = (f: FlavourSpec) => w.compute.allocate({ tenant: "t1", flavour: f, zone: undefined, groupId: undefined, name: undefined, metadata: {}, bootTimesMs: [0], measured: true });
    allocate(FLAVOURS[0]!);
    allocate(FLAVOURS[3]!);
    // Ten hosts with 10 GB free each: 5 units of the small flavour (2 GB) on each, 50 in all, 13
    // asked (1 + 12): the count alone would pass, but no host has the 12 units of the 24 GB one.
    for (let h = 1; h < 11; h++) {
      w.nfvi.setEnabled(h, true);
      expect(w.nfvi.claim(`fill-${h}`, h, { MEMORY_MB: 65_024 - 10_240 }).ok).toBe(true);
    }
    const t = w.nfvi.topology;
    expect(boundOf(w, policy("spread")).proves(t.racks[0]!.hosts, byHostOf(w))).toBe(false);
    expect(nPlusOneHeadroom({ nfvi: w.nfvi, servers: w.compute, policy: policy("spread"), priorityOf: () => 0 }).racks[0]).toMatchObject({ survivable: false, unplaced: 1 });
  });

  it("answers as the dry run of every domain (and a kept copy as a new one): mixed flavours, groups, zones, step sizes, unusable hosts", () => {
    const world = fc.record({
      zones: fc.integer({ min: 1, max: 2 }),
      racks: fc.integer({ min: 1, max: 3 }),
      hostsPerRack: fc.integer({ min: 1, max: 3 }),
      servers: fc.array(fc.record({ f: fc.integer({ min: 0, max: 3 }), group: fc.integer({ min: -1, max: 3 }), zone: fc.integer({ min: 0, max: 4 }) }), { maxLength: 90 }),
      groupPolicies: fc.array(fc.constantFrom<GroupPolicy>("anti-affinity", "affinity", "soft-anti-affinity"), { minLength: 4, maxLength: 4 }),
      stepped: fc.array(fc.boolean(), { minLength: 18, maxLength: 18 }),
      // Memory taken outside the servers: fragments the free units below the largest flavour's.
      fills: fc.array(fc.integer({ min: 0, max: 64_000 }), { minLength: 18, maxLength: 18 }),
      down: fc.array(fc.constantFrom("UP", "UP", "UP", "DOWN", "disabled"), { minLength: 18, maxLength: 18 }),
      policyName: fc.constantFrom("spread", "pack", "balanced"),
    });
    fc.assert(
      fc.property(world, (c) => {
        const w = faultWorld({ zones: c.zones, racks: c.racks, hostsPerRack: c.hostsPerRack });
        c.groupPolicies.forEach((p, g) => expect(w.compute.createServerGroup(`g${g}`, p, 1 + (g % 2)).ok).toBe(true));
        for (let h = 0; h < w.nfvi.hostCount; h++) if (c.fills[h]! > 0) expect(w.nfvi.claim(`fill-${h}`, h, { MEMORY_MB: c.fills[h]! }).ok).toBe(true);
        for (const s of c.servers) {
          const zone = s.zone >= 1 && s.zone <= c.zones ? `z${s.zone}` : undefined;
          const groupId = s.group < 0 ? undefined : `g${s.group}`;
          w.compute.allocate({ tenant: "t1", flavour: FLAVOURS[s.f]!, zone, groupId, name: undefined, metadata: {}, bootTimesMs: [0], measured: true });
        }
        // A copy kept from a check before the changes below, brought back in step by the next check.
        const scratch = new HeadroomScratch();
        nPlusOneHeadroom({ nfvi: w.nfvi, servers: w.compute, policy: policy(c.policyName), priorityOf: () => 0, exhaustive: true, scratch });
        for (let h = 0; h < w.nfvi.hostCount; h++) {
          // Memory in steps of 4 GB: the 2 GB flavour is refused there whatever the free memory.
          if (c.stepped[h] === true) w.nfvi.setInventory(h, "MEMORY_MB", { ...w.nfvi.inventory(h, 2)!, stepSize: 4_096 });
          if (c.down[h] === "DOWN") w.nfvi.setHostState(h, "DOWN");
          if (c.down[h] === "disabled") w.nfvi.setEnabled(h, false);
        }
        const inputs = { nfvi: w.nfvi, servers: w.compute, policy: policy(c.policyName), priorityOf: () => 0 };
        const exhaustive = nPlusOneHeadroom({ ...inputs, exhaustive: true });
        expect(nPlusOneHeadroom(inputs)).toEqual(exhaustive);
        expect(nPlusOneHeadroom({ ...inputs, exhaustive: true, scratch })).toEqual(exhaustive);
      }),
      { numRuns: 80 },
    );
  });
});
