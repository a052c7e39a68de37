/**
 * The bridge from the VIM's selection port to a named placement policy: builds (and caches, when no
 * server group is involved) the placement request of a flavour and zone, and turns NO_VALID_HOST
 * into the countable reasons the metrics and reports use.
 */
import { InvariantViolation } from "../../domain/index.js";
import type { NfviState } from "../../nfvi/index.js";
import { DiagnosisMemo, policySpecProblem, rejection, resolvePolicy, selectHost, withAcceleratorFilter, withTraitsFilter, type NoValidHost, type PlacementRequest, type Policy } from "../../placement/index.js";
import { toPlacementRequest, type FlavourSpec, type HostSelector, type Selection } from "../../vim/index.js";
import type { PolicyRef } from "../schema/scenario.js";
import type { ResolvedModel } from "../resolve/resolved-model.js";

/** The policy of a spec that the loader already checked. */
export function policyOf(ref: PolicyRef): Policy {
  const resolved = resolvePolicy(ref);
  if (!resolved.ok) throw new InvariantViolation("POLICY", `policy accepted by the loader but not resolvable: ${resolved.error.message}`);
  return resolved.value;
}

/**
 * The policy a run places with: `ref`'s, plus the accelerator filter when the NFVI has accelerators
 * and the traits filter when `traits` (hosts have traits or flavours ask for them: usesTraits).
 */
export function runPolicyOf(ref: PolicyRef, nfvi: NfviState, traits = false): Policy {
  const policy = nfvi.accelerators === undefined ? policyOf(ref) : withAcceleratorFilter(policyOf(ref));
  return traits ? withTraitsFilter(policy) : policy;
}

/** Does the model use Placement traits (a host has some, or a flavour requires or forbids one)? */
export const usesTraits = (model: ResolvedModel): boolean =>
  model.hosts.some((h) => h.traits !== undefined) || [...model.flavours.values()].some((f) => f.requiredTraits !== undefined);

/** A one-word label of the policy for reports: the prefab name, or name+custom. */
export const policyLabel = (ref: PolicyRef): string => policyOf(ref).name;

/** For the loader: the problem with a policy reference, listing the valid names, or undefined. */
export const checkPolicyRef = (ref: PolicyRef): string | undefined => policySpecProblem(ref);

/** The placement request of one selection (group member hosts included): the VIM's one mapping. */
export { toPlacementRequest };

/** A selector over `nfvi` with the policy `ref`. */
export function makeSelector(ref: PolicyRef, nfvi: NfviState, traits = false): HostSelector {
  // With accelerators in the cloud, device-profile requests are checked for free handles.
  const policy = runPolicyOf(ref, nfvi, traits);
  // Requests without a group depend only on (flavour, zone): built once, reused by every arrival.
  const cache = new Map<FlavourSpec, Map<string, PlacementRequest>>();
  // The last rejection: the same request on an unchanged NFVI gets the same answer from a pure
  // policy, so a run of rejections while the cloud is full costs one diagnosis, not one each.
  let lastRejection: { request: PlacementRequest; version: number; accVersion: number; selection: Selection } | undefined;
  // Accelerator handles change without the ledger (onload, rediscovery, ReleaseAccResource).
  const pool = nfvi.accelerators;
  // The answer "host h", one immutable value per host: a placement allocates nothing.
  const chosen: Selection[] = [];
  // Diagnoses of the cached (group-less) requests, updated host by host (placement/diagnosis-memo.ts).
  const memos = new Map<PlacementRequest, DiagnosisMemo>();
  const refuse = (request: PlacementRequest, grouped: boolean): NoValidHost => {
    if (grouped) return rejection(policy, nfvi, request);
    let memo = memos.get(request);
    if (memo === undefined) memos.set(request, (memo = new DiagnosisMemo(policy, nfvi, request)));
    return rejection(policy, nfvi, request, { memo, epoch: pool?.version ?? 0 });
  };
  let last: { flavour: FlavourSpec | undefined; zone: string | undefined; request: PlacementRequest | undefined } = { flavour: undefined, zone: undefined, request: undefined };
  return (sel) => {
    let request: PlacementRequest | undefined;
    const forced = sel.forceHost !== undefined;
    if (forced) request = toPlacementRequest(sel);
    else if (sel.group === undefined && sel.ignoreHost === undefined && sel.flavour === last.flavour && sel.zone === last.zone) {
      // The same flavour and zone as the previous arrival (one-flavour streams): no map lookups.
      request = last.request!;
    } else if (sel.group === undefined) {
      // Moves ignore their source host: one request per (zone, source), still bounded by the hosts.
      const key = sel.ignoreHost === undefined ? (sel.zone ?? "") : `${sel.zone ?? ""}\u0000${sel.ignoreHost}`;
      let byKey = cache.get(sel.flavour);
      if (byKey === undefined) cache.set(sel.flavour, (byKey = new Map()));
      request = byKey.get(key);
      if (request === undefined) {
        request = toPlacementRequest(sel);
        byKey.set(key, request);
      }
      if (sel.ignoreHost === undefined) last = { flavour: sel.flavour, zone: sel.zone, request };
    } else request = toPlacementRequest(sel);
    if (lastRejection !== undefined && lastRejection.request === request && lastRejection.version === nfvi.version && (pool === undefined || lastRejection.accVersion === pool.version)) {
      return lastRejection.selection;
    }
    const host = selectHost(policy, nfvi, request);
    if (host >= 0) return (chosen[host] ??= { ok: true, host });
    const refused = refuse(request, sel.group !== undefined || forced);
    const reasons = new Map(refused.diagnosis.reasons.map((r) => [r.reason, r.count] as const));
    const selection: Selection = { ok: false, message: refused.message, reasons };
    lastRejection = { request, version: nfvi.version, accVersion: pool?.version ?? 0, selection };
    return selection;
  };
}
