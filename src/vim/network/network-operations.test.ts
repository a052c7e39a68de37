/**
 * Model-based test of the network service: random command sequences against a small reference that
 * knows each subnet's pool as explicit address offsets (written by hand from Neutron's rules, not
 * from the allocator), the VLAN/VXLAN ranges as lists, and which port holds what. After every step:
 * the service's assigned addresses equal the model's, inside the pools and never the gateway, MACs
 * unique (INV-G1); segmentation ids of live networks unique and in range (INV-G2); each port on one
 * network and bound as the model says (INV-G3); EXHAUSTED exactly when the reference pool is empty.
 * At the end, terminating everything returns every pool to its initial state (INV-J2/J3), and a
 * round-trip command checks Allocate + Terminate leaves no trace (INV-J4).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventLog } from "../../metrics/index.js";
import { NetworkService } from "./network-service.js";
import type { NetworkType } from "./network-resources.js";

const VLAN = [100, 101, 102];
const VXLAN = [7, 8];
const TENANTS = ["t1", "t2"];
const COMPUTES = ["vm-1", "vm-2", "vm-3"];

/** Subnet CIDRs the commands pick from: `first` is the numeric start on a per-family line, `size` addresses. */
const CHOICES = [
  { cidr: "10.0.0.0/29", v6: false, first: 0, size: 8 },
  { cidr: "10.0.0.0/30", v6: false, first: 0, size: 4 },
  { cidr: "10.0.0.8/29", v6: false, first: 8, size: 8 },
  { cidr: "10.0.1.0/30", v6: false, first: 256, size: 4 },
  { cidr: "10.0.0.0/28", v6: false, first: 0, size: 16 },
  { cidr: "2001:db8::/125", v6: true, first: 0, size: 8 },
] as const;
type Choice = (typeof CHOICES)[number];

/** Pool offsets by Neutron's rules: gateway at offset 1; IPv4 drops network and broadcast, IPv6 the first. */
const poolOffsets = (c: Choice): number[] => Array.from({ length: c.size }, (_, i) => i).filter((i) => i >= 2 && (c.v6 || i <= c.size - 2));
const addressText = (c: Choice, offset: number): string => (c.v6 ? `2001:db8::${(c.first + offset).toString(16)}` : `10.0.${(c.first + offset) >> 8}.${(c.first + offset) & 255}`);

interface MNet { type: NetworkType; tenant: string; shared: boolean; seg: number | null; subnets: string[] }
interface MSubnet { net: string; choice: Choice; used: Map<number, string> }
interface MPort { net: string; tenant: string; ips: { subnet: string; offset: number }[]; bound: string | null; trunk: string | null }
interface Model {
  nets: Map<string, MNet>;
  subnets: Map<string, MSubnet>;
  ports: Map<string, MPort>;
  trunks: Map<string, { parent: string; subs: string[] }>;
}

const pick = <T>(m: Map<string, T>, n: number): string | undefined => [...m.keys()][n % Math.max(1, m.size)];
const lowestFree = (s: MSubnet): number | undefined => poolOffsets(s.choice).find((o) => !s.used.has(o));
/** Outcomes seen across all runs, "kind/outcome" → count: the test checks it reached the interesting cells. */
const seen = new Map<string, number>();
let current = "";
const kindOf = (r: { ok: boolean; error?: { kind: string } }): string => {
  const outcome = r.ok ? "OK" : r.error!.kind;
  seen.set(`${current}/${outcome}`, (seen.get(`${current}/${outcome}`) ?? 0) + 1);
  return outcome;
};

const command = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("net" as const), type: fc.constantFrom<NetworkType>("flat", "vlan", "vxlan"), tenant: fc.nat(1), shared: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("subnet" as const), net: fc.nat(), choice: fc.nat(CHOICES.length - 1), dhcp: fc.boolean(), tenant: fc.nat(4) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("port" as const), net: fc.nat(), mode: fc.constantFrom("all", "first", "none"), tenant: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("deletePort" as const), port: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("bind" as const), port: fc.nat(), compute: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("unbind" as const), port: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("unbindCompute" as const), compute: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("deleteSubnet" as const), subnet: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("deleteNet" as const), net: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("deleteDhcp" as const), net: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("trunk" as const), parent: fc.nat(), sub: fc.nat(), seg: fc.integer({ min: 0, max: 3 }), tenant: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("deleteTrunk" as const), trunk: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("roundTrip" as const) }) },
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

