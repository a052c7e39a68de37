import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { asId, type HostId, type RackId, type ZoneId } from "../../domain/index.js";
import { checkAcceleratorPool, novaHost, snapshotNfvi, type NfviState } from "../../nfvi/index.js";
import { resolvePolicy, withAcceleratorFilter, type Policy } from "../../placement/index.js";
import { accRequest, accWorld } from "../../testing/acc-world.js";
import { allocateServers, faultWorld, SMALL_FLAVOUR } from "../../testing/fault-world.js";
import { smallNfvi } from "../../testing/small-vim.js";
import type { ComputeService } from "../compute/compute-service.js";
import { nPlusOneHeadroom, type HeadroomReport } from "./headroom.js";

const spread = (): Policy => {
  const p = resolvePolicy("spread");
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
};
const check = (nfvi: NfviState, compute: ComputeService, policy = spread()): HeadroomReport => nPlusOneHeadroom({ nfvi, servers: compute, policy, priorityOf: () => 0 });
const byId = (r: HeadroomReport): Record<string, [boolean, number, number, Record<string, number>]> =>
  Object.fromEntries([...r.racks, ...r.zones].map((d) => [d.id, [d.survivable, d.servers, d.unplaced, d.short]]));

describe("N+1 headroom: a dry run of each domain's evacuation", () => {
  it("an empty site survives any loss; a zone's servers fill the other zone and the rest are counted short", () => {
    const w = faultWorld({ zones: 2, racks: 2, hostsPerRack: 1 });
    expect(check(w.nfvi, w.compute).racks.every((r) => r.survivable && r.servers === 0)).toBe(true);
    // 4 hosts of 64 GB: 40 servers of 4 GB, 10 per host (spread), 24,064 MB free on each: room for 5 more.
    allocateServers(w, 40);
    const r = byId(check(w.nfvi, w.compute));
    // A rack (10 servers) goes to the three other hosts, in either zone (no zone constraint): 15 slots.
    expect(r["z1/r1"]).toEqual([true, 10, 0, {}]);
    // A zone (20 servers) into the other zone's 2 × 5 slots: 10 find no host.
    expect(r.z1).toEqual([false, 20, 10, { "insufficient MEMORY_MB": 10 }]);
    expect(r.z2).toEqual([false, 20, 10, { "insufficient MEMORY_MB": 10 }]);
  });

  it("fragmentation: 6 GB free in two pieces of 3 GB does not take one 4 GB server (the aggregate sum said it did)", () => {
    const w = faultWorld({ zones: 1, racks: 3, hostsPerRack: 1 });
    allocateServers(w, 1);
    // Fill the two other hosts to 3 GB free (65,024 − 62,000 = 3,024 MB).
    for (const h of [1, 2]) expect(w.nfvi.claim(`fill-${h}`, h, { MEMORY_MB: 62_000 }).ok).toBe(true);
    const s = w.compute.liveServerAt(0)!;
    expect(s.hostIndex).toBe(0);
    expect(byId(check(w.nfvi, w.compute))["z1/r1"]).toEqual([false, 1, 1, { "insufficient MEMORY_MB": 1 }]);
  });

  it("anti-affinity: a member finds no host without another member on it; an ungrouped server would", () => {
    const w = faultWorld({ zones: 1, racks: 3, hostsPerRack: 1 });
    expect(w.compute.createServerGroup("g", "anti-affinity", 1).ok).toBe(true);
    allocateServers(w, 3, "t1", "g");
    allocateServers(w, 3);
    const r = byId(check(w.nfvi, w.compute));
    expect(r["z1/r1"]).toEqual([false, 2, 1, { "server group anti-affinity": 1 }]);
    // Two members per host allowed: the lost member fits beside another.
    const w2 = faultWorld({ zones: 1, racks: 3, hostsPerRack: 1 });
    expect(w2.compute.createServerGroup("g", "anti-affinity", 2).ok).toBe(true);
    allocateServers(w2, 3, "t1", "g");
    expect(byId(check(w2.nfvi, w2.compute))["z1/r1"]).toEqual([true, 1, 0, {}]);
  });

  it("servers are re-placed one after another, in the evacuation order: priority, then server number", () => {
    const w = faultWorld({ zones: 1, racks: 2, hostsPerRack: 1 });
    // Three servers on host 0, by number: 4 GB, 8 GB, 4 GB; host 1 keeps exactly 8 GB free.
    w.nfvi.setEnabled(1, false);
    const big = { ...SMALL_FLAVOUR, id: "big", amounts: { ...SMALL_FLAVOUR.amounts, MEMORY_MB: 8_192 } };
    allocateServers(w, 1);
    const bigNo = w.compute.allocate({ tenant: "t1", flavour: big, zone: undefined, groupId: undefined, name: undefined, metadata: {}, bootTimesMs: [0], measured: true }).servers[0]!.no;
    allocateServers(w, 1);
    w.nfvi.setEnabled(1, true);
    expect(w.nfvi.claim("fill", 1, { MEMORY_MB: 65_024 - 8_192 }).ok).toBe(true);
    const rack1 = (priorityOf: (no: number) => number) => nPlusOneHeadroom({ nfvi: w.nfvi, servers: w.compute, policy: spread(), priorityOf: (s) => priorityOf(s.no) }).racks[0]!;
    // By number: the two small ones share the 8 GB, the big one finds none. The aggregate sum (16 GB
    // against 8 GB) said "not survivable" too, but not how many.
    expect(rack1(() => 0)).toMatchObject({ servers: 3, unplaced: 1, short: { "insufficient MEMORY_MB": 1 } });
    // The big one first (higher priority): it takes all 8 GB and the two small ones find nothing.
    expect(rack1((no) => (no === bigNo ? 10 : 0))).toMatchObject({ servers: 3, unplaced: 2, short: { "insufficient MEMORY_MB": 2 } });
  });

  it("accelerators count: GPU servers of a lost host find no handle although CPU and memory are plentiful", () => {
    const w = accWorld(4);
    // Each host has one GPU of 4 handles: 8 two-handle servers take all 16.
    const r = w.compute.allocate(accRequest("t", w.flavours["gpu2"]!, 8));
    expect(r.error).toBeUndefined();
    const pool = w.nfvi.accelerators!;
    const version = pool.version;
    const report = nPlusOneHeadroom({ nfvi: w.nfvi, servers: w.compute, policy: withAcceleratorFilter(spread()), priorityOf: () => 0 });
    expect(report.zones.map((z) => [z.id, z.servers, z.unplaced, z.short])).toEqual([
      ["az1", 4, 4, { "insufficient GPU handles": 4 }],
      ["az2", 4, 4, { "insufficient GPU handles": 4 }],
    ]);
    expect(pool.version).toBe(version);
    expect(checkAcceleratorPool(pool)).toBeNull();
  });

  it("calling the check mid-run changes nothing: the state, the log and the rest of the run are as without it", () => {
    const run = (withCheck: boolean): { log: string; snapshot: unknown; records: unknown } => {
      const w = faultWorld({ zones: 2, racks: 2, hostsPerRack: 2 });
      allocateServers(w, 70);
      w.faults.inject({ domain: "rack", domainId: "z1/r1", hosts: [0, 1], kind: "crash", repairAfterMs: 600_000 });
      w.sim.run({ untilMs: 10_000 });
      const before = JSON.stringify(snapshotNfvi(w.nfvi));
      const version = w.nfvi.version;
      if (withCheck) {
        const report = w.faults.headroom(spread());
        expect(report.zones.some((z) => !z.survivable)).toBe(true);
        expect(JSON.stringify(snapshotNfvi(w.nfvi))).toBe(before);
        expect(w.nfvi.version).toBe(version);
      }
      w.sim.run({ untilMs: 1_000_000 });
      return { log: w.log.digest, snapshot: snapshotNfvi(w.nfvi), records: w.log.kept };
    };
    const a = run(true);
    const b = run(false);
    expect(a.log).toBe(b.log);
    expect(a.records).toEqual(b.records);
    expect(a.snapshot).toEqual(b.snapshot);
  });

  it("a rack id already carrying its zone is kept", () => {
    const w = faultWorld({ zones: 1, racks: 1, hostsPerRack: 1 });
    expect(check(w.nfvi, w.compute).racks.map((d) => d.id)).toEqual(["z1/r1"]);
    const nfvi = smallNfvi([novaHost({ id: asId<HostId>("h"), zone: asId<ZoneId>("az1"), rack: asId<RackId>("az1/r01"), vcpus: 1, memoryMb: 1_536, diskGb: 10 })]);
    const none = { liveServerCount: 0, liveServerAt: () => undefined, serverGroup: () => undefined };
    expect(nPlusOneHeadroom({ nfvi, servers: none, policy: spread(), priorityOf: () => 0 }).racks).toEqual([{ id: "az1/r01", survivable: true, servers: 0, unplaced: 0, short: {} }]);
  });
});

