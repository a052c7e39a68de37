/**
 * The accelerator invariants that hold after every step (ifa-digest §5 F): the table's counts
 * (INV-F1), one ARQ per bound handle and vice versa (INV-F1), locality (INV-F2), no ARQ of an ACTIVE
 * server is still binding (INV-F3), deleted servers hold nothing (INV-F4/J1) and
 * every bound handle matches what its ARQ asked (INV-F7). The first violation, or null.
 */
import { checkAcceleratorPool, deviceMatches } from "../../nfvi/index.js";
import type { ServerRecord } from "../compute/server.js";
import type { AccelerationService } from "./acc-resource-service.js";
import { holdsHandles } from "./arq-machine.js";
import { ACC_HOLD_PREFIX } from "../reservation/acc-hold.js";

/** `servers`: the live servers by id (ARQs of other consumers must hold no handle). */
export function checkAccelerationInvariants(acc: AccelerationService, servers: ReadonlyMap<string, ServerRecord>): string | null {
  const table = checkAcceleratorPool(acc.pool);
  if (table !== null) return table;
  const arqs = acc.allArqs();
  const byId = new Map(arqs.map((a) => [a.id, a]));
  for (const d of acc.pool.devices) {
    for (let k = 0; k < d.boundTo.length; k++) {
      const owner = d.boundTo[k];
      // Handles held for a reservation have no ARQ: the reservation service checks them (AccHoldBook.problem).
      if (owner === null || owner === undefined || owner.startsWith(ACC_HOLD_PREFIX)) continue;
      const a = byId.get(owner);
      if (a?.handle?.device !== d.no || a.handle.handle !== k) return `INV-F1: ${d.id}#${k} is bound to ${owner}, which does not hold it`;
    }
  }
  for (const a of arqs) {
    if (holdsHandles(a.state) !== (a.handle !== undefined)) return `INV-F1: ${a.id} is ${a.state} ${a.handle === undefined ? "without" : "with"} a handle`;
    if (a.handle === undefined) continue;
    const d = acc.pool.device(a.handle.device)!;
    if (!deviceMatches(d, a.group)) return `INV-F7: ${a.id} asks ${JSON.stringify(a.group)} but holds ${d.id}`;
    const s = servers.get(a.consumer);
    if (s === undefined) return `INV-F4: ${a.id} holds ${d.id} for ${a.consumer}, which is not live`;
    if (s.hostIndex !== d.hostIndex) return `INV-F2: ${a.id} of ${s.id} is on host ${d.hostIndex}, the server on ${s.hostIndex}`;
  }
  for (const s of servers.values()) {
    if (s.flavourSpec.deviceProfile === undefined || s.state.vmState !== "active") continue;
    // ReleaseAccResource may take ARQs away later; none of an ACTIVE server is still binding.
    const binding = acc.arqsOf(s.id).find((a) => a.state === "Initial" || a.state === "BindStarted");
    if (binding !== undefined) return `INV-F3: ${s.id} is ACTIVE while ${binding.id} is ${binding.state}`;
  }
  return null;
}
