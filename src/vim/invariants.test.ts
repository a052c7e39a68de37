/**
 * The invariant registry and the checkers it runs fire on deliberately broken states (each test breaks
 * one rule behind the services' backs), and pass on a sound one.
 */
import { describe, expect, it } from "vitest";
import { asId, InvariantViolation, type HostId, type RackId, type ZoneId } from "../domain/index.js";
import { Simulation } from "../kernel/index.js";
import { ComputeMetrics, EventLog } from "../metrics/index.js";
import { novaHost, type NfviState } from "../nfvi/index.js";
import { policySelector, smallNfvi } from "../testing/small-vim.js";
import { checkFaultInvariants, checkReservationInvariants, checkVimInvariants, ComputeService, DEFAULT_QUOTAS, HostAdministration, HostFaults, NetworkService, type FlavourSpec, type HoldBook, type InvariantScope, type NetworkRecord, type PortRecord, type ReservationRecord, type ServerRecord } from "./index.js";

const SMALL: FlavourSpec = { id: "small", amounts: { VCPU: 1, PCPU: 0, MEMORY_MB: 1024, DISK_GB: 10 }, requiredMetadata: {} };
const BIG: FlavourSpec = { id: "big", amounts: { VCPU: 2, PCPU: 0, MEMORY_MB: 2048, DISK_GB: 10 }, requiredMetadata: {} };

interface World {
  readonly sim: Simulation;
  readonly nfvi: NfviState;
  readonly compute: ComputeService;
  readonly network: NetworkService;
  readonly scope: InvariantScope;
  readonly servers: ServerRecord[];
}

/** Three hosts, three servers of tenant t1 (quota-tracked), a VLAN network with a subnet and a port. */
function world(): World {
  const hosts = Array.from({ length: 3 }, (_, i) => novaHost({ id: asId<HostId>(`h${i}`), zone: asId<ZoneId>("az1"), rack: asId<RackId>("r"), vcpus: 4, memoryMb: 8192, diskGb: 100, cpuAllocationRatio: 1 }));
  const nfvi = smallNfvi(hosts);
  const sim = new Simulation();
  const log = new EventLog({ keepRecords: false });
  const compute = new ComputeService(sim, nfvi, policySelector(nfvi), log, new ComputeMetrics());
  const book = compute.trackTenantUsage();
  const placed = compute.allocate({ tenant: "t1", flavour: SMALL, zone: undefined, groupId: undefined, name: undefined, metadata: {}, bootTimesMs: [10, 10, 10], measured: true });
  expect(placed.error).toBeUndefined();
  sim.run();
  const network = new NetworkService(sim, log, { vlan: [100, 103], vxlan: [1, 4], flatNetworks: ["physnet1"] });
  const net = network.createNetwork({ tenantId: "t1", networkType: "vlan" });
  if (!net.ok) throw new Error(net.error.message);
  const subnet = network.createSubnet({ tenantId: "t1", networkId: net.value.networkResourceId, cidr: "10.0.0.0/29" });
  if (!subnet.ok) throw new Error(subnet.error.message);
  for (let i = 0; i < 2; i++) {
    const port = network.createPort({ tenantId: "t1", networkId: net.value.networkResourceId });
    if (!port.ok) throw new Error(port.error.message);
  }
  const scope: InvariantScope = { nfvi, compute, network, quotas: { book, limitsOf: () => DEFAULT_QUOTAS } };
  return { sim, nfvi, compute, network, scope, servers: placed.servers };
}

/** The invariant id `check` throws, or "none". */
function broken(check: () => void): string {
  try {
    check();
    return "none";
  } catch (e) {
    if (e instanceof InvariantViolation) return e.invariant;
    throw e;
  }
}

describe("checkVimInvariants", () => {
  it("passes a sound world", () => {
    const w = world();
    expect(broken(() => checkVimInvariants(w.scope))).toBe("none");
  });

  it("names a server whose allocation is on another host (INV-D6)", () => {
    const w = world();
    const s = w.servers[0]!;
    s.hostIndex = (s.hostIndex + 1) % 3;
    expect(broken(() => checkVimInvariants(w.scope))).toBe("INV-D6");
  });

  it("names an allocation no live server owns (INV-A6)", () => {
    const w = world();
    expect(w.nfvi.claim("ghost", 0, { VCPU: 1 }).ok).toBe(true);
    expect(broken(() => checkVimInvariants(w.scope))).toBe("INV-A6");
  });

  it("names a quota book that drifted from a recount (INV-B3) and usage over a fixed limit (INV-B1)", () => {
    const w = world();
    w.servers[0]!.flavourSpec = BIG; // grown behind the book's back
    expect(broken(() => checkVimInvariants(w.scope))).toBe("INV-B3");
    const fresh = world();
    const limited: InvariantScope = { ...fresh.scope, quotas: { book: fresh.scope.quotas!.book, limitsOf: () => ({ ...DEFAULT_QUOTAS, instances: 2 }) } };
    expect(broken(() => checkVimInvariants(limited))).toBe("INV-B1");
  });

  it("names a segmentation id outside the range or shared (INV-G2), and a fixed IP out of its subnet or twice (INV-G1)", () => {
    const outside = world();
    const n = outside.network.queryNetworks()[0] as NetworkRecord;
    (n as { segmentationId: number | null }).segmentationId = 4000;
    expect(broken(() => checkVimInvariants(outside.scope))).toBe("INV-G2");
    const twice = world();
    const [a, b] = twice.network.queryPorts().filter((p) => p.fixedIps.length > 0) as PortRecord[];
    b!.fixedIps = [...a!.fixedIps];
    expect(broken(() => checkVimInvariants(twice.scope))).toBe("INV-G1");
    const stray = world();
    const p = stray.network.queryPorts().find((x) => x.fixedIps.length > 0) as PortRecord;
    p.fixedIps = [{ subnetId: p.fixedIps[0]!.subnetId, address: 0x0a000109n }];
    expect(broken(() => checkVimInvariants(stray.scope))).toBe("INV-G1");
  });
});

