/**
 * Model-based properties of the compute service: random sequences of Allocate (single servers and
 * server groups) and Terminate on small random NFVIs, checked after every step against a plain
 * reference ledger (what each live server holds, recomputed from scratch) and the group rules.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { asId, RESOURCE_CLASSES, type HostId, type RackId, type ZoneId } from "../../domain/index.js";
import { Simulation } from "../../kernel/index.js";
import { ComputeMetrics, EventLog } from "../../metrics/index.js";
import { novaHost, type NfviState } from "../../nfvi/index.js";
import { policySelector, smallNfvi } from "../../testing/small-vim.js";
import { ComputeService } from "./compute-service.js";
import type { FlavourSpec } from "./flavour.js";
import type { GroupPolicy } from "./server-group.js";
import type { ServerRecord } from "./server.js";

const FLAVOURS: FlavourSpec[] = [
  { id: "f1", amounts: { VCPU: 1, PCPU: 0, MEMORY_MB: 1024, DISK_GB: 10 }, requiredMetadata: {} },
  { id: "f4", amounts: { VCPU: 4, PCPU: 0, MEMORY_MB: 8192, DISK_GB: 40 }, requiredMetadata: {} },
  { id: "f8", amounts: { VCPU: 8, PCPU: 0, MEMORY_MB: 4096, DISK_GB: 20 }, requiredMetadata: {} },
];

function world(hostCpus: number[], zones: number[]): { nfvi: NfviState; service: ComputeService; sim: Simulation } {
  const specs = hostCpus.map((vcpus, i) =>
    novaHost({ id: asId<HostId>(`h${String(i).padStart(2, "0")}`), zone: asId<ZoneId>(`az${zones[i] ?? 0}`), rack: asId<RackId>("r"), vcpus, memoryMb: 16384, diskGb: 200, cpuAllocationRatio: 1 }),
  );
  const nfvi = smallNfvi(specs);
  const selector = policySelector(nfvi);
  const sim = new Simulation();
  const service = new ComputeService(sim, nfvi, selector, new EventLog({ keepRecords: false }), new ComputeMetrics());
  return { nfvi, service, sim };
}

const op = fc.oneof(
  fc.record({ kind: fc.constant("allocate" as const), flavour: fc.integer({ min: 0, max: 2 }), count: fc.integer({ min: 1, max: 4 }), zone: fc.option(fc.integer({ min: 0, max: 1 }), { nil: undefined }), group: fc.option(fc.constantFrom<GroupPolicy>("affinity", "anti-affinity", "soft-affinity", "soft-anti-affinity"), { nil: undefined }), maxPerHost: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ kind: fc.constant("terminate" as const), pick: fc.nat() }),
);

/** Every live server's amounts summed per host, and the VIM's usage must agree (INV-A6). */
function checkLedger(nfvi: NfviState, live: Map<number, { host: number; flavour: FlavourSpec; record: ServerRecord }>): void {
  const expected = new Map<string, number>();
  for (const { host, flavour } of live.values()) {
    RESOURCE_CLASSES.forEach((rc, c) => expected.set(`${host}/${c}`, (expected.get(`${host}/${c}`) ?? 0) + flavour.amounts[rc]));
  }
  for (let h = 0; h < nfvi.hostCount; h++) {
    for (let c = 0; c < RESOURCE_CLASSES.length; c++) {
      expect(nfvi.used(h, c), `host ${h} class ${RESOURCE_CLASSES[c]}`).toBe(expected.get(`${h}/${c}`) ?? 0);
      expect(nfvi.used(h, c)).toBeLessThanOrEqual(nfvi.capacity(h, c)); // INV-A1
    }
  }
  expect(nfvi.consumerCount).toBe(live.size);
}

