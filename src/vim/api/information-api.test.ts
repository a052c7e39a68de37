/** Examples of IFA information management: consumable resource types, zones, information notifications. */
import { describe, expect, it } from "vitest";
import type { Result } from "../../domain/index.js";
import { vimWorld } from "../../testing/facade-world.js";
import type { VimNotification } from "../change/notifications.js";

const kindOf = (r: Result<unknown>): string => (r.ok ? "OK" : r.error.kind);
const member = { userId: "t1-member" };
const reader = { userId: "t1-reader" };

describe("information management", () => {
  it("advertises the flavours as compute resource types with the hosts' oversubscription", () => {
    const { vim } = vimWorld();
    const info = vim.information.queryCompute(reader);
    expect(info.ok && info.value.map((i) => [i.computeResourceTypeId, i.virtualCPU.numVirtualCpu, i.virtualMemory.virtualMemSizeMb])).toEqual([
      ["huge", 8, 1024],
      ["small", 1, 1024],
    ]);
    // The world's hosts have VCPU ratio 1.0 and no PCPU inventory: no oversubscription, no pinning.
    expect(info.ok && info.value[0]!.virtualCPU).toMatchObject({ virtualCpuOversubscriptionPolicy: "none", virtualCpuPinningSupported: false });
    const one = vim.information.queryCompute(member, { computeResourceTypeId: "small" });
    expect(one.ok && one.value.map((i) => i.computeResourceTypeId)).toEqual(["small"]);
  });

  it("lists network types with their ranges, storage backends, and zones for administrators only", () => {
    const { vim } = vimWorld();
    const net = vim.information.queryNetwork(member);
    expect(net.ok && net.value.map((n) => [n.networkType, n.segmentationRange])).toEqual([
      ["flat", null],
      ["vlan", [100, 103]],
      ["vxlan", [1, 4]],
    ]);
    expect(vim.information.queryStorage(member)).toMatchObject({ ok: true, value: [{ storageResourceTypeId: "volume@az1", sizeOfStorageGb: 40 }] });
    expect(kindOf(vim.information.queryZones(member))).toBe("FORBIDDEN");
    expect(vim.information.queryZones(vim.admin)).toMatchObject({ ok: true, value: [{ zoneId: "az1", zoneState: "AVAILABLE", zoneProperty: { hosts: 3, hostsTakingServers: 3 } }] });
  });

  it("announces flavour additions and removals to every subscriber, tenants included", () => {
    const { vim } = vimWorld();
    const tenantHeard: VimNotification[] = [];
    const adminHeard: VimNotification[] = [];
    vim.changes.subscribe(member, { kinds: ["information"] }, (n) => tenantHeard.push(n));
    vim.changes.subscribe(vim.admin, {}, (n) => adminHeard.push(n));
    expect(kindOf(vim.flavours.create(member, { flavourId: "medium", vcpus: 2, ramMb: 2048, diskGb: 20 }))).toBe("FORBIDDEN");
    expect(kindOf(vim.flavours.create(vim.admin, { flavourId: "medium", vcpus: 2, ramMb: 2048, diskGb: 20 }))).toBe("OK");
    expect(kindOf(vim.flavours.delete(vim.admin, "medium"))).toBe("OK");
    const summary = (ns: VimNotification[]): unknown[] => ns.map((n) => (n.kind === "information" ? [n.changeType, n.resourceTypeId] : n.kind));
    expect(summary(tenantHeard)).toEqual([
      ["ADDITION", "medium"],
      ["REMOVAL", "medium"],
    ]);
    expect(summary(adminHeard)).toEqual(summary(tenantHeard));
    const after = vim.information.queryCompute(member);
    expect(after.ok && after.value.map((i) => i.computeResourceTypeId)).toEqual(["huge", "small"]);
  });
});
