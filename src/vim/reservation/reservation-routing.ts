/**
 * Reservation routing precedes placement (ifa-digest §6.2): a server bound to a reservation goes to
 * the host its reserved slot or chunk is on, which the reservation service chose, and nowhere else
 * (INV-C3). The compute service asks its HostSelector once per member; while the reservation service
 * allocates bound servers it pins the members' hosts here, and the wrapped selector answers with them
 * (after the same capacity and unit rule as any claim). Outside such a call the wrapper is the policy.
 */
import { ADD_OK, verdictReason, type NfviState } from "../../nfvi/index.js";
import { RESOURCE_CLASS_COUNT, RESOURCE_CLASSES, type ResourceClass } from "../../domain/index.js";
import type { HostSelector, Selection } from "../compute/host-selector.js";
import type { FlavourSpec } from "../compute/flavour.js";

export class ReservationRouting {
  private pins: number[] | undefined;

  constructor(private readonly nfvi: NfviState) {}

  /** The selector the compute service uses: pinned hosts first, else `select`. */
  wrap(select: HostSelector): HostSelector {
    return (sel) => {
      const pins = this.pins;
      if (pins === undefined || pins.length === 0) return select(sel);
      return this.pinned(pins.shift()!, sel.flavour);
    };
  }

  /** Runs `allocate` with the members' hosts pinned, in member order. */
  withPins<T>(hosts: readonly number[], allocate: () => T): T {
    this.pins = [...hosts];
    try {
      return allocate();
    } finally {
      this.pins = undefined;
    }
  }

  private pinned(h: number, flavour: FlavourSpec): Selection {
    const amounts: Readonly<Record<ResourceClass, number>> = flavour.amounts;
    for (let c = 0; c < RESOURCE_CLASS_COUNT; c++) {
      const rc = RESOURCE_CLASSES[c]!;
      const a = amounts[rc] ?? 0;
      if (a === 0) continue;
      const verdict = this.nfvi.checkAdd(h, c, a);
      if (verdict !== ADD_OK) {
        const reason = verdictReason(verdict, rc);
        return { ok: false, message: `reserved host ${this.nfvi.hostId(h)}: ${reason}`, reasons: new Map([[reason, 1]]) };
      }
    }
    // The reservation freed its held handles for this server: a disabled device can still lack them.
    const groups = flavour.deviceProfile?.groups;
    const problem = groups === undefined ? null : (this.nfvi.accelerators?.bindProblem(h, groups) ?? null);
    if (problem !== null) return { ok: false, message: `reserved host ${this.nfvi.hostId(h)}: ${problem}`, reasons: new Map([[problem, 1]]) };
    return { ok: true, host: h };
  }
}
