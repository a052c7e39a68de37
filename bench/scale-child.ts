/**
 * One placement-scale run in a fresh process: `hosts` basic hosts in 4 zones, default policy
 * (spread), `arrivals` requests of a 4-flavour mix sized to keep about half the RAM busy.
 * Prints one JSON line: { wallSeconds, hosts, arrivals, maxRssMib, rejectionRate }.
 *   node dist/bench/scale-child.js HOSTS [ARRIVALS=1000000]
 */
import { runScenario } from "../src/scenario/index.js";
import { specFrom } from "../src/testing/scenario-files.js";
import { basicSiteModel } from "./basic-site.js";

const hosts = Number(process.argv[2] ?? 10_000);
const arrivals = Number(process.argv[3] ?? 1_000_000);
const racksPerZone = Math.max(1, Math.round(hosts / 4 / 50));
const perRack = Math.round(hosts / 4 / racksPerZone);
const model = basicSiteModel("scale", racksPerZone, perRack);
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
