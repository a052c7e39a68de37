/**
 * The host-failure invariant (ifa-digest §5 INV-D9): a failed host takes nothing new (its state is
 * DOWN, so placement skips it), and once the failure is detected no server on it is ACTIVE (the
 * inspector set them to ERROR; they keep their allocations until evacuated or deleted). Reads only;
 * throws InvariantViolation on the first break.
 */
import { invariant } from "../../domain/index.js";
import type { NfviState } from "../../nfvi/index.js";
import type { ServerRecord } from "../compute/server.js";
import type { HostFaults } from "./host-faults.js";

/** `live`: every live server. */
export function checkFaultInvariants(health: HostFaults, nfvi: NfviState, live: ReadonlyArray<ServerRecord>): void {
  for (let h = 0; h < nfvi.hostCount; h++) {
    if (!health.isFailed(h)) continue;
    invariant(!nfvi.isUsable(h), "INV-D9", () => `host ${nfvi.hostId(h)} is failed but placement may use it (${nfvi.hostState(h)})`);
  }
  for (const s of live) {
    const h = s.hostIndex;
    if (h < 0 || !health.isFailed(h) || health.hostStatus(h) !== "DOWN") continue;
    invariant(s.state.vmState !== "active", "INV-D9", () => `${s.id} is ACTIVE (${s.state.key}) on ${nfvi.hostId(h)}, whose failure was detected`);
  }
}
