/**
 * Moves of a server (resize, cold and live migration) as Nova performs them with Placement
 * (ifa-digest §4.4, "Move operations"): when the move starts, the source allocation is handed to a
 * migration consumer and the instance claims the destination, so the server is counted on both hosts
 * until the move ends (INV-A8); commit drops the source, rollback drops the destination and gives the
 * source back to the instance. Expected failure: NO_VALID_HOST when no destination passes placement.
 */
import { domainError, fail, InvariantViolation, ok, type Result } from "../../domain/index.js";
import type { NfviState } from "../../nfvi/index.js";
import type { FlavourSpec } from "./flavour.js";
import type { HostSelector } from "./host-selector.js";
import { addMemberHost, removeMemberHost, type ServerGroup } from "./server-group.js";
import type { ServerRecord } from "./server.js";

export interface MoveContext {
  readonly nfvi: NfviState;
  readonly select: HostSelector;
  readonly groups: ReadonlyMap<string, ServerGroup>;
  vectorOf(flavour: FlavourSpec): Float64Array;
}

/** The Placement consumer that holds a moving server's source allocation (Nova's migration record). */
export const migrationConsumerId = (s: ServerRecord): string => `migration-${s.id}`;

const groupOf = (ctx: MoveContext, s: ServerRecord): ServerGroup | undefined =>
  s.groupId === undefined ? undefined : ctx.groups.get(s.groupId);

/** Starts a move of `s` to a host chosen by placement for `target` (its flavour after the move). */
export function beginMove(ctx: MoveContext, s: ServerRecord, target: FlavourSpec, autoConfirm: boolean): Result<void> {
  if (s.hostIndex < 0 || s.move !== undefined) throw new InvariantViolation("INV-D6", `server ${s.id} cannot move: no host, or already moving`);
  const group = groupOf(ctx, s);
  // The source is never the destination: Nova's allow_resize_to_same_host defaults to False.
  const decision = ctx.select({ flavour: target, zone: s.zoneConstraint, group, ignoreHost: s.hostIndex });
  if (!decision.ok) return fail(domainError("NO_VALID_HOST", decision.message, Object.fromEntries(decision.reasons)));
  const sourceSlot = s.allocationSlot;
  const handed = ctx.nfvi.moveAllocation(s.id, migrationConsumerId(s));
  if (!handed.ok) throw new InvariantViolation("INV-A6", `server ${s.id}: ${handed.error.message}`);
  const slot = ctx.nfvi.claimVector(s, decision.host, ctx.vectorOf(target));
  if (slot < 0) throw new InvariantViolation("INV-A1", `placement chose host ${ctx.nfvi.hostId(decision.host)} for the move of ${s.id} but the claim failed`);
  s.move = { sourceHost: s.hostIndex, sourceSlot, sourceFlavour: s.flavourSpec, autoConfirm };
  s.allocationSlot = slot;
  s.hostIndex = decision.host;
  s.flavourSpec = target;
  if (group !== undefined) addMemberHost(group, decision.host);
  return ok(undefined);
}

/** Ends a move on the destination: the source allocation is dropped. No move, no effect. */
export function commitMove(ctx: MoveContext, s: ServerRecord): void {
  const move = s.move;
  if (move === undefined) return;
  ctx.nfvi.releaseSlot(move.sourceSlot);
  const group = groupOf(ctx, s);
  if (group !== undefined) removeMemberHost(group, move.sourceHost);
  s.move = undefined;
}

/** Ends a move on the source: the destination is dropped and the source given back, flavour included. */
export function rollbackMove(ctx: MoveContext, s: ServerRecord): void {
  const move = s.move;
  if (move === undefined) return;
  ctx.nfvi.releaseSlot(s.allocationSlot);
  const group = groupOf(ctx, s);
  if (group !== undefined) removeMemberHost(group, s.hostIndex);
  const back = ctx.nfvi.moveAllocation(migrationConsumerId(s), s.id);
  if (!back.ok) throw new InvariantViolation("INV-A6", `server ${s.id}: ${back.error.message}`);
  s.allocationSlot = move.sourceSlot;
  s.hostIndex = move.sourceHost;
  s.flavourSpec = move.sourceFlavour;
  s.move = undefined;
}
