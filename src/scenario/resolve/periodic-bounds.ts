/**
 * Limits on what repeats until the horizon (issue 15): failure cycles of the fault processes and
 * flapping storms, PM collections and threshold checks. Each message names the limit and the count.
 */
import { distributionMean, formatDurationMs } from "../../kernel/index.js";
import { formatCount, MAX_EXPECTED_REQUESTS, MAX_FAILURES, MAX_PM_VALUES, MAX_SAMPLES } from "../schema/limits.js";
import type { FaultsSpec } from "./faults.js";
import type { PerformanceSpec } from "./performance.js";
import type { AccScenarioSpec } from "./resolve-acc-scenario.js";

type Path = Array<string | number>;
type Report = (path: Path, message: string) => void;

/** Expected failures: components × horizon / (mean time to failure + repair), and every storm's flaps. */
export function checkFailures(faults: FaultsSpec | undefined, horizonMs: number | undefined, report: Report): void {
  if (faults === undefined) return;
  faults.processes.forEach((p, i) => {
    const cycleMs = distributionMean(p.timeToFailure) + distributionMean(p.timeToRepair);
    if (horizonMs === undefined || !(cycleMs > 0)) return; // refused by resolveFaults already
    const expected = (p.components.length * horizonMs) / cycleMs;
    if (expected > MAX_FAILURES) {
      report(["faults", "processes", i, "timeToFailure"], `${formatCount(p.components.length)} components failing every ${formatDurationMs(cycleMs)} over ${formatDurationMs(horizonMs)} is ${formatCount(Math.round(expected))} failures; at most ${formatCount(MAX_FAILURES)} failures per run`);
    }
  });
  faults.storms.forEach((s, i) => {
    const failures = s.components.length * s.flaps;
    if (failures > MAX_FAILURES) report(["faults", "storms", i, s.flaps > 1 ? "flaps" : "domain"], `${formatCount(s.components.length)} components × ${formatCount(s.flaps)} flaps is ${formatCount(failures)} failures; at most ${formatCount(MAX_FAILURES)} failures per run`);
  });
}

/** Object counts of a PM job or threshold's type (servers are not known before the run: 1 each). */
export interface PmObjects {
  readonly hosts: number;
  readonly zones: number;
}

/** Collections and checks: at most MAX_SAMPLES per job or threshold, MAX_PM_VALUES values per job. */
export function checkPerformance(performance: PerformanceSpec | undefined, horizonMs: number | undefined, objects: PmObjects, report: Report): void {
  if (performance === undefined || horizonMs === undefined) return;
  performance.jobs.forEach((j, i) => {
    if (!(j.collectionPeriodMs > 0)) return; // refused by resolvePerformance already
    const collections = Math.ceil(horizonMs / j.collectionPeriodMs);
    const base: Path = ["performance", "jobs", i];
    if (collections > MAX_SAMPLES) {
      report([...base, "collectionPeriod"], `${formatDurationMs(horizonMs)} collected every ${formatDurationMs(j.collectionPeriodMs)} is ${formatCount(collections)} collections; at most ${formatCount(MAX_SAMPLES)} per job`);
      return;
    }
    const count = j.objectInstanceIds?.length ?? (j.objectType === "HOST" ? objects.hosts : j.objectType === "ZONE" ? objects.zones : 1);
    const values = collections * count * j.performanceMetrics.length;
    if (values > MAX_PM_VALUES) {
      report([...base, "collectionPeriod"], `${formatCount(collections)} collections × ${formatCount(count)} objects × ${j.performanceMetrics.length} metrics is ${formatCount(values)} values; at most ${formatCount(MAX_PM_VALUES)} per job`);
    }
  });
  performance.thresholds.forEach((t, i) => {
    if (t.checkPeriodMs > 0 && horizonMs / t.checkPeriodMs > MAX_SAMPLES) {
      report(["performance", "thresholds", i, "checkPeriod"], `${formatDurationMs(horizonMs)} checked every ${formatDurationMs(t.checkPeriodMs)} is ${formatCount(Math.ceil(horizonMs / t.checkPeriodMs))} checks; at most ${formatCount(MAX_SAMPLES)} per threshold`);
    }
  });
}

/** Offload requests: rate per bound handle × every handle of the model × horizon (an upper bound). */
export function checkOffload(acc: AccScenarioSpec | undefined, handles: number, horizonMs: number | undefined, report: Report): void {
  if (acc === undefined || horizonMs === undefined) return;
  acc.offload.forEach((o, i) => {
    const expected = o.ratePerMs * handles * horizonMs;
    if (expected > MAX_EXPECTED_REQUESTS) {
      report(["accelerators", "offload", i, "rate"], `up to ${formatCount(Math.round(expected))} offload requests (rate × ${formatCount(handles)} handles × ${formatDurationMs(horizonMs)}); at most ${formatCount(MAX_EXPECTED_REQUESTS)} per run`);
    }
  });
}
