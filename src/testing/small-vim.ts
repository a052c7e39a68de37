/**
 * The pieces tests use to stand up a VIM on a handful of hosts without a scenario: an NFVI of host
 * specs, and a selector running a named policy directly (zone, group and a move's ignored source
 * host included), as the runner's selector does without its caches.
 */
import { asId, type ZoneId } from "../domain/index.js";
import { createNfviState, type HostSpec, type NfviState } from "../nfvi/index.js";
import { makeRequest, resolvePolicy, select } from "../placement/index.js";
import type { HostSelector } from "../vim/index.js";

/** The NFVI of `hosts`; throws on a bad spec (a test bug). */
export function smallNfvi(hosts: readonly HostSpec[]): NfviState {
  const built = createNfviState(hosts);
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}

/** A selector over `nfvi` with the prefab policy `policyName`. */
export function policySelector(nfvi: NfviState, policyName = "spread"): HostSelector {
  const policy = resolvePolicy(policyName);
  if (!policy.ok) throw new Error(policy.error.message);
  return (sel) => {
    const g = sel.group;
    const req = makeRequest({
      resources: sel.flavour.amounts,
      ...(sel.zone === undefined ? {} : { zone: asId<ZoneId>(sel.zone) }),
      ...(g === undefined ? {} : { group: { policy: g.policy, maxServerPerHost: g.maxPerHost, members: g.hostCounts } }),
      ...(sel.ignoreHost === undefined ? {} : { ignoreHosts: [sel.ignoreHost] }),
    });
    if (!req.ok) throw new Error(req.error.message);
    const d = select(policy.value, nfvi, req.value);
    return d.ok ? { ok: true, host: d.value } : { ok: false, message: d.error.message, reasons: new Map(d.error.diagnosis.reasons.map((r) => [r.reason, r.count])) };
  };
}

/** Legal source statuses of each user operation, from ifa-digest §4.4 (written out, not derived). */
export const NOVA_LEGAL_FROM = {
  start: ["SHUTOFF"],
  stop: ["ACTIVE", "ERROR"],
  pause: ["ACTIVE"],
  unpause: ["PAUSED"],
  suspend: ["ACTIVE"],
  resume: ["SUSPENDED"],
  "reboot.soft": ["ACTIVE"],
  "reboot.hard": ["ACTIVE", "SHUTOFF", "PAUSED", "SUSPENDED", "ERROR"],
  "snapshot.create": ["ACTIVE", "SHUTOFF", "PAUSED", "SUSPENDED"],
  resize: ["ACTIVE", "SHUTOFF"],
  "migrate.offline": ["ACTIVE", "SHUTOFF"],
  "migrate.live": ["ACTIVE", "PAUSED"],
  "resize.confirm": ["VERIFY_RESIZE"],
  "resize.revert": ["VERIFY_RESIZE"],
} as const;
