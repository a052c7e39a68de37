// The dry run and the check around it, pinned to exact values (issue 15 item 15): the evacuation
// order, the group members' moves within one domain's run, the reasons and their order, the
// accelerator handles a re-placed server binds, the kept copy, and which domains are dry-run at all.
import { describe, expect, it } from "vitest";
import { InvariantViolation } from "../../domain/index.js";
import { checkAcceleratorPool, type NfviState } from "../../nfvi/index.js";
import { resolvePolicy, withAcceleratorFilter, type Policy } from "../../placement/index.js";
import { accRequest, accWorld } from "../../testing/acc-world.js";
import { allocateServers, faultWorld, SMALL_FLAVOUR, type FaultWorld } from "../../testing/fault-world.js";
import type { FlavourSpec } from "../compute/flavour.js";
import type { ServerRecord } from "../compute/server.js";
import { HeadroomScratch } from "./headroom-dry-run.js";
import { nPlusOneHeadroom, type HeadroomInputs, type HeadroomReport } from "./headroom.js";

const spread = (): Policy => {
  const p = resolvePolicy("spread");
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
};
const check = (w: FaultWorld, more: Partial<HeadroomInputs> = {}): HeadroomReport => nPlusOneHeadroom({ nfvi: w.nfvi, servers: w.compute, policy: spread(), priorityOf: () => 0, ...more });
const sized = (id: string, vcpus: number, memoryMb: number): FlavourSpec => ({ ...SMALL_FLAVOUR, id, amounts: { ...SMALL_FLAVOUR.amounts, VCPU: vcpus, MEMORY_MB: memoryMb } });

/** Allocates `flavours` in order on host h only (the other enabled hosts disabled meanwhile). */
function allocateOn(w: FaultWorld, h: number, flavours: readonly FlavourSpec[], groupId?: string): void {
  const others = Array.from({ length: w.nfvi.hostCount }, (_, i) => i).filter((i) => i !== h && w.nfvi.isEnabled(i));
  for (const o of others) w.nfvi.setEnabled(o, false);
  for (const f of flavours) {
    const r = w.compute.allocate({ tenant: "t1", flavour: f, zone: undefined, groupId, name: undefined, metadata: {}, bootTimesMs: [0], measured: true });
    expect(r.servers[0]?.hostIndex).toBe(h);
  }
  for (const o of others) w.nfvi.setEnabled(o, true);
}

/** Free amounts per host and class: what a copy must agree on with its source. */
const freeOf = (nfvi: NfviState): number[][] => Array.from({ length: nfvi.hostCount }, (_, h) => [0, 1, 2, 3].map((c) => nfvi.free(h, c)));

/** A kept copy that counts how often a check asked for it: once per check that dry-runs a domain. */
class CountingScratch extends HeadroomScratch {
  copies = 0;
  override of(nfvi: NfviState): NfviState {
    this.copies++;
    return super.of(nfvi);
  }
}

