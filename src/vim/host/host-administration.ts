/**
 * Operator actions on hosts (Nf-Vi): put a host in MAINTENANCE, mark it DOWN or UP, disable or enable
 * its compute service. Existing servers stay where they are (no evacuation yet); placement stops
 * choosing the host (INV-D9). Every change is one log record.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { Simulation } from "../../kernel/index.js";
import type { EventLog } from "../../metrics/index.js";
import type { HostOperationalState, Inventory, NfviState } from "../../nfvi/index.js";
import { RESOURCE_CLASSES, type ResourceClass } from "../../domain/index.js";

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

  /**
   * Replaces inventories of host h (a degraded host losing capacity, and its repair). Placement
   * accepts a capacity below the current usage and flags it exceeded (INV-A1/A2: nothing new there,
   * no eviction). One log record with the totals before and after.
   */
  setInventories(h: number, inventories: Readonly<Partial<Record<ResourceClass, Inventory>>>): Result<void> {
    if (h < 0 || h >= this.nfvi.hostCount) return fail(domainError("NOT_FOUND", `host index ${h} does not exist`));
    const classes = RESOURCE_CLASSES.filter((rc) => inventories[rc] !== undefined);
    const totals = (): Record<string, number> => Object.fromEntries(classes.map((rc) => [rc, this.nfvi.inventory(h, RESOURCE_CLASSES.indexOf(rc))?.total ?? 0]));
    const before = totals();
    for (const rc of classes) {
      const r = this.nfvi.setInventory(h, rc, inventories[rc]);
      if (!r.ok) return r;
    }
    if (this.log.wantsContent) this.log.append(this.sim.nowMs, "host", this.nfvi.hostId(h), "set-inventory", before, totals());
    else this.log.skip(this.sim.nowMs, "host", this.nfvi.hostId(h), "set-inventory");
    return ok(undefined);
  }
}
