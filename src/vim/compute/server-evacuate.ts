/**
 * Relocation of an evacuated server (Nova evacuate after a host failure, ifa-digest §4.4): placement
 * chooses a destination with the server's flavour, zone and group (anti-affinity counts the other
 * members where they are, INV-E4); only then is the allocation on the failed host dropped and the
 * destination claimed. Unlike a live or cold move there is no double claim: the source host is dead
 * and its allocations are held only "until evacuation or deletion" (INV-D9).
 */
import { domainError, fail, InvariantViolation, ok, type Result } from "../../domain/index.js";
import { addMemberHost, removeMemberHost } from "./server-group.js";
import { commitMove, type MoveContext } from "./server-move.js";
import type { ServerRecord } from "./server.js";

/** Moves `s` from its (failed) host to one placement chooses; NO_VALID_HOST leaves everything as it was. */
export function relocate(ctx: MoveContext, s: ServerRecord): Result<void> {
  const group = s.groupId === undefined ? undefined : ctx.groups.get(s.groupId);
  const from = s.hostIndex;
  const decision = ctx.select({ flavour: s.flavourSpec, zone: s.zoneConstraint, group, ignoreHost: from });
  if (!decision.ok) return fail(domainError("NO_VALID_HOST", decision.message, Object.fromEntries(decision.reasons)));
  // A move left half done (VERIFY_RESIZE) ends on the side the server was reset on.
  if (s.move !== undefined) commitMove(ctx, s);
  ctx.nfvi.releaseSlot(s.allocationSlot);
  if (group !== undefined) removeMemberHost(group, from);
  const slot = ctx.nfvi.claimVector(s, decision.host, ctx.vectorOf(s.flavourSpec));
  if (slot < 0) throw new InvariantViolation("INV-A1", `placement chose host ${ctx.nfvi.hostId(decision.host)} for the evacuation of ${s.id} but the claim failed`);
  s.allocationSlot = slot;
  s.hostIndex = decision.host;
  if (group !== undefined) addMemberHost(group, decision.host);
  return ok(undefined);
}