describe("the dry run's order, moves and reasons", () => {
  it("ties of priority go by server number, not by host: the big server first takes the 8 GB the small ones needed", () => {
    // z1 = hosts 0 and 1; outside, host 2 has 8 GB (+1,000 MB) and host 3 is disabled. By number: #1
    // (8 GB) on host 1, #2 on host 0, #3 on host 1, #4 on host 0 (4 GB each): host by host they read
    // 2, 4, 1, 3, and only #1 first leaves all three small ones without a host.
    const w = faultWorld({ zones: 2, racks: 2, hostsPerRack: 1 });
    w.nfvi.setEnabled(3, false);
    allocateOn(w, 1, [sized("big", 2, 8_192)]);
    allocateOn(w, 0, [SMALL_FLAVOUR]);
    allocateOn(w, 1, [SMALL_FLAVOUR]);
    allocateOn(w, 0, [SMALL_FLAVOUR]);
    expect(w.nfvi.claim("fill", 2, { MEMORY_MB: w.nfvi.free(2, 2) - 9_192 }).ok).toBe(true);
    const z1 = check(w).zones[0]!;
    expect(z1).toEqual({ id: "z1", survivable: false, servers: 4, unplaced: 3, short: { "insufficient MEMORY_MB": 3 } });
    // The small ones first when they weigh more: two of them take the 8 GB.
    const bigNo = w.compute.liveServerAt(0)!.no;
    expect(check(w, { priorityOf: (s) => (s.no === bigNo ? 0 : 1) }).zones[0]).toMatchObject({ unplaced: 2, short: { "insufficient MEMORY_MB": 2 } });
  });

  it("a zone-bound server is re-placed in its own zone, not in the zone of an earlier server of the same flavour", () => {
    // z1 = hosts 0, 1 (room on 1); z2 = hosts 2, 3 (3 full). Every domain dry-run, in order.
    const w = faultWorld({ zones: 2, racks: 2, hostsPerRack: 1 });
    for (const [h, zone] of [[0, "z1"], [2, "z2"]] as const) {
      const off = [0, 1, 2, 3].filter((o) => o !== h);
      for (const o of off) w.nfvi.setEnabled(o, false);
      expect(w.compute.allocate({ tenant: "t1", flavour: SMALL_FLAVOUR, zone, groupId: undefined, name: undefined, metadata: {}, bootTimesMs: [0], measured: true }).servers[0]?.hostIndex).toBe(h);
      for (const o of off) w.nfvi.setEnabled(o, true);
    }
    expect(w.nfvi.claim("fill", 3, { MEMORY_MB: w.nfvi.free(3, 2) }).ok).toBe(true);
    const r = check(w, { exhaustive: true });
    expect(r.racks.map((d) => [d.id, d.servers, d.unplaced, d.short])).toEqual([
      ["z1/r1", 1, 0, {}],
      ["z1/r2", 0, 0, {}],
      ["z2/r1", 1, 1, { "insufficient MEMORY_MB": 1 }],
      ["z2/r2", 0, 0, {}],
    ]);
  });

  it("a member re-placed earlier in the same domain's run closes its new host to the next member", () => {
    // Anti-affinity, one per host: members on hosts 0, 1 (zone z1) and 2; only host 3 is free of them.
    const w = faultWorld({ zones: 2, racks: 2, hostsPerRack: 1 });
    expect(w.compute.createServerGroup("g", "anti-affinity", 1).ok).toBe(true);
    for (const h of [0, 1, 2]) allocateOn(w, h, [SMALL_FLAVOUR], "g");
    const r = check(w);
    expect(r.zones[0]).toEqual({ id: "z1", survivable: false, servers: 2, unplaced: 1, short: { "server group anti-affinity": 1 } });
    expect(r.racks.map((d) => [d.id, d.unplaced])).toEqual([["z1/r1", 0], ["z1/r2", 0], ["z2/r1", 0], ["z2/r2", 0]]);
  });

  it("reasons: a member refused only by its group, a member and others refused for capacity; keys sorted", () => {
    // Host 0 holds, by number: a member of g, a 14-vCPU server, a 28 GB server, a 24 GB member of g.
    // Host 1 holds the other member and keeps 10 vCPU and 20 GB free.
    const w = faultWorld({ zones: 1, racks: 2, hostsPerRack: 1 });
    expect(w.compute.createServerGroup("g", "anti-affinity", 2).ok).toBe(true);
    allocateOn(w, 1, [SMALL_FLAVOUR, SMALL_FLAVOUR], "g");
    allocateOn(w, 0, [SMALL_FLAVOUR], "g");
    allocateOn(w, 0, [sized("cpu", 14, 2_048), sized("mem", 2, 28_672)]);
    allocateOn(w, 0, [sized("mem2", 2, 24_576)], "g");
    const free = (c: number) => w.nfvi.free(1, c);
    expect(w.nfvi.claim("fill", 1, { MEMORY_MB: free(2) - 20_480 }).ok).toBe(true);
    // A claim takes at most 16 vCPU (the host's max unit).
    for (let i = 0; free(0) > 10; i++) expect(w.nfvi.claim(`fill-cpu-${i}`, 1, { VCPU: Math.min(16, free(0) - 10) }).ok).toBe(true);
    const r1 = check(w).racks[0]!;
    expect(r1).toEqual({
      id: "z1/r1",
      survivable: false,
      servers: 4,
      unplaced: 4,
      short: { "insufficient MEMORY_MB": 2, "insufficient VCPU": 1, "server group anti-affinity": 1 },
    });
    expect(Object.keys(r1.short)).toEqual(["insufficient MEMORY_MB", "insufficient VCPU", "server group anti-affinity"]);
    // Host 1's members: host 0 (index 0) is the only host that takes their flavour, and g closes it.
    expect(check(w).racks[1]).toEqual({ id: "z1/r2", survivable: false, servers: 2, unplaced: 2, short: { "server group anti-affinity": 2 } });
  });

  it("accelerators: re-placed GPU servers bind the handles they need, so the last finds none; the pool is as before", () => {
    // az1 = h00, h01 (zone = its one rack); az2 = h02, h03. Four 2-handle servers fill az1's GPUs;
    // one on h02 leaves az2 six handles: room for three.
    const w = accWorld(4);
    const gpu = w.flavours["gpu2"]!;
    const place = (hosts: number[], count: number) => {
      const off = [0, 1, 2, 3].filter((h) => !hosts.includes(h));
      for (const h of off) w.nfvi.setEnabled(h, false);
      expect(w.compute.allocate(accRequest("t", gpu, count)).error).toBeUndefined();
      for (const h of off) w.nfvi.setEnabled(h, true);
    };
    place([0, 1], 4);
    place([2], 1);
    const pool = w.nfvi.accelerators!;
    const version = pool.version;
    const report = nPlusOneHeadroom({ nfvi: w.nfvi, servers: w.compute, policy: withAcceleratorFilter(spread()), priorityOf: () => 0 });
    const az1 = { servers: 4, unplaced: 1, short: { "insufficient GPU handles": 1 } };
    // The rack and the zone are the same hosts: the second run starts from the handles the first freed.
    expect(report.racks[0]).toMatchObject({ id: "az1/r1", ...az1 });
    expect(report.zones[0]).toMatchObject({ id: "az1", ...az1 });
    // az1's handles are all taken.
    expect(report.zones[1]).toMatchObject({ id: "az2", servers: 1, unplaced: 1, short: { "insufficient GPU handles": 1 } });
    expect(pool.version).toBe(version);
    expect(checkAcceleratorPool(pool)).toBeNull();
  });
});

