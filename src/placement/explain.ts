/**
 * `explain`: for one request, which filter removed which hosts (counts and the first few host ids per
 * reason) and how the surviving hosts scored (raw, normalised and weighted value of each weigher, and
 * the total) for the top K, best first. Built on the reference pipeline; everything is sorted:
 * reasons by count desc then text, sample hosts by id, candidates by total desc then host id.
 */
import type { HostId } from "../domain/index.js";
import type { NfviView } from "../nfvi/index.js";
import { renderDiagnosis, sortReasons, type Diagnosis } from "./diagnosis.js";
import { filterHosts } from "./pipeline.js";
import type { PlacementRequest } from "./request.js";
import type { PolicyParts } from "./types.js";
import { clampToMinval, normalize, ranking, weigh, type Weighing } from "./weigh.js";

export interface ExplainOptions {
  /** Host ids listed per rejection reason (default 3). */
  readonly sampleHosts?: number;
  /** Candidates listed with their scores (default 5). */
  readonly topK?: number;
}

export interface FilterStep {
  readonly filter: string;
  readonly hostsBefore: number;
  readonly hostsAfter: number;
  readonly removed: readonly { readonly reason: string; readonly count: number; readonly sampleHosts: readonly HostId[] }[];
}

export interface WeigherScore {
  readonly weigher: string;
  /** The multiplier applied to this host: an aggregate's `*_weight_multiplier`, else the configured one. */
  readonly multiplier: number;
  /** Nova's raw input (free RAM/disk physical, VCPU total × ratio − used, group member counts). */
  readonly raw: number;
  readonly normalized: number;
  readonly weighted: number;
}

export interface CandidateScore {
  readonly host: HostId;
  readonly hostIndex: number;
  readonly total: number;
  readonly weighers: readonly WeigherScore[];
}

export interface Explanation {
  readonly policy: string;
  readonly hostCount: number;
  readonly candidateCount: number;
  readonly chosenIndex: number;
  readonly chosenHost: HostId | undefined;
  /** "placed on <host>" or the countable rejection text. */
  readonly outcome: string;
  readonly filters: readonly FilterStep[];
  readonly candidates: readonly CandidateScore[];
  readonly diagnosis: Diagnosis;
}

/** Explains the decision the policy takes for this request on this state (reference pipeline). */
export function explain(
  policy: PolicyParts,
  view: NfviView,
  request: PlacementRequest,
  options: ExplainOptions = {},
): Explanation {
  const sample = options.sampleHosts ?? 3;
  const removedBy = policy.filters.map(() => new Map<string, number[]>());
  const survivors = filterHosts(policy.filters, view, request, undefined, (h, f, reason) => {
    const byReason = removedBy[f];
    const hosts = byReason?.get(reason) ?? [];
    hosts.push(h);
    byReason?.set(reason, hosts);
  });
  const filters = stepsOf(policy, view, removedBy, sample);
  const reasons = sortReasons(new Map(removedBy.flatMap((m) => [...m].map(([r, hs]) => [r, hs.length] as const))));
  const text = renderDiagnosis(survivors.length, view.hostCount, reasons);
  const weighing = weigh(policy.weighers, view, request, survivors);
  const order = ranking(weighing);
  const chosenIndex = survivors[order[0] ?? -1] ?? -1;
  const chosenHost = chosenIndex < 0 ? undefined : view.hostId(chosenIndex);
  const trail = filters.map(({ filter, hostsBefore, hostsAfter }) => ({ filter, hostsBefore, hostsAfter }));
  return {
    policy: policy.name,
    hostCount: view.hostCount,
    candidateCount: survivors.length,
    chosenIndex,
    chosenHost,
    outcome: chosenHost === undefined ? text : `placed on ${chosenHost}`,
    filters,
    candidates: order.slice(0, options.topK ?? 5).map((i) => candidateScore(policy, view, weighing, i)),
    diagnosis: { hostCount: view.hostCount, available: survivors.length, trail, reasons, text },
  };
}

function stepsOf(
  policy: PolicyParts,
  view: NfviView,
  removedBy: readonly Map<string, number[]>[],
  sample: number,
): FilterStep[] {
  let before = view.hostCount;
  return policy.filters.map((f, i) => {
    const byReason = removedBy[i] ?? new Map<string, number[]>();
    const counts = sortReasons(new Map([...byReason].map(([r, hs]) => [r, hs.length] as const)));
    const removed = counts.map(({ reason, count }) => ({
      reason,
      count,
      sampleHosts: (byReason.get(reason) ?? []).slice(0, sample).map((h) => view.hostId(h)),
    }));
    const step = { filter: f.name, hostsBefore: before, hostsAfter: before - counts.reduce((s, r) => s + r.count, 0), removed };
    before = step.hostsAfter;
    return step;
  });
}

function candidateScore(policy: PolicyParts, view: NfviView, weighing: Weighing, i: number): CandidateScore {
  const h = weighing.candidates[i] ?? 0;
  return {
    host: view.hostId(h),
    hostIndex: h,
    total: weighing.totals[i] ?? 0,
    weighers: policy.weighers.map((use, j) => {
      const raw = weighing.raw[j]?.[i] ?? 0;
      // Nova's arithmetic: raise to minval, normalise, times the host's multiplier (aggregate override or configured).
      const normalized = normalize(clampToMinval(use, raw), weighing.lo[j] ?? 0, weighing.hi[j] ?? 0);
      const multiplier = weighing.multipliers[j]?.[i] ?? use.multiplier;
      return { weigher: use.weigher.name, multiplier, raw, normalized, weighted: multiplier * normalized };
    }),
  };
}
