import { describe, expect, it } from "vitest";
import { specFrom } from "../../testing/scenario-files.js";
import { hostSpecs } from "./build-nfvi.js";

const MODEL = `kind: InfrastructureModel
name: m
profiles:
  - { id: small, cpu: { sockets: 1, coresPerSocket: 8 }, memoryMb: 16384, diskGb: 100 }
  - { id: big, cpu: { sockets: 2, coresPerSocket: 16 }, memoryMb: 65536, diskGb: 400 }
zones:
  - id: az1
    rackTemplate: { count: 2, hosts: [{ profile: small, count: 2 }, { profile: big, count: 1 }] }
flavours:
  - { id: f, vcpus: 1, ramMb: 1024, diskGb: 10 }
tenants:
  - { id: t }
`;
const SCENARIO = `kind: Scenario
name: s
model: model.yaml
stop: { horizon: 1h }
workload: { requests: [{ at: 0s, tenant: t, flavour: f }] }
`;

describe("hostSpecs", () => {
  it("gives the hosts of one profile one shared inventories record (memory at 200,000 hosts), each profile its own amounts", () => {
    const specs = hostSpecs(specFrom(SCENARIO, MODEL).model);
    const small = specs.filter((h) => h.inventories.MEMORY_MB?.total === 16384);
    const big = specs.filter((h) => h.inventories.MEMORY_MB?.total === 65536);
    expect([small.length, big.length]).toEqual([4, 2]);
    for (const h of small) expect(h.inventories).toBe(small[0]!.inventories);
    for (const h of big) expect(h.inventories).toBe(big[0]!.inventories);
    expect(big[0]!.inventories.VCPU?.total).toBe(32);
  });
});