describe("checkFaultInvariants (INV-D9)", () => {
  it("names a failed host placement may still use, and an ACTIVE server on a host whose failure was detected", () => {
    const w = world();
    const health = new HostFaults(w.nfvi);
    const live = [...w.servers];
    const h = live[0]!.hostIndex;
    health.fail(h, 0); // the fault manager would also set the host DOWN
    expect(broken(() => checkFaultInvariants(health, w.nfvi, live))).toBe("INV-D9");
    new HostAdministration(w.sim, w.nfvi, new EventLog({ keepRecords: false })).apply(h, { state: "DOWN" });
    expect(broken(() => checkFaultInvariants(health, w.nfvi, live))).toBe("none"); // undetected: still ACTIVE
    health.markDetected(h);
    expect(broken(() => checkFaultInvariants(health, w.nfvi, live))).toBe("INV-D9");
  });
});

describe("checkReservationInvariants", () => {
  const nfvi = world().nfvi;
  const holds = (bound = 0) => ({ heldOn: () => 0, boundOn: (h: number, c: number) => (h === 0 && c === 0 ? bound : 0) }) as unknown as HoldBook;
  const active = { lease: "ACTIVE", reservation: "active", startEvent: "DONE", endEvent: "UNDONE", beforeEndEvent: "UNDONE", ifa: "ACTIVE" } as const;
  const lease = (over: Partial<ReservationRecord>): ReservationRecord =>
    ({ reservationId: "r1", status: active, placements: [{ host: 0, amounts: Float64Array.of(2, 0, 0, 0) }], bindings: new Map(), ...over }) as unknown as ReservationRecord;
  const binding = (vcpus: number) => new Map([[1, { serverNo: 1, placement: 0, host: 0, amounts: Float64Array.of(vcpus, 0, 0, 0) }]]);

  it("passes a sound lease and names a forbidden status combination (INV-C6)", () => {
    expect(broken(() => checkReservationInvariants({ nfvi, leases: [lease({})], holds: holds(), accHoldProblem: null }))).toBe("none");
    const bad = lease({ status: { ...active, reservation: "deleted" } });
    expect(broken(() => checkReservationInvariants({ nfvi, leases: [bad], holds: holds(), accHoldProblem: null }))).toBe("INV-C6");
  });

  it("names more bound than reserved, bindings of a lease that is not ACTIVE, and a hold book out of step (INV-C3)", () => {
    expect(broken(() => checkReservationInvariants({ nfvi, leases: [lease({ bindings: binding(3) })], holds: holds(3), accHoldProblem: null }))).toBe("INV-C3");
    const ended = { lease: "TERMINATED", reservation: "deleted", startEvent: "DONE", endEvent: "DONE", beforeEndEvent: "DONE", ifa: "EXPIRED" } as const;
    expect(broken(() => checkReservationInvariants({ nfvi, leases: [lease({ status: ended, bindings: binding(1) })], holds: holds(1), accHoldProblem: null }))).toBe("INV-C3");
    expect(broken(() => checkReservationInvariants({ nfvi, leases: [lease({ bindings: binding(1) })], holds: holds(0), accHoldProblem: null }))).toBe("INV-C3");
  });

  it("names held and bound capacity the ledger does not use (INV-C1) and an accelerator hold problem (INV-F7)", () => {
    // Each host runs one 1-vCPU server: a hold of 2 vCPUs there is more than its ledger uses.
    const held = { heldOn: (h: number, c: number) => (h === 2 && c === 0 ? 2 : 0), boundOn: () => 0 } as unknown as HoldBook;
    expect(broken(() => checkReservationInvariants({ nfvi, leases: [], holds: held, accHoldProblem: null }))).toBe("INV-C1");
    expect(broken(() => checkReservationInvariants({ nfvi, leases: [], holds: holds(), accHoldProblem: "INV-F7: handle held twice" }))).toBe("INV-F7");
  });
});
