/**
 * Network reservations in a scenario run (the runner's one hook for them): builds the run's network
 * service with the NetworkReservationService over it, requests the static leases at their times (HIGH
 * priority: before the calls of the same millisecond, so a lease's network must exist before its
 * `at`), and builds the summary's `networkReservations` section. A scenario without network entries
 * gets none of it.
 */
import { InvariantViolation } from "../../domain/index.js";
import { HIGH, type Simulation } from "../../kernel/index.js";
import type { EventLog } from "../../metrics/index.js";
import { NetworkReservationService, type NetworkReservationRequest, type NetworkService, type ReservationCounts } from "../../vim/index.js";
import type { NetworkReservationSpec } from "../resolve/network-reservations.js";
import type { RunSpec } from "../resolve/run-spec.js";
import { leaseOutcome, leaseRequest } from "./lease-run.js";
import { networkService } from "./network-pools-run.js";

/** summary.json `networkReservations` (present only when the scenario has network reservations). */
export interface NetworkReservationSummary {
  /** The compute reservations' counts, with the resources bound per kind in place of servers. */
  readonly counts: Omit<ReservationCounts, "serversBound" | "holdShortfalls"> & { readonly publicIpsBound: number; readonly portsBound: number; readonly segmentsBound: number };
  /** Each static network reservation at the end of the run, in file order. */
  readonly leases: ReadonlyArray<{
    readonly id: string;
    readonly tenant: string;
    readonly publicIps: number;
    readonly ports: number;
    readonly network: string | null;
    readonly segments: number;
    readonly segmentType: string;
    readonly status: string;
    readonly lease: string;
    readonly used: boolean;
    /** Resources still drawing from it at the end of the run. */
    readonly boundAtEnd: number;
  }>;
}

export class NetworkReservationRun {
  private constructor(
    private readonly specs: readonly NetworkReservationSpec[],
    readonly network: NetworkService,
    readonly service: NetworkReservationService,
  ) {}

  /** The hook of a run with its leases scheduled, or undefined when its scenario has no network reservations. */
  static of(spec: RunSpec, sim: Simulation, log: EventLog): NetworkReservationRun | undefined {
    const specs = spec.networkReservations;
    if (specs === undefined) return undefined;
    const network = networkService(spec.model, sim, log);
    const service = new NetworkReservationService(sim, network, log);
    for (const r of specs) sim.scheduleAt(r.atMs, () => service.create(request(r, network)), undefined, HIGH);
    return new NetworkReservationRun(specs, network, service);
  }

  /** The section at the end of the run; a broken INV-C2/C3 stops the run (InvariantViolation). */
  summary(): NetworkReservationSummary {
    const problem = this.service.problem();
    if (problem !== null) throw new InvariantViolation("INV-C3", `network reservations: ${problem}`);
    const { serversBound: _s, holdShortfalls: _h, ...c } = this.service.stats.counts();
    const b = this.service.boundCounts();
    const counts = { ...c, publicIpsBound: b.publicIps, portsBound: b.ports, segmentsBound: b.segments };
    const leases = this.specs.map((spec) => {
      const r = this.service.get(spec.id);
      return {
        id: spec.id,
        tenant: spec.tenant,
        // The amounts as the lease holds them (an update may have changed them), else as the file asked.
        publicIps: (r === undefined ? spec.publicIps : r.network.numPublicIps) ?? 0,
        ports: (r === undefined ? spec.ports : r.network.numPorts) ?? 0,
        network: spec.network ?? null,
        segments: (r === undefined ? spec.segments : r.network.numSegments) ?? 0,
        segmentType: spec.segmentType,
        ...leaseOutcome(r),
        boundAtEnd: r?.bound.size ?? 0,
      };
    });
    return { counts, leases };
  }
}

/** The request of a lease at its time: its network named by the newest live network of that name the tenant owns. */
function request(r: NetworkReservationSpec, network: NetworkService): NetworkReservationRequest {
  const networkId = r.network === undefined ? undefined : (network.queryNetworks({ tenantId: r.tenant, name: r.network }).at(-1)?.networkResourceId ?? `${r.network} (no such network yet)`);
  return {
    ...leaseRequest(r),
    network: {
      ...(r.publicIps === undefined ? {} : { numPublicIps: r.publicIps }),
      ...(r.ports === undefined ? {} : { numPorts: r.ports, networkId: networkId! }),
      ...(r.segments === undefined ? {} : { numSegments: r.segments, segmentType: r.segmentType }),
    },
  };
}
