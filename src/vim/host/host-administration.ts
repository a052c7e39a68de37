/**
 * Operator actions on hosts (Nf-Vi): put a host in MAINTENANCE, mark it DOWN or UP, disable or enable
 * its compute service. Existing servers stay where they are (no evacuation yet); placement stops
 * choosing the host (INV-D9). Every change is one log record.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { Simulation } from "../../kernel/index.js";
import type { EventLog } from "../../metrics/index.js";
import type { HostOperationalState, NfviState } from "../../nfvi/index.js";

export interface HostCondition {
  readonly state?: HostOperationalState;
  readonly enabled?: boolean;
}

export class HostAdministration {
  constructor(
    private readonly sim: Simulation,
    private readonly nfvi: NfviState,
    private readonly log: EventLog,
  ) {}

  /** Applies `condition` to host h; NOT_FOUND for an unknown host. */
  apply(h: number, condition: HostCondition): Result<void> {
    if (h < 0 || h >= this.nfvi.hostCount) return fail(domainError("NOT_FOUND", `host index ${h} does not exist`));
    const before = { state: this.nfvi.hostState(h), enabled: this.nfvi.isEnabled(h) };
    if (condition.state !== undefined) {
      const r = this.nfvi.setHostState(h, condition.state);
      if (!r.ok) return r;
    }
    if (condition.enabled !== undefined) {
      const r = this.nfvi.setEnabled(h, condition.enabled);
      if (!r.ok) return r;
    }
    const after = { state: this.nfvi.hostState(h), enabled: this.nfvi.isEnabled(h) };
    if (this.log.wantsContent) this.log.append(this.sim.nowMs, "host", this.nfvi.hostId(h), "set-condition", before, after);
    else this.log.skip(this.sim.nowMs, "host", this.nfvi.hostId(h), "set-condition");
    return ok(undefined);
  }
}
