/**
 * Why a request found no host, in countable terms (style rule 8): Nova's filter trail (hosts before
 * and after each filter) and the Kubernetes scheduler's reason histogram. Each host is counted once,
 * under the FIRST filter that rejected it; reasons are sorted by count (desc), then text (asc):
 * "0/40 hosts available: 25 insufficient MEMORY_MB, 15 host disabled".
 */
import type { DomainError } from "../domain/index.js";
import type { NfviView } from "../nfvi/index.js";
import { filterHosts } from "./pipeline.js";
import type { PlacementRequest } from "./request.js";
import type { PolicyParts } from "./types.js";

export interface FilterTrailEntry {
  readonly filter: string;
  readonly hostsBefore: number;
  readonly hostsAfter: number;
}

export interface ReasonCount {
  readonly reason: string;
  readonly count: number;
}

export interface Diagnosis {
  readonly hostCount: number;
  /** Hosts passing every filter. */
  readonly available: number;
  readonly trail: readonly FilterTrailEntry[];
  readonly reasons: readonly ReasonCount[];
  readonly text: string;
}

/** The NO_VALID_HOST failure value: message = diagnosis text, detail = reason → hosts. */
export interface NoValidHost extends DomainError {
  readonly kind: "NO_VALID_HOST";
  readonly diagnosis: Diagnosis;
}

/** Count desc, then reason asc (code-unit order, locale-independent). */
export function sortReasons(counts: ReadonlyMap<string, number>): ReasonCount[] {
  return [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
}

/** "available/total hosts available: n reason, m reason". */
export function renderDiagnosis(available: number, hostCount: number, reasons: readonly ReasonCount[]): string {
  const head = `${available}/${hostCount} hosts available`;
  return reasons.length === 0 ? head : `${head}: ${reasons.map((r) => `${r.count} ${r.reason}`).join(", ")}`;
}

/** Runs every filter on every host and counts who removed whom. */
export function diagnose(policy: PolicyParts, view: NfviView, request: PlacementRequest): Diagnosis {
  const removed = policy.filters.map(() => 0);
  const counts = new Map<string, number>();
  // Neighbouring hosts mostly share a reason: count runs, touch the map once per run.
  let runReason = "";
  let runLength = 0;
  const flush = (): void => {
    if (runLength > 0) counts.set(runReason, (counts.get(runReason) ?? 0) + runLength);
  };
  const survivors = filterHosts(policy.filters, view, request, undefined, (_h, f, reason) => {
    removed[f] = (removed[f] ?? 0) + 1;
    if (reason === runReason) {
      runLength++;
      return;
    }
    flush();
    [runReason, runLength] = [reason, 1];
  });
  flush();
  let before = view.hostCount;
  const trail = policy.filters.map((f, i) => {
    const entry = { filter: f.name, hostsBefore: before, hostsAfter: before - (removed[i] ?? 0) };
    before = entry.hostsAfter;
    return entry;
  });
  const reasons = sortReasons(counts);
  const text = renderDiagnosis(survivors.length, view.hostCount, reasons);
  return { hostCount: view.hostCount, available: survivors.length, trail, reasons, text };
}

/** The failure value of a diagnosis with no available host. */
export function noValidHost(diagnosis: Diagnosis): NoValidHost {
  const detail: Record<string, number> = {};
  for (const r of diagnosis.reasons) detail[r.reason] = r.count;
  return { kind: "NO_VALID_HOST", message: diagnosis.text, detail, diagnosis };
}

/**
 * The reason that removed the last candidates of a request no host passes: among the hosts rejected
 * by the LAST filter that rejected any, its most frequent reason (ties by text). Host state and zone
 * filters come first, so this names what was short where the request could go ("insufficient
 * MEMORY_MB", "insufficient GPU handles"), or the rule that left nowhere to go ("not in availability
 * zone az2", "host down"). "no hosts" on an empty cloud. One full filter pass.
 */
export function decisiveReason(policy: PolicyParts, view: NfviView, request: PlacementRequest): string {
  const byFilter = policy.filters.map(() => new Map<string, number>());
  filterHosts(policy.filters, view, request, undefined, (_h, f, reason) => {
    const counts = byFilter[f]!;
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  });
  for (let f = byFilter.length - 1; f >= 0; f--) {
    const top = sortReasons(byFilter[f]!)[0];
    if (top !== undefined) return top.reason;
  }
  return "no hosts";
}
