import { describe, expect, it } from "vitest";
import { EventLog } from "../../metrics/index.js";
import { NetworkService } from "./network-service.js";

const kindOf = (r: { ok: boolean; error?: { kind: string } }): string => (r.ok ? "OK" : r.error!.kind);
const world = () => {
  const log = new EventLog({ keepRecords: true });
  return { log, net: new NetworkService({ nowMs: 7 }, log, { vlan: [10, 11], vxlan: [1, 1], flatNetworks: ["physnet1"] }) };
};

describe("network service", () => {
  it("refuses bad subnets with typed errors and creates IPv6 ones", () => {
    const { net } = world();
    const n = net.createNetwork({ tenantId: "t1", networkType: "vlan", segmentationId: 11 });
    expect(n.ok && n.value.segmentationId).toBe(11);
    expect(kindOf(net.createNetwork({ tenantId: "t1", networkType: "vlan", segmentationId: 11 }))).toBe("CONFLICT");
    expect(kindOf(net.createNetwork({ tenantId: "t1", networkType: "vlan", segmentationId: 99 }))).toBe("INVALID_ARGUMENT");
    expect(kindOf(net.createNetwork({ tenantId: "t1", networkType: "flat", physicalNetwork: "physnet9" }))).toBe("INVALID_ARGUMENT");
    const sub = (cidr: string, extra: object = {}) => kindOf(net.createSubnet({ tenantId: "t1", networkId: "net-1", cidr, ...extra }));
    expect(sub("10.0.0.300/24")).toBe("MALFORMED");
    expect(sub("10.0.0.1/24")).toBe("MALFORMED");
    expect(sub("10.0.0.0/24", { addressPool: [{ start: "10.0.0.10", end: "10.0.0.20" }, { start: "10.0.0.15", end: "10.0.0.30" }] })).toBe("CONFLICT");
    expect(sub("10.0.0.0/24", { gatewayIp: "10.0.1.1" })).toBe("INVALID_ARGUMENT");
    expect(sub("10.0.0.0/31")).toBe("EXHAUSTED"); // no address for the DHCP port
    expect(sub("10.0.0.0/31", { isDhcpEnabled: false })).toBe("OK");
    expect(sub("10.0.0.0/24")).toBe("CONFLICT"); // overlaps the /31
    expect(sub("2001:db8:1::/64")).toBe("OK");
    expect(kindOf(net.createSubnet({ tenantId: "t2", networkId: "net-1", cidr: "10.9.0.0/24" }))).toBe("FORBIDDEN");
    expect(kindOf(net.createSubnet({ tenantId: "t1", networkId: "net-9", cidr: "10.9.0.0/24" }))).toBe("NOT_FOUND");
    const p = net.createPort({ tenantId: "t1", networkId: "net-1", fixedIps: [{ subnetId: "subnet-2" }, { subnetId: "subnet-2", ipAddress: "2001:db8:1::abcd" }] });
    expect(p.ok && net.addressesOf(p.value.resourceId)).toEqual(["2001:db8:1::3", "2001:db8:1::abcd"]); // ::2 is the DHCP port's
    expect(p.ok && p.value.macAddress).toBe("fa:16:3e:00:00:02");
  });

  it("takes requested fixed IPs only inside the pools and free, all or nothing", () => {
    const { net } = world();
    net.createNetwork({ tenantId: "t1", networkType: "vxlan" });
    net.createSubnet({ tenantId: "t1", networkId: "net-1", cidr: "10.0.0.0/29", isDhcpEnabled: false });
    const port = (ipAddress: string) => kindOf(net.createPort({ tenantId: "t1", networkId: "net-1", fixedIps: [{ subnetId: "subnet-1" }, { subnetId: "subnet-1", ipAddress }] }));
    expect(port("10.0.0.1")).toBe("INVALID_ARGUMENT"); // the gateway
    expect(port("10.0.0.7")).toBe("INVALID_ARGUMENT"); // broadcast
    expect(port("10.0.0.2")).toBe("CONFLICT"); // the first entry took it
    expect(port("10.0.0.x")).toBe("MALFORMED");
    expect(net.subnet("subnet-1")!.addresses.usedCount).toBe(0);
    expect(port("10.0.0.6")).toBe("OK");
    expect(net.addressesOf("port-1")).toEqual(["10.0.0.2", "10.0.0.6"]);
    expect(kindOf(net.createPort({ tenantId: "t1", networkId: "net-1", fixedIps: [{ subnetId: "subnet-9" }] }))).toBe("NOT_FOUND");
  });

  it("updates only what may change, queries by tenant, handles trunk sub-ports and terminates best effort", () => {
    const { net, log } = world();
    net.createNetwork({ tenantId: "t1", networkType: "vxlan", name: "a" });
    net.createNetwork({ tenantId: "t2", networkType: "vlan", isShared: true });
    net.createSubnet({ tenantId: "t1", networkId: "net-1", cidr: "10.0.0.0/24" });
    expect(kindOf(net.update("subnet-1", { cidr: "10.1.0.0/24" }))).toBe("INVALID_ARGUMENT");
    expect(kindOf(net.update("subnet-1", { adminStateUp: false }))).toBe("INVALID_ARGUMENT");
    expect(kindOf(net.update("net-1", { name: "b", adminStateUp: false, metadata: { k: "v" } }))).toBe("OK");
    expect(kindOf(net.update("net-7", { name: "b" }))).toBe("NOT_FOUND");
    expect(net.queryNetworks({ tenantId: "t1", metadata: { k: "v" } }).map((n) => n.name)).toEqual(["b"]);
    expect(net.queryNetworks({ tenantId: "t2" }).map((n) => n.networkResourceId)).toEqual(["net-2"]);
    for (let i = 0; i < 3; i++) net.createPort({ tenantId: "t1", networkId: "net-1" });
    expect(kindOf(net.createPort({ tenantId: "t1", networkId: "net-2" }))).toBe("OK"); // shared network
    // port-1 is the DHCP port; port-2..4 on net-1, port-5 on net-2.
    const t = net.createTrunk({ tenantId: "t1", parentPortId: "port-2", subPorts: [{ portId: "port-3", segmentationId: 100 }] });
    expect(kindOf(t)).toBe("OK");
    expect(kindOf(net.addSubPorts("trunk-1", [{ portId: "port-4", segmentationId: 100 }]))).toBe("CONFLICT");
    expect(kindOf(net.addSubPorts("trunk-1", [{ portId: "port-4", segmentationId: 5000 }]))).toBe("INVALID_ARGUMENT");
    expect(kindOf(net.addSubPorts("trunk-1", [{ portId: "port-4", segmentationId: 101 }]))).toBe("OK");
    expect(kindOf(net.removeSubPorts("trunk-1", ["port-2"]))).toBe("NOT_FOUND");
    expect(kindOf(net.removeSubPorts("trunk-1", ["port-3"]))).toBe("OK");
    expect(kindOf(net.deletePort("port-2"))).toBe("CONFLICT");
    expect(kindOf(net.bindPort("port-4", "vm-1"))).toBe("CONFLICT");
    expect(kindOf(net.bindPort("port-2", "vm-1"))).toBe("OK");
    expect(net.queryPorts({ attachedResourceId: "vm-1" }).map((p) => p.resourceId)).toEqual(["port-2"]);
    expect(net.terminate(["net-1", "nope", "trunk-1", "port-2", "port-3", "port-4", "subnet-1"])).toEqual(["net-1", "trunk-1", "port-2", "port-3", "port-4", "subnet-1"]);
    expect(net.terminate(["net-2"])).toEqual([]); // port-5 still lives on it
    const entities = new Set(log.kept.map((r) => r.entity));
    expect([...entities].sort()).toEqual(["network", "port", "subnet", "trunk"]);
    expect(log.kept.every((r) => r.timeMs === 7)).toBe(true);
  });
});
