/**
 * The N+1 headroom of a run (issue 16, item 1): a GPU-bound site with plenty of CPU, memory and disk
 * left, and an anti-affinity group with one member per host. The old aggregate sum of the four
 * resource classes called every rack survivable; the dry run re-places each rack's servers with the
 * run's policy and finds neither GPU handles nor anti-affinity room for them.
 */
import { describe, expect, it } from "vitest";
import { loadChartKit, renderRunFiles, SUMMARY_JSON_SCHEMA } from "../report/index.js";
import { schemaViolations } from "./json-schema-check.js";
import { specFrom } from "./scenario-files.js";
import { runScenario } from "../scenario/index.js";

const MODEL = `kind: InfrastructureModel
name: gpu-bound
profiles:
  - id: gpu
    cpu: { sockets: 2, coresPerSocket: 16, threadsPerCore: 2 }
    memoryMb: 393216
    diskGb: 1920
    reserved: { VCPU: 4, MEMORY_MB: 16384, DISK_GB: 100 }
    accelerators:
      - { name: gpu, count: 1, type: GPU, vendor: nvidia, model: a16, functions: [inference], handles: 2, handleType: MDEV }
zones:
  - id: az1
    racks:
      - { id: r01, hosts: [{ profile: gpu, count: 2 }] }
      - { id: r02, hosts: [{ profile: gpu, count: 2 }] }
deviceProfiles:
  - { id: gpu-1, groups: [{ type: GPU, function: inference }] }
flavours:
  - { id: B1.medium, family: basic, vcpus: 2, ramMb: 4096, diskGb: 40 }
  - { id: G1.infer, family: gpu, vcpus: 2, ramMb: 4096, diskGb: 40, extraSpecs: { "accel:device_profile": gpu-1 } }
tenants:
  - { id: t }
`;

const SCENARIO = `kind: Scenario
name: gpu-bound-headroom
model: model.yaml
seed: 5
stop: { horizon: 2h }
placement: { policy: spread }
workload:
  requests:
    - { at: 0s, tenant: t, flavour: G1.infer, count: 8, name: infer }
    - { at: 1s, tenant: t, flavour: B1.medium, count: 4, name: cp, group: { id: cp, policy: anti-affinity } }
    - { at: 2s, tenant: t, flavour: B1.medium, count: 4, name: web }
faults:
  detection: { delay: 500ms }
  recovery: { policy: evacuate }
  storms:
    - { at: 1h, domain: host, hosts: [az1-r01-h001], kind: crash, timeToRepair: 1m }
`;

const kit = await loadChartKit();

describe("N+1 headroom in a run", () => {
  it("a GPU-bound site with anti-affinity: no rack is survivable, and the row says why", () => {
    const result = runScenario(specFrom(SCENARIO, MODEL));
    const racks = result.summary.availability!.headroom.racks;
    // Every GPU handle is bound (8 of 8) and each host holds one member of the group.
    expect(racks.total).toBe(2);
    expect(racks.survivable).toBe(0);
    expect(racks.notSurvivable).toEqual(["az1/r01", "az1/r02"]);
    expect(racks.shortfalls).toEqual([
      { id: "az1/r01", servers: 8, unplaced: 6, short: { "insufficient GPU handles": 4, "server group anti-affinity": 2 } },
      { id: "az1/r02", servers: 8, unplaced: 6, short: { "insufficient GPU handles": 4, "server group anti-affinity": 2 } },
    ]);
    // The one zone: nothing is left to take its servers.
    expect(result.summary.availability!.headroom.zones.shortfalls).toEqual([{ id: "az1", servers: 16, unplaced: 16, short: { "host down": 16 } }]);
    const files = renderRunFiles(result, kit);
    expect(schemaViolations(JSON.parse(files.get("summary.json")!), SUMMARY_JSON_SCHEMA)).toEqual([]);
    const md = files.get("report.md")!;
    expect(md).toContain("| N+1: loss of one rack | at the end 0 of 2 survivable; az1/r01: 6 of 8 servers find no host (insufficient GPU handles 4, server group anti-affinity 2); az1/r02: 6 of 8 servers find no host (insufficient GPU handles 4, server group anti-affinity 2); all survivable in 0.0 % of 3 checks, worst at 1.0 h: 0 of 2 survivable |");
    expect(md).toContain("| N+1: loss of one zone | at the end 0 of 1 survivable; az1: 16 of 16 servers find no host (host down 16); all survivable in 0.0 % of 3 checks, worst at 1.0 h: 0 of 1 survivable |");
  });
});
