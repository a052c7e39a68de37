/**
 * The placement request of one selection: the flavour's amounts, metadata and device profile, the
 * zone, the group with its member hosts and a move's ignored source host. One mapping, used by the
 * run's selector and by the N+1 dry run, so both ask placement the same question.
 */
import { asId, InvariantViolation, type ZoneId } from "../../domain/index.js";
import { makeRequest, type PlacementRequest } from "../../placement/index.js";
import type { SelectionRequest } from "./host-selector.js";

/** The placement request of one selection (group member hosts included). */
export function toPlacementRequest(sel: SelectionRequest): PlacementRequest {
  const g = sel.group;
  const built = makeRequest({
    resources: sel.flavour.amounts,
    ...(sel.zone === undefined ? {} : { zone: asId<ZoneId>(sel.zone) }),
    requiredMetadata: sel.flavour.requiredMetadata,
    ...(g === undefined ? {} : { group: { policy: g.policy, maxServerPerHost: g.maxPerHost, members: g.hostCounts } }),
    ...(sel.ignoreHost === undefined ? {} : { ignoreHosts: [sel.ignoreHost] }),
    ...(sel.flavour.deviceProfile === undefined ? {} : { accelerators: sel.flavour.deviceProfile.groups }),
    ...(sel.flavour.requiredTraits === undefined ? {} : { requiredTraits: sel.flavour.requiredTraits }),
    ...(sel.flavour.forbiddenTraits === undefined ? {} : { forbiddenTraits: sel.flavour.forbiddenTraits }),
    ...(sel.forceHost === undefined ? {} : { forceHosts: [sel.forceHost] }),
  });
  if (!built.ok) throw new InvariantViolation("REQUEST", built.error.message);
  return built.value;
}
