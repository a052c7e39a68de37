/**
 * The run's network service follows the model's `network:` section: for any valid ranges and CIDR,
 * the pools it builds hold exactly what the load-time checks count (range max − min + 1, the resolved
 * publicIps), and summary.json's networkPools reports those totals and what is in use.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventLog } from "../../metrics/index.js";
import { TINY_MODEL } from "../../testing/fixtures.js";
import { PUBLIC_IP_POOL, segmentPool } from "../../vim/index.js";
import { formatInputIssue } from "../load/input-issue.js";
import { loadModel } from "../load/load-scenario.js";
import { memoryReader } from "../load/source-reader.js";
import { networkPoolsSummary, networkService } from "./network-pools-run.js";

function model(section: string) {
  const r = loadModel(memoryReader({ "model.yaml": TINY_MODEL + section }), "model.yaml");
  if (!r.ok) throw new Error(r.issues.map(formatInputIssue).join("\n"));
  return r.value;
}

const range = (max: number) => fc.tuple(fc.integer({ min: 1, max }), fc.integer({ min: 1, max })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

describe("the run's network service from the model", () => {
  it("holds as many VLAN ids, VNIs and public IPs as the load-time checks count", () => {
    fc.assert(
      fc.property(range(4094), range(16777215), fc.integer({ min: 16, max: 30 }), (vlan, vxlan, prefixLength) => {
        const m = model(`network:\n  external: { cidr: 10.0.0.0/${prefixLength} }\n  segmentation: { vlan: [${vlan[0]}, ${vlan[1]}], vxlan: [${vxlan[0]}, ${vxlan[1]}] }\n`);
        const network = networkService(m, { nowMs: 0 }, new EventLog({ keepRecords: false }));
        expect(network.poolCapacity(segmentPool("vlan"))).toBe(vlan[1] - vlan[0] + 1);
        expect(network.poolCapacity(segmentPool("vxlan"))).toBe(vxlan[1] - vxlan[0] + 1);
        expect(network.poolCapacity(PUBLIC_IP_POOL)).toBe(m.network!.external.publicIps);
        // The lowest free id is the range's min: the model's range, not the default one, is in use.
        const net = network.createNetwork({ tenantId: "t1", networkType: "vlan" });
        expect(net.ok && net.value.segmentationId).toBe(vlan[0]);
      }),
      { numRuns: 100 },
    );
  });

  it("networkPools counts the totals and what is in use at the end", () => {
    const m = model(`network:\n  external: { id: ext, cidr: 192.0.2.0/29 }\n  segmentation: { vlan: [10, 12], flatNetworks: [] }\n`);
    const network = networkService(m, { nowMs: 0 }, new EventLog({ keepRecords: false }));
    network.allocatePublicIp({ tenantId: "t1" });
    network.createNetwork({ tenantId: "t1", networkType: "vlan" });
    network.createNetwork({ tenantId: "t1", networkType: "vxlan" });
    expect(networkPoolsSummary(m.network!, network)).toEqual({
      external: { networkId: "ext", cidr: "192.0.2.0/29" },
      publicIps: { total: 5, inUseAtEnd: 1 },
      vlan: { min: 10, max: 12, total: 3, inUseAtEnd: 1 },
      vxlan: { min: 1, max: 16777215, total: 16777215, inUseAtEnd: 1 },
      flatNetworks: [],
    });
  });
});
