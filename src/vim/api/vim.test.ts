/** Examples of the library façade: cross-service effects, identity management and subscriptions. */
import { describe, expect, it } from "vitest";
import type { Result } from "../../domain/index.js";
import { vimWorld } from "../../testing/facade-world.js";
import type { VimNotification } from "../change/notifications.js";

const kindOf = (r: Result<unknown>): string => (r.ok ? "OK" : r.error.kind);
const member = { userId: "t1-member" };
const t1Admin = { userId: "t1-tenant-admin" };
const t2Member = { userId: "t2-member" };

describe("Vim façade", () => {
  it("terminate unbinds the server's ports and detaches its volumes (INV-J1)", () => {
    const { vim } = vimWorld();
    const server = vim.compute.allocate(member, { flavourId: "small" });
    const id = server.ok ? (server.value[0]!["computeId"] as string) : "";
    const net = vim.network.createNetwork(member, { networkType: "vxlan" });
    const port = vim.network.createPort(member, { networkId: net.ok ? net.value.networkResourceId : "" });
    const vol = vim.storage.create(member, { zoneId: "az1", sizeOfStorageGb: 1 });
    const portId = port.ok ? port.value.resourceId : "";
    const volId = vol.ok ? vol.value.storageId : "";
    expect(kindOf(vim.network.bindPort(member, portId, id))).toBe("OK");
    expect(kindOf(vim.storage.attach(member, volId, id))).toBe("OK");
    expect(kindOf(vim.storage.attach(t2Member, volId, id))).toBe("NOT_FOUND");
    expect(vim.compute.terminate(member, id)).toEqual({ ok: true, value: { unboundPortIds: [portId], detachedVolumeIds: [volId] } });
    const v = vim.storage.query(member);
    expect(v.ok && v.value[0]!.status).toBe("available");
    expect(kindOf(vim.network.delete(member, net.ok ? net.value.networkResourceId : ""))).toBe("CONFLICT"); // the port still lives
  });

  it("checks the image against the flavour before claiming anything", () => {
    const { vim, nfvi } = vimWorld();
    const big = vim.images.add(vim.admin, { name: "big", visibility: "public", sizeBytes: 20 * 1024 ** 3 });
    const priv = vim.images.add(t1Admin, { name: "mine", sizeBytes: 1024 });
    expect(kindOf(vim.images.add(t1Admin, { name: "pub", visibility: "public" }))).toBe("FORBIDDEN");
    expect(kindOf(vim.images.add(member, { name: "x" }))).toBe("FORBIDDEN");
    const bigId = big.ok ? big.value.softwareImageId : "";
    const privId = priv.ok ? priv.value.softwareImageId : "";
    expect(kindOf(vim.compute.allocate(member, { flavourId: "small", imageId: bigId }))).toBe("INVALID_ARGUMENT");
    expect(kindOf(vim.compute.allocate(t2Member, { flavourId: "small", imageId: privId }))).toBe("NOT_FOUND");
    expect(nfvi.consumerCount).toBe(0);
    expect(kindOf(vim.compute.allocate(member, { flavourId: "small", imageId: privId }))).toBe("OK");
    expect(kindOf(vim.compute.allocate(member, { flavourId: "gone" }))).toBe("NOT_FOUND");
  });

  it("adds an image's first transfer to a host to the spawn, and nothing once the host has it cached", () => {
    const { vim, sim } = vimWorld();
    // 1.25 GB at the default 10 Gbit/s: 1,000 ms on the first boot on a host.
    const image = vim.images.add(vim.admin, { name: "base", visibility: "public", sizeBytes: 1_250_000_000 });
    const imageId = image.ok ? image.value.softwareImageId : "";
    const started = new Map<string, number>();
    const spawnMs = new Map<string, number>();
    vim.changes.subscribe(vim.admin, { kinds: ["operation"] }, (n) => {
      if (n.kind !== "operation") return;
      if (n.eventType === "instance.create.start") started.set(n.virtualisedResourceId, n.timeMs);
      if (n.eventType === "instance.create.end") spawnMs.set(n.virtualisedResourceId, n.timeMs - started.get(n.virtualisedResourceId)!);
    });
    const boot = (name: string): { id: string; host: unknown } => {
      const r = vim.compute.allocate(member, { flavourId: "small", imageId, name, bootTimeMs: 500 });
      const view = r.ok ? r.value[0]! : {};
      sim.run({ untilMs: sim.nowMs + 5_000 });
      return { id: view["computeId"] as string, host: view["hostId"] };
    };
    // Spread: a lands on the first empty host, b on the next; after a is gone, c takes a's host again.
    const a = boot("a");
    const b = boot("b");
    expect(vim.compute.terminate(member, a.id).ok).toBe(true);
    const c = boot("c");
    expect(b.host).not.toBe(a.host);
    expect(c.host).toBe(a.host);
    expect([spawnMs.get(a.id), spawnMs.get(b.id), spawnMs.get(c.id)]).toEqual([1_500, 1_500, 500]);
  });

  it("creates server groups per tenant: anti-affinity spreads members, other tenants cannot use them", () => {
    const { vim } = vimWorld();
    const group = vim.compute.createServerGroup(member, { name: "upf", policy: "anti-affinity" });
    const groupId = group.ok ? group.value.groupId : "";
    expect(kindOf(vim.compute.createServerGroup({ userId: "t1-reader" }, { name: "x", policy: "affinity" }))).toBe("FORBIDDEN");
    expect(kindOf(vim.compute.createServerGroup(member, { name: "y", policy: "anti-affinity", maxPerHost: 0 }))).toBe("INVALID_ARGUMENT");
    const placed = vim.compute.allocate(member, { flavourId: "small", groupId, count: 3 });
    const hosts = placed.ok ? placed.value.map((v) => v["hostId"]) : [];
    expect(new Set(hosts).size).toBe(3); // three hosts, one member each
    expect(kindOf(vim.compute.allocate(member, { flavourId: "small", groupId }))).toBe("NO_VALID_HOST");
    expect(kindOf(vim.compute.allocate(t2Member, { flavourId: "small", groupId }))).toBe("NOT_FOUND");
  });

  it("lists and deletes server snapshots per tenant; a snapshot outlives its server", () => {
    const { vim, sim } = vimWorld();
    const server = vim.compute.allocate(member, { flavourId: "small" });
    const id = server.ok ? (server.value[0]!["computeId"] as string) : "";
    sim.run({});
    expect(kindOf(vim.compute.operate(t2Member, id, "snapshot.create"))).toBe("NOT_FOUND");
    expect(kindOf(vim.compute.operate(member, id, "snapshot.create"))).toBe("OK");
    sim.run({});
    const mine = vim.compute.snapshots(member, id);
    expect(mine.ok && mine.value.map((s) => [s.computeId, s.tenantId])).toEqual([[id, "t1"]]);
    expect(vim.compute.snapshots(t2Member)).toEqual({ ok: true, value: [] });
    const snapId = mine.ok ? mine.value[0]!.snapshotId : "";
    expect(kindOf(vim.compute.deleteSnapshot(t2Member, snapId))).toBe("NOT_FOUND");
    expect(kindOf(vim.compute.terminate(member, id))).toBe("OK");
    expect(vim.compute.snapshots(member).ok && vim.compute.snapshots(member)).toMatchObject({ value: [{ snapshotId: snapId }] });
    expect(kindOf(vim.compute.deleteSnapshot(member, snapId))).toBe("OK");
    expect(kindOf(vim.compute.deleteSnapshot(member, snapId))).toBe("NOT_FOUND");
    expect(vim.compute.snapshots(vim.admin)).toEqual({ ok: true, value: [] });
  });

  it("adds and removes interfaces all or nothing, and deletes only the ports it made", () => {
    const { vim, sim } = vimWorld();
    const server = vim.compute.allocate(member, { flavourId: "small" });
    const id = server.ok ? (server.value[0]!["computeId"] as string) : "";
    sim.run({});
    const net = vim.network.createNetwork(member, { networkType: "vxlan" });
    const netId = net.ok ? net.value.networkResourceId : "";
    expect(kindOf(vim.network.createSubnet(member, { networkId: netId, cidr: "10.9.0.0/29" }))).toBe("OK"); // 5 usable, DHCP takes 1
    const own = vim.network.createPort(member, { networkId: netId });
    const ownId = own.ok ? own.value.resourceId : "";
    const added = vim.compute.updateInterfaces(member, id, { add: [{ networkId: netId }, { portId: ownId }] });
    expect(added.ok && added.value.added.length).toBe(2);
    const made = added.ok ? added.value.added[0]! : "";
    expect(vim.network.queryPorts(member).ok && vim.network.queryPorts(member)).toMatchObject({ value: expect.arrayContaining([expect.objectContaining({ resourceId: made, attachedResourceId: id })]) });
    // Three more on a pool with two addresses left: the third fails, and the two made are undone.
    const portsBefore = vim.network.queryPorts(member);
    expect(kindOf(vim.compute.updateInterfaces(member, id, { add: [{ networkId: netId }, { networkId: netId }, { networkId: netId }] }))).toBe("EXHAUSTED");
    expect(vim.network.queryPorts(member)).toEqual(portsBefore);
    expect(kindOf(vim.compute.updateInterfaces(t2Member, id, { remove: [made] }))).toBe("NOT_FOUND");
    expect(kindOf(vim.compute.updateInterfaces(member, id, { remove: ["port-404"] }))).toBe("NOT_FOUND");
    expect(vim.compute.updateInterfaces(member, id, { remove: [made] })).toEqual({ ok: true, value: { added: [], removed: [made] } });
    const ids = (): string[] => (vim.network.queryPorts(member).ok ? (vim.network.queryPorts(member) as { value: { resourceId: string; deviceOwner: string }[] }).value.filter((p) => p.deviceOwner !== "network:dhcp").map((p) => p.resourceId) : []);
    expect(ids()).toEqual([ownId]); // the port the VIM made is gone, the caller's stays
    expect(kindOf(vim.compute.operate(member, id, "suspend"))).toBe("OK");
    expect(kindOf(vim.compute.updateInterfaces(member, id, { add: [{ networkId: netId }] }))).toBe("WRONG_STATE");
    sim.run({});
    expect(kindOf(vim.compute.updateInterfaces(member, id, { add: [{ networkId: netId }] }))).toBe("WRONG_STATE"); // suspended
    expect(kindOf(vim.compute.operate(member, id, "resume"))).toBe("OK");
    sim.run({});
    expect(kindOf(vim.compute.updateInterfaces(member, id, { add: [{ networkId: netId }] }))).toBe("OK");
    expect(ids().length).toBe(2);
    expect(kindOf(vim.compute.terminate(member, id))).toBe("OK");
    expect(ids()).toEqual([ownId]); // terminate deletes the port the VIM made and only unbinds the caller's
    expect(vim.network.queryPorts(member)).toMatchObject({ value: expect.arrayContaining([expect.objectContaining({ resourceId: ownId, attachedResourceId: null })]) });
  });

  it("rolls a failed stack back and deletes a complete one with every member", () => {
    const { vim, nfvi } = vimWorld();
    const failed = vim.stacks.create(member, {
      name: "bad",
      resources: [
        { type: "OS::Neutron::Net", name: "n", networkType: "vxlan", cidr: "10.0.0.0/24" },
        { type: "OS::Nova::Server", name: "a", flavourId: "small" },
        { type: "OS::Nova::Server", name: "b", flavourId: "huge" },
      ],
    });
    expect(kindOf(failed)).toBe("NO_VALID_HOST");
    const stacks = vim.stacks.list(member);
    expect(stacks.ok && stacks.value.map((s) => [s["status"], (s["members"] as unknown[]).length])).toEqual([["CREATE_FAILED", 0]]);
    expect(nfvi.consumerCount).toBe(0);
    expect(vim.compute.query(vim.admin)).toEqual({ ok: true, value: [] });
    expect(vim.network.queryNetworks(vim.admin)).toEqual({ ok: true, value: [] });
    const good = vim.stacks.create(member, { name: "good", resources: [{ type: "OS::Cinder::Volume", name: "v", zoneId: "az1", sizeGb: 1 }, { type: "OS::Nova::Server", name: "a", flavourId: "small" }] });
    expect(good.ok && good.value["status"]).toBe("CREATE_COMPLETE");
    expect(kindOf(vim.stacks.create(member, { name: "good", resources: [] }))).toBe("CONFLICT");
    const id = good.ok ? (good.value["stackId"] as string) : "";
    expect(kindOf(vim.stacks.delete(t2Member, id))).toBe("NOT_FOUND");
    expect(kindOf(vim.stacks.delete({ userId: "t1-reader" }, id))).toBe("FORBIDDEN");
    const deleted = vim.stacks.delete(member, id);
    expect(deleted.ok && deleted.value["status"]).toBe("DELETE_COMPLETE");
    expect(nfvi.consumerCount).toBe(0);
    expect(vim.storage.query(vim.admin)).toEqual({ ok: true, value: [] });
  });

  it("forces a tenant's subscription to its own tenant (INV-H5)", () => {
    const { vim, sim } = vimWorld();
    const seen: VimNotification[] = [];
    const sub = vim.changes.subscribe(t2Member, { tenantId: "t1" }, (n) => seen.push(n));
    vim.compute.allocate(member, { flavourId: "small" });
    vim.compute.allocate(t2Member, { flavourId: "small" });
    sim.run({ untilMs: 10 });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((n) => n.tenantId === "t2")).toBe(true);
    expect(kindOf(vim.changes.unsubscribe(member, sub.ok ? sub.value : ""))).toBe("NOT_FOUND");
    expect(kindOf(vim.changes.unsubscribe(t2Member, sub.ok ? sub.value : ""))).toBe("OK");
  });

  it("manages tenants, users, roles, key pairs and security groups by role", () => {
    const { vim } = vimWorld();
    expect(kindOf(vim.identity.createTenant(t1Admin, "t9"))).toBe("FORBIDDEN");
    expect(kindOf(vim.identity.createTenant(vim.admin, "t9"))).toBe("OK");
    expect(kindOf(vim.identity.createUser(t1Admin, "eve", ["cloud-admin"]))).toBe("FORBIDDEN");
    expect(kindOf(vim.identity.createUser(t1Admin, "bob", ["member"], "t2"))).toBe("FORBIDDEN");
    expect(kindOf(vim.identity.createUser(member, "bob", ["member"]))).toBe("FORBIDDEN");
    expect(kindOf(vim.identity.createUser(t1Admin, "bob", ["member"]))).toBe("OK");
    expect(kindOf(vim.identity.deleteUser(t2Member, "bob"))).toBe("FORBIDDEN"); // members lack user:delete
    expect(kindOf(vim.identity.deleteUser({ userId: "t2-tenant-admin" }, "bob"))).toBe("NOT_FOUND");
    expect(kindOf(vim.identity.createRole(vim.admin, "auditor", "tenant", ["compute:list", "nova:everything"]))).toBe("INVALID_ARGUMENT");
    expect(kindOf(vim.identity.createRole(vim.admin, "auditor", "tenant", ["compute:list"]))).toBe("OK");
    expect(kindOf(vim.identity.deleteRole(vim.admin, "member"))).toBe("FORBIDDEN");
    expect(kindOf(vim.keyPairs.create(member, "k", "ssh-rsa AAAAB3"))).toBe("OK");
    expect(kindOf(vim.keyPairs.create(member, "k", "ssh-rsa AAAAB4"))).toBe("CONFLICT");
    expect(kindOf(vim.keyPairs.create(member, "k2", "not a key"))).toBe("MALFORMED");
    expect(kindOf(vim.securityGroups.create(member, "web"))).toBe("FORBIDDEN");
    const web = vim.securityGroups.create(t1Admin, "web", [{ direction: "ingress", protocol: "tcp", portRangeMin: 443, remoteIpPrefix: "10.0.0.0/8" }]);
    expect(web.ok && web.value.rules.map((r) => [r.portRangeMin, r.portRangeMax, r.remoteIpPrefix])).toEqual([[443, 443, "10.0.0.0/8"]]);
    expect(kindOf(vim.securityGroups.addRule(t1Admin, web.ok ? web.value.securityGroupId : "", { direction: "ingress", protocol: "icmp", portRangeMin: 1 }))).toBe("INVALID_ARGUMENT");
    const groups = vim.securityGroups.list(member);
    expect(groups.ok && groups.value.map((g) => g.name)).toEqual(["default", "web"]);
    expect(kindOf(vim.securityGroups.delete(t1Admin, groups.ok ? groups.value[0]!.securityGroupId : ""))).toBe("CONFLICT");
    expect(kindOf(vim.identity.deleteTenant(vim.admin, "t1"))).toBe("CONFLICT");
    expect(kindOf(vim.identity.deleteTenant(vim.admin, "t9"))).toBe("OK");
    expect(kindOf(vim.identity.setTenantEnabled(vim.admin, "t2", false))).toBe("OK");
    expect(kindOf(vim.compute.query(t2Member))).toBe("FORBIDDEN");
    expect(kindOf(vim.identity.listTenants(member))).toBe("FORBIDDEN");
    const tenants = vim.identity.listTenants({ userId: "t1-reader" });
    expect(tenants.ok && tenants.value.map((t) => t.tenantId)).toEqual(["t1"]);
  });
});
