/**
 * The reference pipeline: run every filter on every host, then weigh the survivors. It is the
 * definition of what `select` must answer (the fast path is checked against it), and it feeds the
 * diagnosis and `explain`.
 */
import type { NfviView } from "../nfvi/index.js";
import type { PlacementRequest } from "./request.js";
import type { Filter, PolicyParts } from "./types.js";
import { bestOf, weigh } from "./weigh.js";

/** Filter's verdict on host h; a forced request skips the scheduler's own filters (Nova get_filtered_hosts). */
export function verdictOf(filter: Filter, request: PlacementRequest, view: NfviView, h: number): string | null {
  return request.forceHosts !== undefined && filter.skippedWhenForced === true ? null : filter.check(request, view, h);
}

/** Called for each rejected host with the index of the FIRST filter that rejected it and its reason. */
export type OnReject = (host: number, filterIndex: number, reason: string) => void;

/** Hosts passing every filter, ascending; `hosts` defaults to all hosts (it must be ascending). */
export function filterHosts(
  filters: readonly Filter[],
  view: NfviView,
  request: PlacementRequest,
  hosts?: readonly number[],
  onReject?: OnReject,
): number[] {
  const survivors: number[] = [];
  const count = hosts === undefined ? view.hostCount : hosts.length;
  const n = filters.length;
  for (let i = 0; i < count; i++) {
    const h = hosts === undefined ? i : (hosts[i] ?? 0);
    let f = 0;
    let reason: string | null = null;
    for (; f < n && reason === null; f++) reason = verdictOf(filters[f]!, request, view, h);
    if (reason === null) survivors.push(h);
    else onReject?.(h, f - 1, reason);
  }
  return survivors;
}

/** The first filter rejecting host h, or null when every filter passes. */
export function firstRejection(
  filters: readonly Filter[],
  view: NfviView,
  request: PlacementRequest,
  h: number,
): { filterIndex: number; reason: string } | null {
  for (let f = 0; f < filters.length; f++) {
    const reason = verdictOf(filters[f]!, request, view, h);
    if (reason !== null) return { filterIndex: f, reason };
  }
  return null;
}

/** Filter-then-weigh over `hosts` (ascending; default all); the chosen host index or −1. */
export function selectOver(
  policy: PolicyParts,
  view: NfviView,
  request: PlacementRequest,
  hosts?: readonly number[],
): number {
  const survivors = filterHosts(policy.filters, view, request, hosts);
  if (survivors.length <= 1) return survivors[0] ?? -1;
  return bestOf(weigh(policy.weighers, view, request, survivors));
}
