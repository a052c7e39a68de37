/**
 * Placement policies (style rules 6–8).
 *
 * Model. A policy is data: an ordered list of filters and a list of weighers with multipliers, all
 * pure functions of (request, NFVI view, host). `select` keeps the hosts that pass every filter,
 * normalises each weigher's raw weights to [0, 1] over those candidates (Nova `normalize`; all equal
 * → 0), multiplies by the weigher's multiplier, sums in weigher order, and picks the highest total;
 * ties go to the lowest host index (= lowest host id). A positive multiplier on a free-units weigher
 * spreads, a negative one packs. Nothing is remembered between two calls.
 *
 * Two implementations, one answer. `selectReference` is the definition: filter then weigh over every
 * host. `select` answers through the NFVI capacity index (fast-path.ts) and must choose exactly the
 * host the reference chooses (a property test checks it for every prefab); a policy with a part the
 * index cannot bound falls back to the scan. When no host is found, the full filter pass builds the
 * countable diagnosis (diagnosis.ts), and if that pass finds a host after all, the fast path was wrong
 * and an InvariantViolation (INV-A11) is thrown rather than a false NO_VALID_HOST returned.
 */
import { domainError, fail, invariant, ok, type Result } from "../domain/index.js";
import type { NfviView } from "../nfvi/index.js";
import type { DiagnosisMemo } from "./diagnosis-memo.js";
import { diagnose, noValidHost, type NoValidHost } from "./diagnosis.js";
import { planFor, selectFast, type FastPlan } from "./fast-path.js";
import { selectOver } from "./pipeline.js";
import type { PlacementRequest } from "./request.js";
import type { Filter, PolicyParts, WeigherUse } from "./types.js";

export interface Policy extends PolicyParts {
  /** How the fast path serves this policy; null = full scan (some part has no index form). */
  readonly plan: FastPlan | null;
}

/** Composes a policy; INVALID_ARGUMENT for duplicate parts or a non-finite multiplier. */
export function makePolicy(name: string, filters: readonly Filter[], weighers: readonly WeigherUse[]): Result<Policy> {
  const filterNames = filters.map((f) => f.name);
  const duplicateFilter = filterNames.find((n, i) => filterNames.indexOf(n) !== i);
  if (duplicateFilter !== undefined) return fail(domainError("INVALID_ARGUMENT", `filter ${duplicateFilter} listed twice`));
  const weigherNames = weighers.map((w) => w.weigher.name);
  const duplicateWeigher = weigherNames.find((n, i) => weigherNames.indexOf(n) !== i);
  if (duplicateWeigher !== undefined) return fail(domainError("INVALID_ARGUMENT", `weigher ${duplicateWeigher} listed twice`));
  const bad = weighers.find((w) => !Number.isFinite(w.multiplier));
  if (bad !== undefined) return fail(domainError("INVALID_ARGUMENT", `weigher ${bad.weigher.name}: multiplier must be finite`));
  const parts: PolicyParts = { name, filters: [...filters], weighers: [...weighers] };
  return ok({ ...parts, plan: planFor(parts) });
}

/** The host chosen for the request, or NO_VALID_HOST with its diagnosis. Uses the capacity index. */
export function select(policy: Policy, view: NfviView, request: PlacementRequest): Result<number, NoValidHost> {
  const host = selectHost(policy, view, request);
  return host >= 0 ? ok(host) : fail(rejection(policy, view, request));
}

/** `select`'s host, or −1 without the diagnosis (ask `select` for it): the hot path's form. */
export function selectHost(policy: Policy, view: NfviView, request: PlacementRequest): number {
  return policy.plan === null ? selectOver(policy, view, request) : selectFast(policy, policy.plan, view, request);
}

/** The reference answer: every filter on every host, then weighing. Same contract as `select`. */
export function selectReference(policy: PolicyParts, view: NfviView, request: PlacementRequest): Result<number, NoValidHost> {
  const host = selectOver(policy, view, request);
  return host >= 0 ? ok(host) : fail(rejection(policy, view, request));
}

/**
 * The NO_VALID_HOST of a request `selectHost` found no host for: the full filter pass, once, or the
 * memo's diagnosis brought up to date (DiagnosisMemo; `epoch` as its `diagnose`).
 */
export function rejection(policy: PolicyParts, view: NfviView, request: PlacementRequest, memo?: { readonly memo: DiagnosisMemo; readonly epoch: number }): NoValidHost {
  const diagnosis = memo === undefined ? diagnose(policy, view, request) : memo.memo.diagnose(memo.epoch);
  invariant(diagnosis.available === 0, "INV-A11", () => `no host selected but ${diagnosis.available} pass every filter`);
  return noValidHost(diagnosis);
}
