import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateServers, faultWorld, type FaultWorld } from "../../testing/fault-world.js";
import type { Alarm } from "./alarm.js";
import type { FaultInjection } from "./fault-domain.js";

const hostsOf = (w: FaultWorld, pred: (id: string) => boolean): number[] =>
  Array.from({ length: w.nfvi.hostCount }, (_, h) => h).filter((h) => pred(w.nfvi.hostId(h)));

const crash = (w: FaultWorld, domain: FaultInjection["domain"], domainId: string, hosts: number[], repairAfterMs = 3_600_000): string =>
  w.faults.inject({ domain, domainId, hosts, kind: "crash", repairAfterMs });

describe("host failure semantics (INV-D9)", () => {
  it("UNKNOWN before detection, DOWN after; allocations stay with recovery none; nothing new lands there", () => {
    const w = faultWorld({ zones: 1, racks: 1, hostsPerRack: 3 }, { recovery: "none" });
    const servers = allocateServers(w, 6);
    const h = w.compute.server(servers[0]!)!.hostIndex;
    const onHost = servers.filter((no) => w.compute.server(no)!.hostIndex === h);
    const used = w.nfvi.used(h, 0);
    crash(w, "host", w.nfvi.hostId(h), [h]);
    expect(w.faults.health.hostStatus(h)).toBe("UNKNOWN");
    expect(onHost.every((no) => w.compute.server(no)!.state.vmState === "active")).toBe(true);
    const fresh = allocateServers(w, 4);
    expect(fresh.every((no) => w.compute.server(no)!.hostIndex !== h)).toBe(true);
    w.sim.run({ untilMs: 501 });
    expect(w.faults.health.hostStatus(h)).toBe("DOWN");
    expect(onHost.every((no) => w.compute.server(no)!.state.vmState === "error")).toBe(true);
    expect(w.nfvi.used(h, 0)).toBe(used);
    expect(onHost.every((no) => w.compute.server(no)!.hostIndex === h)).toBe(true);
  });

  it("evacuates the servers of a failed host to the others, and the repair brings the host back", () => {
    const w = faultWorld({ zones: 1, racks: 1, hostsPerRack: 3 });
    const servers = allocateServers(w, 6);
    const h = w.compute.server(servers[0]!)!.hostIndex;
    crash(w, "host", w.nfvi.hostId(h), [h], 120_000);
    w.sim.run({ untilMs: 100_000 });
    expect(w.nfvi.used(h, 0)).toBe(0);
    expect(servers.every((no) => w.compute.server(no)!.state.vmState === "active")).toBe(true);
    expect(w.faults.availability.evacuationsSucceeded).toBe(2);
    expect(w.faults.availability.restoreTimesMs).toEqual([30_500, 30_500]);
    w.sim.run({ untilMs: 200_000 });
    expect(w.faults.health.hostStatus(h)).toBe("UP");
    expect(w.alarms.activeCount).toBe(0);
  });

  it("restart policy: servers come back in place after the repair", () => {
    const w = faultWorld({ zones: 1, racks: 1, hostsPerRack: 2 }, { recovery: "restart" });
    const servers = allocateServers(w, 2);
    const h = w.compute.server(servers[0]!)!.hostIndex;
    crash(w, "host", w.nfvi.hostId(h), [h], 10_000);
    w.sim.run({ untilMs: 20_000 });
    expect(w.compute.server(servers[0]!)!.hostIndex).toBe(h);
    expect(w.compute.server(servers[0]!)!.state.vmState).toBe("active");
    expect(w.faults.availability.restarts).toBe(1);
    expect(w.faults.availability.restoreTimesMs).toEqual([10_000]);
  });
});

describe("evacuation keeps anti-affinity (INV-E4) and never lands on a down host", () => {
  it("holds for random rack failures", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 10 }), fc.nat(), (racks, perRack, members, pick) => {
        const w = faultWorld({ zones: 1, racks, hostsPerRack: perRack });
        w.compute.createServerGroup("g", "anti-affinity", 1);
        const group = allocateServers(w, Math.min(members, racks * perRack), "t1", "g");
        allocateServers(w, 10);
        const rack = `r${(pick % racks) + 1}`;
        const hosts = hostsOf(w, (id) => id.includes(`-${rack}-`));
        crash(w, "rack", `z1/${rack}`, hosts);
        w.sim.run({ untilMs: 200_000 });
        const live = group.map((no) => w.compute.server(no)!).filter((s) => s.hostIndex >= 0 && s.state.vmState !== "error");
        expect(new Set(live.map((s) => s.hostIndex)).size).toBe(live.length);
        for (const no of [...group]) {
          const s = w.compute.server(no)!;
          if (s.state.vmState === "active") expect(hosts.includes(s.hostIndex)).toBe(false);
        }
        for (const h of hosts) expect(w.nfvi.isUsable(h)).toBe(false);
      }),
      { numRuns: 40 },
    );
  });
});

