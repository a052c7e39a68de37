/**
 * The registry of invariant checkers (ifa-digest §5): one call runs every checker of the NFVI and of
 * each VIM service a run has, for the runner's invariant mode (`run --check-invariants`) and for
 * tests. Each checker is a pure read of the state (none changes anything: a checked run writes the
 * same bytes as an unchecked one); the first broken rule throws InvariantViolation naming it.
 * A checker for new state (CCM clusters, ...) joins here.
 */
import { InvariantViolation } from "../domain/index.js";
import { checkNfviInvariants, type NfviState } from "../nfvi/index.js";
import type { AccelerationService } from "./acceleration/acc-resource-service.js";
import { checkAccelerationInvariants } from "./acceleration/acc-invariants.js";
import { checkComputeInvariants } from "./compute/compute-invariants.js";
import type { ComputeService } from "./compute/compute-service.js";
import type { ServerRecord } from "./compute/server.js";
import { checkFaultInvariants } from "./fault/fault-invariants.js";
import type { HostFaults } from "./fault/host-faults.js";
import type { NetworkService } from "./network/network-service.js";
import { checkQuotaInvariants } from "./quota/quota-invariants.js";
import type { QuotaSet } from "./quota/quota-set.js";
import type { TenantUsageBook } from "./quota/tenant-usage-book.js";
import type { NetworkReservationService } from "./reservation/network-reservation-service.js";
import type { ReservationService } from "./reservation/reservation-service.js";

/** The state a run has; absent parts are not checked. */
export interface InvariantScope {
  readonly nfvi: NfviState;
  readonly compute: ComputeService;
  /** Compute quota usage, and the limits when no forced lowering can have put them below usage (INV-B4). */
  readonly quotas?: { readonly book: TenantUsageBook; readonly limitsOf?: (tenant: string) => QuotaSet | undefined };
  readonly accelerators?: AccelerationService;
  readonly reservations?: ReservationService;
  readonly networkReservations?: NetworkReservationService;
  readonly network?: NetworkService;
  readonly hostFaults?: HostFaults;
}

/** Every checker, NFVI first; throws InvariantViolation (the invariant's id and what broke) on the first break. */
export function checkVimInvariants(scope: InvariantScope): void {
  const { nfvi, compute } = scope;
  checkNfviInvariants(nfvi);
  const live: ServerRecord[] = [];
  for (let i = 0; i < compute.liveServerCount; i++) live.push(compute.liveServerAt(i)!);
  checkComputeInvariants(nfvi, live);
  if (scope.quotas !== undefined) checkQuotaInvariants(scope.quotas.book, live, scope.quotas.limitsOf);
  if (scope.accelerators !== undefined) {
    throwProblem(checkAccelerationInvariants(scope.accelerators, new Map(live.map((s) => [s.id, s]))), "INV-F1");
  }
  scope.reservations?.checkInvariants();
  if (scope.networkReservations !== undefined) throwProblem(scope.networkReservations.problem(), "INV-C3");
  scope.network?.checkInvariants();
  if (scope.hostFaults !== undefined) checkFaultInvariants(scope.hostFaults, nfvi, live);
}

/** A checker's "INV-X: what broke" (or bare text, named `fallbackId`) as a throw; null passes. */
function throwProblem(problem: string | null, fallbackId: string): void {
  if (problem === null) return;
  const named = /^(INV-[A-Z0-9]+): (.*)$/s.exec(problem);
  throw named === null ? new InvariantViolation(fallbackId, problem) : new InvariantViolation(named[1]!, named[2]!);
}