describe("N+1 headroom against a simpler model", () => {
  // Identical servers and memory the only binding class (16 vCPU × 4 and 500 GB hold more than the
  // 15 servers 64 GB holds): whatever the policy's order, a domain's servers fit exactly as far as
  // the usable hosts outside it have whole 4 GB slots. The model counts slots; the check places.
  const SLOT_MB = 4_096;
  it("unplaced = max(0, servers − free 4 GB slots outside the domain); the live state is unchanged", () => {
    const world = fc.record({
      zones: fc.integer({ min: 1, max: 2 }),
      racks: fc.integer({ min: 1, max: 3 }),
      hostsPerRack: fc.integer({ min: 1, max: 2 }),
      fills: fc.array(fc.integer({ min: 0, max: 40_000 }), { minLength: 12, maxLength: 12 }),
      load: fc.double({ min: 0, max: 1, noNaN: true }),
      unusable: fc.array(fc.constantFrom("UP", "DOWN", "MAINTENANCE", "disabled"), { minLength: 12, maxLength: 12 }),
    });
    fc.assert(
      fc.property(world, ({ zones, racks, hostsPerRack, fills, load, unusable }) => {
        const w = faultWorld({ zones, racks, hostsPerRack });
        const n = w.nfvi.hostCount;
        for (let h = 0; h < n; h++) if (fills[h]! > 0) expect(w.nfvi.claim(`fill-${h}`, h, { MEMORY_MB: fills[h]! }).ok).toBe(true);
        allocateServers(w, Math.floor(load * 15 * n));
        for (let h = 0; h < n; h++) {
          const u = unusable[h]!;
          if (u === "disabled") w.nfvi.setEnabled(h, false);
          else if (u !== "UP") w.nfvi.setHostState(h, u as "DOWN" | "MAINTENANCE");
        }
        const before = JSON.stringify(snapshotNfvi(w.nfvi));
        const report = check(w.nfvi, w.compute);
        expect(JSON.stringify(snapshotNfvi(w.nfvi))).toBe(before);
        const onHost = new Array<number>(n).fill(0);
        for (let i = 0; i < w.compute.liveServerCount; i++) onHost[w.compute.liveServerAt(i)!.hostIndex]!++;
        const model = (hosts: readonly number[]): [number, number] => {
          const inside = new Set(hosts);
          let slots = 0;
          for (let h = 0; h < n; h++) if (!inside.has(h) && w.nfvi.isUsable(h)) slots += Math.floor(Math.max(0, w.nfvi.free(h, 2)) / SLOT_MB);
          const servers = hosts.reduce((a, h) => a + onHost[h]!, 0);
          return [servers, Math.max(0, servers - slots)];
        };
        const t = w.nfvi.topology;
        const domains = [...t.racks.map((r) => r.hosts), ...t.zones.map((z) => z.hosts)];
        const got = [...report.racks, ...report.zones].map((d) => [d.servers, d.unplaced]);
        expect(got).toEqual(domains.map(model));
        for (const d of [...report.racks, ...report.zones]) expect(d.survivable).toBe(d.unplaced === 0);
      }),
      { numRuns: 40 },
    );
  });
});