function expectedSegment(model: Model, type: NetworkType): { kind: string; seg: number | null } {
  const live = [...model.nets.values()].filter((n) => n.type === type).map((n) => n.seg);
  if (type === "flat") return live.length > 0 ? { kind: "CONFLICT", seg: null } : { kind: "OK", seg: null };
  const free = (type === "vlan" ? VLAN : VXLAN).find((s) => !live.includes(s));
  return free === undefined ? { kind: "EXHAUSTED", seg: null } : { kind: "OK", seg: free };
}

/** Applies one command to service and model, checking the service's answer against the model's. */
function step(service: NetworkService, model: Model, c: Command): void {
  switch (c.kind) {
    case "net": {
      const want = expectedSegment(model, c.type);
      const r = service.createNetwork({ tenantId: TENANTS[c.tenant]!, networkType: c.type, isShared: c.shared });
      expect(kindOf(r), `create ${c.type}`).toBe(want.kind);
      if (r.ok) {
        expect(r.value.segmentationId).toBe(want.seg);
        model.nets.set(r.value.networkResourceId, { type: c.type, tenant: TENANTS[c.tenant]!, shared: c.shared, seg: want.seg, subnets: [] });
      }
      return;
    }
    case "subnet": {
      const netId = pick(model.nets, c.net);
      if (netId === undefined) return;
      const net = model.nets.get(netId)!;
      const choice = CHOICES[c.choice]!;
      const tenant = c.tenant < 4 ? net.tenant : "intruder";
      const overlaps = net.subnets.some((sid) => {
        const o = model.subnets.get(sid)!.choice;
        return o.v6 === choice.v6 && o.first < choice.first + choice.size && choice.first < o.first + o.size;
      });
      const r = service.createSubnet({ tenantId: tenant, networkId: netId, cidr: choice.cidr, isDhcpEnabled: c.dhcp });
      expect(kindOf(r), `subnet ${choice.cidr}`).toBe(tenant !== net.tenant ? "FORBIDDEN" : overlaps ? "CONFLICT" : "OK");
      if (!r.ok) return;
      const s: MSubnet = { net: netId, choice, used: new Map() };
      if (c.dhcp) s.used.set(lowestFree(s)!, "dhcp");
      model.subnets.set(r.value.resourceId, s);
      net.subnets.push(r.value.resourceId);
      return;
    }
    case "port": {
      const netId = pick(model.nets, c.net);
      if (netId === undefined) return;
      const net = model.nets.get(netId)!;
      const tenant = c.tenant < 3 ? net.tenant : "t-other";
      // Without fixed IPs (mode "all"), Neutron takes one address per IP version, from the first
      // subnet of that version with room; EXHAUSTED when a version on the network has none left.
      const byVersion = [false, true].map((v6) => net.subnets.filter((sid) => model.subnets.get(sid)!.choice.v6 === v6)).filter((l) => l.length > 0);
      const withRoom = byVersion.map((l) => l.find((sid) => lowestFree(model.subnets.get(sid)!) !== undefined));
      const wanted = c.mode === "all" ? withRoom.filter((sid): sid is string => sid !== undefined) : c.mode === "first" ? net.subnets.slice(0, 1) : [];
      const forbidden = tenant !== net.tenant && !net.shared;
      const exhausted = c.mode === "all" ? withRoom.includes(undefined) : wanted.some((sid) => lowestFree(model.subnets.get(sid)!) === undefined);
      const r = service.createPort({ tenantId: tenant, networkId: netId, ...(c.mode === "all" ? {} : { fixedIps: wanted.map((subnetId) => ({ subnetId })) }) });
      expect(kindOf(r), `port on ${netId}`).toBe(forbidden ? "FORBIDDEN" : exhausted ? "EXHAUSTED" : "OK");
      if (!r.ok) return;
      const ips = wanted.map((sid) => {
        const s = model.subnets.get(sid)!;
        const offset = lowestFree(s)!;
        s.used.set(offset, r.value.resourceId);
        return { subnet: sid, offset };
      });
      model.ports.set(r.value.resourceId, { net: netId, tenant, ips, bound: null, trunk: null });
      return;
    }
    default:
      return step2(service, model, c);
  }
}