describe("the kept copy and the domains that need no dry run", () => {
  it("HeadroomScratch: one copy, brought back in step while it can be; a new one for another site", () => {
    const w = faultWorld({ zones: 1, racks: 2, hostsPerRack: 1 });
    allocateServers(w, 3);
    const scratch = new HeadroomScratch();
    const copy = scratch.of(w.nfvi);
    expect(copy).not.toBe(w.nfvi);
    expect(freeOf(copy)).toEqual(freeOf(w.nfvi));
    allocateServers(w, 2);
    w.nfvi.setHostState(1, "MAINTENANCE");
    expect(scratch.of(w.nfvi)).toBe(copy);
    expect(freeOf(copy)).toEqual(freeOf(w.nfvi));
    expect(copy.hostState(1)).toBe("MAINTENANCE");
    const other = faultWorld({ zones: 1, racks: 3, hostsPerRack: 1 });
    const second = scratch.of(other.nfvi);
    expect(second).not.toBe(copy);
    expect(freeOf(second)).toEqual(freeOf(other.nfvi));
  });

  it("a domain the bound proves, or one with no server, is not dry-run; exhaustive dry-runs every domain with servers", () => {
    const w = faultWorld({ zones: 2, racks: 2, hostsPerRack: 1 });
    const empty = new CountingScratch();
    expect(check(w, { scratch: empty, exhaustive: true }).zones.every((z) => z.survivable && z.servers === 0)).toBe(true);
    expect(empty.copies).toBe(0);
    allocateServers(w, 8);
    const proved = new CountingScratch();
    const fast = check(w, { scratch: proved });
    expect(proved.copies).toBe(0);
    const all = new CountingScratch();
    expect(check(w, { scratch: all, exhaustive: true })).toEqual(fast);
    expect(all.copies).toBe(1);
    expect(fast.zones).toEqual([
      { id: "z1", survivable: true, servers: 4, unplaced: 0, short: {} },
      { id: "z2", survivable: true, servers: 4, unplaced: 0, short: {} },
    ]);
  });

  it("a flavour whose amounts are not whole non-negative numbers is a broken invariant, named", () => {
    const w = faultWorld({ zones: 1, racks: 2, hostsPerRack: 1 });
    allocateServers(w, 1);
    const bad: FlavourSpec = { ...SMALL_FLAVOUR, id: "bad", amounts: { ...SMALL_FLAVOUR.amounts, VCPU: 1.5 } };
    const real = w.compute.liveServerAt(0)!;
    const forged = { ...real, flavourSpec: bad } as ServerRecord;
    const servers = { liveServerCount: 1, liveServerAt: () => forged, serverGroup: () => undefined };
    const run = () => nPlusOneHeadroom({ nfvi: w.nfvi, servers, policy: spread(), priorityOf: () => 0 });
    expect(run).toThrow(InvariantViolation);
    expect(run).toThrow("FLAVOUR: flavour bad: VCPU amount must be a non-negative integer, got 1.5");
  });
});
