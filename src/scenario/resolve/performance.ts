/** The `performance:` section → PM job and threshold specs in ms, object ids checked with positions. */
import type { PmJobSpec, ThresholdSpec } from "../../vim/index.js";
import type { Performance } from "../schema/performance.js";
import { ms } from "./distribution.js";
import type { ResolvedModel } from "./resolved-model.js";
import { didYouMean } from "../../domain/index.js";

type Report = (path: Array<string | number>, message: string) => void;

export interface PerformanceSpec {
  readonly jobs: ReadonlyArray<PmJobSpec>;
  readonly thresholds: ReadonlyArray<ThresholdSpec>;
}

function objectProblem(type: "VM" | "HOST" | "ZONE", id: string, model: ResolvedModel): string | undefined {
  if (type === "VM") return /^vm-\d+$/.test(id) ? undefined : `a VM is named vm-<n> (servers are numbered in creation order); got "${id}"`;
  if (type === "ZONE") return model.zones.some((z) => z.id === id) ? undefined : `unknown zone "${id}"; ${didYouMean(id, model.zones.map((z) => z.id).sort())}defined zones: ${model.zones.map((z) => z.id).sort().join(", ")}`;
  return model.hosts.some((h) => h.id === id) ? undefined : `unknown host "${id}"; host ids look like ${model.hosts[0]?.id ?? "<zone>-<rack>-h001"}`;
}

/** Resolves the section; undefined when the scenario has none. */
export function resolvePerformance(p: Performance | undefined, model: ResolvedModel, hasHorizon: boolean, report: Report): PerformanceSpec | undefined {
  if (p === undefined) return undefined;
  // Collections and checks repeat until the run ends: only a horizon ends them.
  if (!hasHorizon) report(["performance"], "PM jobs and thresholds run until the horizon: give stop.horizon");
  const jobs = (p.jobs ?? []).map((j, i): PmJobSpec => {
    (j.objects ?? []).forEach((id, k) => {
      const problem = objectProblem(j.objectType, id, model);
      if (problem !== undefined) report(["performance", "jobs", i, "objects", k], problem);
    });
    const collectionPeriodMs = ms(j.collectionPeriod);
    const reportingPeriodMs = ms(j.reportingPeriod);
    if (collectionPeriodMs <= 0 || reportingPeriodMs % collectionPeriodMs !== 0) {
      report(["performance", "jobs", i, "reportingPeriod"], "reportingPeriod must be a positive multiple of collectionPeriod");
    }
    return {
      objectType: j.objectType,
      ...(j.objects === undefined ? {} : { objectInstanceIds: [...j.objects] }),
      performanceMetrics: [...j.metrics],
      collectionPeriodMs,
      reportingPeriodMs,
      ...(j.reportingBoundary === undefined ? {} : { reportingBoundaryMs: ms(j.reportingBoundary) }),
    };
  });
  const thresholds = (p.thresholds ?? []).map((t, i): ThresholdSpec => {
    const problem = objectProblem(t.objectType, t.object, model);
    if (problem !== undefined) report(["performance", "thresholds", i, "object"], problem);
    if (ms(t.checkPeriod) <= 0) report(["performance", "thresholds", i, "checkPeriod"], "checkPeriod must be positive");
    return { objectType: t.objectType, objectInstanceId: t.object, performanceMetric: t.metric, thresholdValue: t.value, hysteresis: t.hysteresis ?? 0, checkPeriodMs: ms(t.checkPeriod) };
  });
  return { jobs, thresholds };
}