/** A reference view of the alarm list rebuilt from the notifications alone (INV-I3, I7). */
function replay(notifications: FaultWorld["notifications"]): Map<string, Alarm> {
  const view = new Map<string, Alarm>();
  for (const n of notifications) {
    if (n.kind === "AlarmNotification") view.set(n.alarm.alarmId, n.alarm);
    else if (n.kind === "AlarmClearedNotification") view.delete(n.alarmId);
  }
  return view;
}

describe("alarm invariants INV-I1..I7 under random faults", () => {
  it("hold after every fault, detection and repair", () => {
    const fault = fc.record({ at: fc.integer({ min: 0, max: 50_000 }), domain: fc.constantFrom("host", "rack", "zone" as const), pick: fc.nat(), repair: fc.integer({ min: 100, max: 40_000 }) });
    fc.assert(
      fc.property(fc.array(fault, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 5_000 }), (faults, clearDelay) => {
        const w = faultWorld({ zones: 2, racks: 2, hostsPerRack: 2 }, { alarmClearDelayMs: clearDelay });
        allocateServers(w, 12);
        for (const f of faults) {
          w.sim.scheduleAt(f.at, () => {
            const h = f.pick % w.nfvi.hostCount;
            const id = w.nfvi.hostId(h);
            const [zone, rack] = id.split("-");
            const hosts = f.domain === "host" ? [h] : hostsOf(w, (x) => x.startsWith(f.domain === "rack" ? `${zone}-${rack}-` : `${zone}-`));
            crash(w, f.domain, f.domain === "host" ? id : f.domain === "rack" ? `${zone}/${rack}` : zone!, hosts, f.repair);
          });
        }
        for (let step = 0; step < 400 && w.sim.pendingCount > 0; step++) {
          w.sim.run({ maxEvents: 1 });
          checkAlarmInvariants(w);
        }
        // INV-I2: once every fault is repaired (and damped), nothing stays active.
        w.sim.run({});
        expect(w.alarms.activeCount).toBe(0);
        // INV-I7: after a rebuilt-list notification, the replayed view equals GetAlarmList.
        w.alarms.rebuildList();
        expect(w.notifications.at(-1)!.kind).toBe("AlarmListRebuiltNotification");
      }),
      { numRuns: 25 },
    );
  });
});

function checkAlarmInvariants(w: FaultWorld): void {
  const list = w.alarms.getAlarmList();
  // INV-I3 and I7: the active list is raised − cleared, as a consumer replaying notifications sees it.
  expect(list.map((a) => a.alarmId)).toEqual([...replay(w.notifications).keys()]);
  // INV-I4: at most one active alarm per (object, fault type, cause).
  expect(new Set(list.map((a) => `${a.managedObjectId}/${a.faultType}/${a.probableCause}`)).size).toBe(list.length);
  const cleared = new Set<string>();
  for (const n of w.notifications) {
    if (n.kind === "AlarmClearedNotification") {
      // INV-I1: one clear per alarm, times ordered, severity CLEARED, nothing after.
      expect(cleared.has(n.alarmId)).toBe(false);
      cleared.add(n.alarmId);
      const a = n.alarm;
      expect(a.perceivedSeverity).toBe("CLEARED");
      expect(a.alarmClearedTimeMs! >= (a.alarmChangedTimeMs ?? a.alarmRaisedTimeMs)).toBe(true);
    } else if (n.kind === "AlarmNotification") {
      expect(cleared.has(n.alarm.alarmId)).toBe(false);
      expect(n.alarm.alarmRaisedTimeMs >= n.alarm.eventTimeMs).toBe(true);
      // INV-I6: raised within the detection delay of the fault (crash faults only here).
      if (n.alarm.state === "FIRED") expect(n.alarm.alarmRaisedTimeMs - n.alarm.eventTimeMs).toBeLessThanOrEqual(500);
    }
  }
  // INV-I5: server alarms are not root causes and name a root alarm that is.
  for (const a of list) {
    if (a.managedObjectType !== "VIRTUAL_COMPUTE") continue;
    expect(a.isRootCause).toBe(false);
    const roots = a.correlatedAlarmIds.map((id) => w.alarms.alarm(id)!);
    expect(roots.some((r) => r.isRootCause && r.rootCauseFaultyResource !== undefined)).toBe(true);
  }
}

