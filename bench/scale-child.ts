/**
 * One placement-scale run in a fresh process: `hosts` basic hosts in 4 zones, default policy
 * (spread), `arrivals` requests of a 4-flavour mix sized to keep about half the RAM busy.
 * Prints one JSON line: { wallSeconds, hosts, arrivals, maxRssMib, rejectionRate }.
 *   node dist/bench/scale-child.js HOSTS [ARRIVALS=1000000]
 */
import { runScenario } from "../src/scenario/index.js";
import { specFrom } from "../src/testing/scenario-files.js";

const hosts = Number(process.argv[2] ?? 10_000);
const arrivals = Number(process.argv[3] ?? 1_000_000);
const racksPerZone = Math.max(1, Math.round(hosts / 4 / 50));
const perRack = Math.round(hosts / 4 / racksPerZone);
const zones = [1, 2, 3, 4].map((z) => `  - id: az${z}\n    rackTemplate: { count: ${racksPerZone}, hosts: [{ profile: basic, count: ${perRack} }] }`).join("\n");
const model = `kind: InfrastructureModel
name: scale
profiles:
  - id: basic
    cpu: { sockets: 2, coresPerSocket: 16, threadsPerCore: 2 }
    memoryMb: 393216
    diskGb: 1920
    reserved: { VCPU: 4, MEMORY_MB: 16384, DISK_GB: 100 }
zones:
${zones}
flavours:
  - { id: B1.small, vcpus: 1, ramMb: 2048, diskGb: 20 }
  - { id: B1.medium, vcpus: 2, ramMb: 4096, diskGb: 40 }
  - { id: B1.large, vcpus: 4, ramMb: 8192, diskGb: 80 }
  - { id: B1.2xlarge, vcpus: 8, ramMb: 16384, diskGb: 160 }
tenants:
  - { id: t }
`;
// Mean RAM per VM is 5,325 MB, a host holds about 70: aim for 35 alive per host, lifetime 10 h.
const ratePerHour = (35 * 4 * racksPerZone * perRack) / 10;
const scenario = `kind: Scenario
name: scale-${hosts}
model: model.yaml
seed: 1
stop: { arrivals: ${arrivals} }
placement: { policy: spread }
workload:
  streams:
    - tenant: t
      arrivals: { kind: poisson, rate: ${ratePerHour}/h }
      flavours: { B1.small: 4, B1.medium: 3, B1.large: 2, B1.2xlarge: 1 }
      lifetime: { kind: exponential, mean: 10h }
output: { samplePeriod: 1d }
`;
const started = process.hrtime.bigint();
const result = runScenario(specFrom(scenario, model));
const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(
  JSON.stringify({
    impl: "nfvtwin",
    mode: "scale",
    hosts: result.summary.scenario.hosts,
    arrivals,
    wallSeconds,
    maxRssMib: process.resourceUsage().maxRSS / 1024,
    rejectionRate: result.summary.requests.rejectionRate,
    events: result.summary.run.events,
  }),
);