describe("ComputeService (model-based)", () => {
  it("keeps the ledger exact and honours hard (anti-)affinity under random operations", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 2, max: 16 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 6, maxLength: 6 }),
        fc.array(op, { maxLength: 40 }),
        (cpus, zones, ops) => {
          const { nfvi, service } = world(cpus, zones);
          const live = new Map<number, { host: number; flavour: FlavourSpec; record: ServerRecord }>();
          let groupNo = 0;
          for (const o of ops) {
            if (o.kind === "terminate") {
              const nos = [...live.keys()];
              if (nos.length === 0) continue;
              const no = nos[o.pick % nos.length]!;
              const record = live.get(no)!.record;
              // By number (the API) or by the record a tenant kept (ends of life): the same change.
              expect((o.pick % 2 === 0 ? service.terminate(no) : service.terminateServer(record)).ok).toBe(true);
              live.delete(no);
              // DELETED is absorbing (INV-D4), whichever way it is asked.
              expect(service.terminate(no).ok).toBe(false);
              const again = service.terminateServer(record);
              expect(again.ok ? undefined : again.error.kind).toBe("NOT_FOUND");
            } else {
              const flavour = FLAVOURS[o.flavour]!;
              const groupId = o.group === undefined ? undefined : `g${++groupNo}`;
              if (groupId !== undefined) service.createServerGroup(groupId, o.group!, o.maxPerHost);
              const zone = o.zone === undefined ? undefined : `az${o.zone}`;
              const usedBefore = Array.from({ length: nfvi.hostCount }, (_, h) => nfvi.used(h, 0));
              const result = service.allocate({ tenant: "t", flavour, zone, groupId, name: undefined, metadata: {}, bootTimesMs: Array(o.count).fill(0), measured: true });
              if (result.error === undefined) {
                for (const s of result.servers) {
                  expect(s.state.vmState).toBe("active");
                  if (zone !== undefined) expect(nfvi.topology.zones[nfvi.zoneIndexOf(s.hostIndex)]!.id).toBe(zone); // INV-E5
                  live.set(s.no, { host: s.hostIndex, flavour, record: s });
                }
                const hosts = result.servers.map((s) => s.hostIndex);
                if (o.group === "affinity") expect(new Set(hosts).size).toBe(1); // INV-E2
                if (o.group === "anti-affinity") {
                  const perHost = new Map<number, number>();
                  for (const h of hosts) perHost.set(h, (perHost.get(h) ?? 0) + 1);
                  for (const n of perHost.values()) expect(n).toBeLessThanOrEqual(o.maxPerHost); // INV-E1
                }
              } else {
                // No partial placement: every server of the request ends in ERROR, nothing is held (INV-A7).
                for (const s of result.servers) expect(s.state.vmState).toBe("error");
                expect(Array.from({ length: nfvi.hostCount }, (_, h) => nfvi.used(h, 0))).toEqual(usedBefore);
                if (o.count === 1 && o.group === undefined) {
                  // INV-A11: a single server is rejected only if no host could take it (brute force).
                  const fits = (h: number) => nfvi.isUsable(h) && (zone === undefined || nfvi.topology.zones[nfvi.zoneIndexOf(h)]!.id === zone) && RESOURCE_CLASSES.every((rc, c) => flavour.amounts[rc] === 0 || nfvi.checkAdd(h, c, flavour.amounts[rc]) === 0);
                  expect(Array.from({ length: nfvi.hostCount }, (_, h) => h).some(fits)).toBe(false);
                }
                for (const s of result.servers) expect(service.terminate(s.no).ok).toBe(true);
              }
            }
            checkLedger(nfvi, live);
            // The dense live list holds exactly the live servers.
            expect(service.liveServerCount).toBe(live.size);
            const listed = Array.from({ length: service.liveServerCount }, (_, i) => service.liveServerAt(i)!.no).sort((a, b) => a - b);
            expect(listed).toEqual([...live.keys()].sort((a, b) => a - b));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("terminate returns the NFVI to the exact prior state (INV-J4)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 4, max: 16 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 2 }), (cpus, f) => {
        const { nfvi, service } = world(cpus, cpus.map(() => 0));
        const snapshot = () => JSON.stringify({ used: Array.from({ length: nfvi.hostCount * 4 }, (_, i) => nfvi.used(Math.floor(i / 4), i % 4)), allocations: nfvi.allocations() });
        const before = snapshot();
        const result = service.allocate({ tenant: "t", flavour: FLAVOURS[f]!, zone: undefined, groupId: undefined, name: undefined, metadata: {}, bootTimesMs: [5000], measured: true });
        for (const s of result.servers) expect(service.terminate(s.no).ok).toBe(true);
        expect(snapshot()).toBe(before);
      }),
    );
  });

  it("a server terminated while building never becomes ACTIVE and releases its claim", () => {
    const { nfvi, service, sim } = world([8], [0]);
    const { servers } = service.allocate({ tenant: "t", flavour: FLAVOURS[1]!, zone: undefined, groupId: undefined, name: "x", metadata: {}, bootTimesMs: [60_000], measured: true });
    const s = servers[0]!;
    expect(s.state.vmState).toBe("building");
    expect(nfvi.used(0, 0)).toBe(4);
    expect(service.terminate(s.no).ok).toBe(true);
    expect(nfvi.used(0, 0)).toBe(0);
    sim.run();
    expect(s.state.vmState).toBe("deleted");
    expect(sim.eventsProcessed).toBe(0);
  });

  it("terminate of an unknown server is NOT_FOUND", () => {
    const { service } = world([8], [0]);
    const r = service.terminate(99);
    expect(r.ok ? undefined : r.error.kind).toBe("NOT_FOUND");
  });

  it("terminateServer refuses a record that is not the VIM's own (a broken invariant, not an expected failure)", () => {
    const { service } = world([8], [0]);
    const { servers } = service.allocate({ tenant: "t", flavour: FLAVOURS[0]!, zone: undefined, groupId: undefined, name: undefined, metadata: {}, bootTimesMs: [0], measured: true });
    const copy = { ...servers[0]!, id: servers[0]!.id } as ServerRecord;
    expect(() => service.terminateServer(copy)).toThrow(/INV-D4/);
    expect(service.terminateServer(servers[0]!).ok).toBe(true);
  });
});