describe("fault kinds", () => {
  it("hang: the host stays UNKNOWN until the heartbeat timeout, and the Doctor latency shows it", () => {
    const w = faultWorld({ zones: 1, racks: 1, hostsPerRack: 2 });
    const [no] = allocateServers(w, 1);
    const h = w.compute.server(no!)!.hostIndex;
    w.faults.inject({ domain: "host", domainId: w.nfvi.hostId(h), hosts: [h], kind: "hang", repairAfterMs: 600_000 });
    w.sim.run({ untilMs: 59_999 });
    expect(w.faults.health.hostStatus(h)).toBe("UNKNOWN");
    expect(w.alarms.activeCount).toBe(0);
    w.sim.run({ untilMs: 60_001 });
    expect(w.faults.health.hostStatus(h)).toBe("DOWN");
    expect(w.faults.availability.doctorLatenciesMs).toEqual([60_000]);
  });

  it("degraded: placement stops using the host, its servers run on, a MINOR alarm until the repair", () => {
    const w = faultWorld({ zones: 1, racks: 1, hostsPerRack: 2 });
    const [no] = allocateServers(w, 1);
    const h = w.compute.server(no!)!.hostIndex;
    w.faults.inject({ domain: "host", domainId: w.nfvi.hostId(h), hosts: [h], kind: "degraded", repairAfterMs: 10_000 });
    w.sim.run({ untilMs: 1_000 });
    expect(w.nfvi.isUsable(h)).toBe(false);
    expect(w.faults.health.hostStatus(h)).toBe("MAINTENANCE");
    expect(w.compute.server(no!)!.state.vmState).toBe("active");
    expect(w.alarms.getAlarmList().map((a) => [a.managedObjectId, a.perceivedSeverity])).toEqual([[w.nfvi.hostId(h), "MINOR"]]);
    expect(allocateServers(w, 3).every((s) => w.compute.server(s)!.hostIndex !== h)).toBe(true);
    w.sim.run({ untilMs: 20_000 });
    expect(w.nfvi.isUsable(h)).toBe(true);
    expect(w.alarms.activeCount).toBe(0);
    expect(w.faults.availability.incidents).toBe(0);
  });

  it("evacuation follows priority and the concurrency cap", () => {
    const w = faultWorld({ zones: 1, racks: 1, hostsPerRack: 2 }, { evacuation: { concurrency: 1, rebuildMs: () => 1_000, priorityOf: (s) => Number(s.metadata["priority"] ?? 0) } });
    const servers: number[] = [];
    w.nfvi.setEnabled(1, false);
    for (const p of ["1", "9", "5"]) {
      const r = w.compute.allocate({ tenant: "t1", flavour: { id: "m1.small", amounts: { VCPU: 2, PCPU: 0, MEMORY_MB: 4096, DISK_GB: 20 }, requiredMetadata: {} }, zone: undefined, groupId: undefined, name: undefined, metadata: { priority: p }, bootTimesMs: [0], measured: true });
      servers.push(r.servers[0]!.no);
    }
    const h = w.compute.server(servers[0]!)!.hostIndex;
    expect(servers.every((no) => w.compute.server(no)!.hostIndex === h)).toBe(true);
    w.nfvi.setEnabled(1 - h, true);
    w.faults.inject({ domain: "host", domainId: w.nfvi.hostId(h), hosts: [h], kind: "crash", repairAfterMs: 3_600_000 });
    w.sim.run({ untilMs: 10_000 });
    // One at a time, 1 s each, after the 500 ms detection: the highest priority first.
    expect(w.faults.availability.restoreTimesMs).toEqual([1_500, 2_500, 3_500]);
    const clearedOrder = w.notifications.flatMap((n) => (n.kind === "AlarmClearedNotification" && n.alarm.managedObjectType === "VIRTUAL_COMPUTE" ? [n.alarm.managedObjectId] : []));
    expect(clearedOrder).toEqual([servers[1], servers[2], servers[0]].map((no) => `vm-${no}`));
  });
});
