/**
 * The compute invariants that hold after every step (ifa-digest §5 A, D): every live server that
 * holds a host has its allocation on that host (INV-D6) and one without a host holds none (INV-D5);
 * a moving server's source allocation is held by its migration consumer on the source host, and only
 * while it moves (INV-A8); every allocation of the ledger belongs to a live server, its move, or a
 * reservation hold (INV-A6, no orphans). Reads only; throws InvariantViolation on the first break.
 */
import { invariant } from "../../domain/index.js";
import { HOLD_PREFIX, type NfviState } from "../../nfvi/index.js";
import { migrationConsumerId } from "./server-move.js";
import type { ServerRecord } from "./server.js";

/** `live`: every live (not deleted) server. */
export function checkComputeInvariants(nfvi: NfviState, live: ReadonlyArray<ServerRecord>): void {
  const owners = new Map<string, number>();
  for (const s of live) {
    checkServer(nfvi, s);
    owners.set(s.id, s.hostIndex);
    if (s.move !== undefined) owners.set(migrationConsumerId(s), s.move.sourceHost);
  }
  for (const a of nfvi.allocations()) {
    if (a.consumerId.startsWith(HOLD_PREFIX)) continue;
    const host = owners.get(a.consumerId);
    invariant(host !== undefined, "INV-A6", () => `allocation of ${a.consumerId} on ${nfvi.hostId(a.hostIndex)} belongs to no live server`);
    invariant(host === a.hostIndex, "INV-D6", () => `allocation of ${a.consumerId} is on ${nfvi.hostId(a.hostIndex)}, its server on host ${host}`);
  }
}

function checkServer(nfvi: NfviState, s: ServerRecord): void {
  const own = nfvi.allocation(s.id);
  if (s.hostIndex < 0) {
    invariant(own === undefined, "INV-D5", () => `${s.id} has no host but holds an allocation on ${nfvi.hostId(own!.hostIndex)}`);
    invariant(s.move === undefined, "INV-A8", () => `${s.id} has no host but is moving`);
    return;
  }
  invariant(own !== undefined, "INV-D6", () => `${s.id} is on ${nfvi.hostId(s.hostIndex)} (${s.state.key}) without an allocation`);
  invariant(own.hostIndex === s.hostIndex, "INV-D6", () => `${s.id} is on ${nfvi.hostId(s.hostIndex)}, its allocation on ${nfvi.hostId(own.hostIndex)}`);
  const source = nfvi.allocation(migrationConsumerId(s));
  if (s.move === undefined) {
    invariant(source === undefined, "INV-A8", () => `${s.id} is not moving but ${migrationConsumerId(s)} still holds ${nfvi.hostId(source!.hostIndex)}`);
    return;
  }
  const from = s.move.sourceHost;
  invariant(source !== undefined && source.hostIndex === from, "INV-A8", () => `${s.id} moves from ${nfvi.hostId(from)} but its source allocation is ${source === undefined ? "missing" : `on ${nfvi.hostId(source.hostIndex)}`}`);
}