function step2(service: NetworkService, model: Model, c: Command): void {
  switch (c.kind) {
    case "deletePort": {
      const id = pick(model.ports, c.port);
      if (id === undefined) return;
      const p = model.ports.get(id)!;
      expect(kindOf(service.deletePort(id))).toBe(p.trunk !== null ? "CONFLICT" : "OK");
      if (p.trunk === null) removePort(model, id);
      return;
    }
    case "bind": {
      const id = pick(model.ports, c.port);
      if (id === undefined) return;
      const p = model.ports.get(id)!;
      const isSub = p.trunk !== null && model.trunks.get(p.trunk)!.parent !== id;
      expect(kindOf(service.bindPort(id, COMPUTES[c.compute]!)), `bind ${id}`).toBe(p.bound !== null || isSub ? "CONFLICT" : "OK");
      if (p.bound === null && !isSub) p.bound = COMPUTES[c.compute]!;
      return;
    }
    case "unbind": {
      const id = pick(model.ports, c.port);
      if (id === undefined) return;
      const p = model.ports.get(id)!;
      expect(kindOf(service.unbindPort(id))).toBe(p.bound === null ? "WRONG_STATE" : "OK");
      p.bound = null;
      return;
    }
    case "unbindCompute": {
      const compute = COMPUTES[c.compute]!;
      const bound = [...model.ports].filter(([, p]) => p.bound === compute).map(([id]) => id);
      expect(service.unbindCompute(compute)).toEqual(bound);
      for (const id of bound) model.ports.get(id)!.bound = null;
      return;
    }
    case "deleteSubnet": {
      const id = pick(model.subnets, c.subnet);
      if (id === undefined) return;
      const s = model.subnets.get(id)!;
      const inUse = [...s.used.values()].some((owner) => owner !== "dhcp");
      expect(kindOf(service.deleteSubnet(id))).toBe(inUse ? "CONFLICT" : "OK");
      if (inUse) return;
      model.subnets.delete(id);
      const net = model.nets.get(s.net)!;
      net.subnets.splice(net.subnets.indexOf(id), 1);
      return;
    }
    case "deleteNet": {
      const id = pick(model.nets, c.net);
      if (id === undefined) return;
      const busy = [...model.ports.values()].some((p) => p.net === id);
      expect(kindOf(service.deleteNetwork(id))).toBe(busy ? "CONFLICT" : "OK");
      if (busy) return;
      for (const sid of model.nets.get(id)!.subnets) model.subnets.delete(sid);
      model.nets.delete(id);
      return;
    }
    case "deleteDhcp": {
      const id = pick(model.nets, c.net);
      if (id === undefined) return;
      const hasDhcp = model.nets.get(id)!.subnets.some((sid) => [...model.subnets.get(sid)!.used.values()].includes("dhcp"));
      const dhcpPortId = service.network(id)!.dhcpPortId;
      expect(dhcpPortId !== null, `DHCP port of ${id}`).toBe(hasDhcp);
      if (dhcpPortId !== null) expect(kindOf(service.deletePort(dhcpPortId))).toBe("FORBIDDEN");
      return;
    }
    default:
      return step3(service, model, c);
  }
}

function step3(service: NetworkService, model: Model, c: Command): void {
  if (c.kind === "trunk") {
    const parentId = pick(model.ports, c.parent);
    const subId = pick(model.ports, c.sub);
    if (parentId === undefined || subId === undefined) return;
    const parent = model.ports.get(parentId)!;
    const sub = model.ports.get(subId)!;
    const tenant = c.tenant < 4 ? parent.tenant : "t-other";
    const want =
      parent.tenant !== tenant ? "FORBIDDEN" : parent.trunk !== null ? "CONFLICT"
      : c.seg === 0 ? "INVALID_ARGUMENT" : subId === parentId ? "CONFLICT"
      : sub.tenant !== tenant ? "FORBIDDEN" : sub.trunk !== null || sub.bound !== null ? "CONFLICT" : "OK";
    const r = service.createTrunk({ tenantId: tenant, parentPortId: parentId, subPorts: [{ portId: subId, segmentationId: c.seg }] });
    expect(kindOf(r), `trunk ${parentId}+${subId}`).toBe(want);
    if (!r.ok) return;
    model.trunks.set(r.value.trunkId, { parent: parentId, subs: [subId] });
    parent.trunk = sub.trunk = r.value.trunkId;
  } else if (c.kind === "deleteTrunk") {
    const id = pick(model.trunks, c.trunk);
    if (id === undefined) return;
    expect(kindOf(service.deleteTrunk(id))).toBe("OK");
    const t = model.trunks.get(id)!;
    for (const pid of [t.parent, ...t.subs]) model.ports.get(pid)!.trunk = null;
    model.trunks.delete(id);
  } else if (c.kind === "roundTrip") {
    // INV-J4: Allocate then Terminate with nothing in between leaves the pools as they were.
    const before = fingerprint(service);
    const n = service.createNetwork({ tenantId: "t1", networkType: "vxlan" });
    if (!n.ok) return void expect(n.error.kind).toBe("EXHAUSTED");
    const s = service.createSubnet({ tenantId: "t1", networkId: n.value.networkResourceId, cidr: "192.168.0.0/29" });
    const p = service.createPort({ tenantId: "t1", networkId: n.value.networkResourceId });
    expect(s.ok && p.ok).toBe(true);
    const ids = [n.value.networkResourceId, s.ok ? s.value.resourceId : "", p.ok ? p.value.resourceId : ""];
    expect(service.terminate(ids)).toEqual(ids);
    expect(fingerprint(service)).toEqual(before);
  }
}

