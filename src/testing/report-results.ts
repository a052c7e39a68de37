/**
 * Run, replication and comparison results for report tests and the report benchmark: real runs of
 * the tiny scenarios, and a synthetic long time series (integer arithmetic only, so it is the same on
 * every machine) for sizing the charts.
 */
import { runComparison, runReplications, runScenario, type ComparisonResult, type ReplicationsResult, type RunResult, type TimeseriesRow } from "../scenario/index.js";
import { TINY_MODEL, TINY_SCENARIO } from "./fixtures.js";
import { comparisonScenario, slotModel, specFrom } from "./scenario-files.js";

/** The tiny scenario's run, optionally renamed (e.g. to a name with markup, to test escaping). */
export function tinyRun(name?: string, description?: string): RunResult {
  const result = runScenario(specFrom(TINY_SCENARIO, TINY_MODEL));
  if (name === undefined && description === undefined) return result;
  const scenario = { ...result.summary.scenario, name: name ?? result.summary.scenario.name, description: description ?? result.summary.scenario.description };
  return { ...result, summary: { ...result.summary, scenario } };
}

/** Three replications of the tiny scenario. */
export const tinyReplications = (): ReplicationsResult => runReplications(specFrom(TINY_SCENARIO, TINY_MODEL), 3);

/** Two placement policies on three common replications, on a slot model. */
export function tinyComparison(): ComparisonResult {
  const scenario = comparisonScenario({
    name: "cmp",
    horizon: "6h",
    variants: "  - { name: spread, placement: { policy: spread } }\n  - { name: pack, placement: { policy: first-fit } }\n",
  });
  return runComparison(specFrom(scenario, slotModel(10, 16)), 3);
}

/** `samples` rows per zone over `zones` zones plus "all", with VCPU, MEMORY_MB and DISK_GB utilisation. */
export function syntheticTimeseries(samples: number, zones: number): TimeseriesRow[] {
  const rows: TimeseriesRow[] = [];
  const names = [...Array.from({ length: zones }, (_, z) => `az${z + 1}`), "all"];
  for (let i = 0; i < samples; i++) {
    names.forEach((zone, z) => {
      const wave = (i * 7919 + z * 104729) % 1000;
      rows.push({
        timeMs: i * 60_000,
        zone,
        serversAlive: zone === "all" ? 100 + (wave % 400) : undefined,
        rejectedRequests: zone === "all" ? wave % 3 : undefined,
        used: { VCPU: wave, MEMORY_MB: 1000 - wave, DISK_GB: (wave * 3) % 1000 },
        capacity: { VCPU: 1000, MEMORY_MB: 1000, DISK_GB: 1000 },
        stranded: { MEMORY_MB: wave % 50 },
      });
    });
  }
  return rows;
}