function removePort(model: Model, id: string): void {
  for (const ip of model.ports.get(id)!.ips) model.subnets.get(ip.subnet)!.used.delete(ip.offset);
  model.ports.delete(id);
}

/** Everything pools hold: segmentation ids, and per subnet its assigned addresses. */
function fingerprint(service: NetworkService): unknown {
  return {
    vlan: service.segmentationIdsInUse("vlan"),
    vxlan: service.segmentationIdsInUse("vxlan"),
    subnets: service.querySubnets().map((s) => [s.resourceId, s.addresses.usedValues()]),
    ports: service.queryPorts().map((p) => p.resourceId),
  };
}

/** INV-G1..G3 against the model. */
function checkInvariants(service: NetworkService, model: Model): void {
  const ports = service.queryPorts();
  const macs = new Set(ports.map((p) => p.macAddress));
  expect(macs.size, "MACs unique (G1)").toBe(ports.length);
  for (const [sid, s] of model.subnets) {
    const subnet = service.subnet(sid)!;
    const held = ports.flatMap((p) => p.fixedIps.filter((f) => f.subnetId === sid).map((f) => f.address));
    expect(new Set(held).size, `${sid} addresses unique (G1)`).toBe(held.length);
    for (const a of held) {
      expect(subnet.addresses.covers(a), `${sid} in pool`).toBe(true);
      expect(a === subnet.gateway, `${sid} not the gateway`).toBe(false);
    }
    const texts = ports.flatMap((p) => service.addressesOf(p.resourceId).filter((_, i) => p.fixedIps[i]!.subnetId === sid)).sort();
    expect(texts, `${sid} addresses`).toEqual([...s.used.keys()].map((o) => addressText(s.choice, o)).sort());
  }
  for (const type of ["vlan", "vxlan"] as const) {
    const live = [...model.nets.values()].filter((n) => n.type === type).map((n) => n.seg!).sort((a, b) => a - b);
    expect(service.segmentationIdsInUse(type), `${type} ids (G2)`).toEqual(live);
    expect(service.queryNetworks().filter((n) => n.networkType === type).map((n) => n.segmentationId!).sort((a, b) => a - b)).toEqual(live);
  }
  for (const [id, m] of model.ports) {
    const p = service.port(id)!;
    expect(p.attachedResourceId, `${id} binding (G3)`).toBe(m.bound);
    expect(service.network(m.net)!.portIds.has(id)).toBe(true);
  }
  const dhcpPorts = [...model.nets.keys()].filter((id) => service.network(id)!.dhcpPortId !== null).length;
  expect(ports.length).toBe(model.ports.size + dhcpPorts);
}

describe("network operations (model-based against Neutron's rules)", () => {
  it("keeps addresses, segments and bindings as the model says, and terminate returns every pool", () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 80, size: "max" }), (commands) => {
        const service = new NetworkService({ nowMs: 0 }, new EventLog({ keepRecords: true }), { vlan: [100, 102], vxlan: [7, 8], flatNetworks: ["physnet1"] });
        const model: Model = { nets: new Map(), subnets: new Map(), ports: new Map(), trunks: new Map() };
        const initial = fingerprint(service);
        for (const c of commands) {
          current = c.kind;
          step(service, model, c);
          checkInvariants(service, model);
        }
        // INV-J2/J3: one best-effort call over everything returns every id and every pool.
        const all = [...model.nets.keys(), ...model.subnets.keys(), ...model.ports.keys(), ...model.trunks.keys()].reverse();
        expect(service.terminate(all)).toEqual(all);
        expect(fingerprint(service)).toEqual(initial);
        expect(service.queryNetworks()).toEqual([]);
        expect(service.queryTrunks()).toEqual([]);
      }),
      { numRuns: 250 },
    );
    const reached = [...seen.keys()].sort();
    for (const cell of ["net/EXHAUSTED", "net/CONFLICT", "subnet/CONFLICT", "subnet/FORBIDDEN", "port/EXHAUSTED", "port/FORBIDDEN", "port/OK", "bind/CONFLICT",
      "deletePort/CONFLICT", "deleteSubnet/CONFLICT", "deleteSubnet/OK", "deleteNet/CONFLICT", "deleteNet/OK", "deleteDhcp/FORBIDDEN", "trunk/OK", "trunk/CONFLICT", "unbind/WRONG_STATE"]) {
      expect(reached, cell).toContain(cell);
    }
  });
});
