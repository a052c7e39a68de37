/**
 * The runner's invariant mode (`run --check-invariants`, issue 15 item 13): every checker of the
 * world's state (vim's registry, checkVimInvariants) runs after every N events and at the end. The
 * checks run between chunks of `Simulation.run({ maxEvents })`, outside the event queue: they
 * schedule nothing (no sequence numbers), draw nothing and change nothing, so a checked run writes
 * the same bytes as an unchecked one. A broken invariant becomes a RunInvariantViolation naming the
 * invariant, the scenario, the seed and the event number, with the event log up to that event
 * (a replay of the same run with the log kept) for the CLI to write.
 */
import { InvariantViolation } from "../../domain/index.js";
import type { NfviState } from "../../nfvi/index.js";
import { checkVimInvariants, type ComputeService, type NetworkService } from "../../vim/index.js";
import type { FaultDriver } from "../generators/fault-driver.js";
import type { QuotaGate } from "../generators/quota-gate.js";
import type { AcceleratorRun } from "./acc-run.js";
import type { NetworkReservationRun } from "./network-reservation-run.js";
import type { ReservationRun } from "./reservation-run.js";

/** The plain data of a violation: it crosses worker threads by structured clone. */
export interface RunInvariantViolationData {
  readonly invariant: string;
  /** What broke, without the invariant id. */
  readonly detail: string;
  readonly scenario: string;
  readonly seed: number;
  /** Events fired when the violation was found (the event that broke it, or the last before the check). */
  readonly eventNumber: number;
  /** The event log up to that event as events.jsonl bytes (`--trace`'s format); invariant mode only, as it costs a second run. */
  readonly eventsJsonl?: string;
}

/** A broken invariant of one run, with what is needed to replay it. */
export class RunInvariantViolation extends InvariantViolation {
  constructor(readonly data: RunInvariantViolationData) {
    super(data.invariant, `${data.detail} (scenario ${data.scenario}, seed ${data.seed}, event ${data.eventNumber})`);
  }
}

/** The message's text after its leading "<id>: " (InvariantViolation puts the id first). */
export const violationDetail = (e: InvariantViolation): string => (e.message.startsWith(`${e.invariant}: `) ? e.message.slice(e.invariant.length + 2) : e.message);

/** The parts of a run's world that hold state (absent parts: the scenario has none). */
export interface WorldParts {
  readonly nfvi: NfviState;
  readonly compute: ComputeService;
  readonly network: NetworkService;
  readonly quotaGate: QuotaGate;
  readonly accelerators: AcceleratorRun | undefined;
  readonly reservationRun: ReservationRun | undefined;
  readonly networkReservationRun: NetworkReservationRun | undefined;
  readonly faults: FaultDriver | undefined;
  /** The run's CCM (scenarios with `clusters:`): INV-L1..L4 over its clusters. */
  readonly clusters?: { checkInvariants(): string[] } | undefined;
}

/** Runs every checker over the world; throws InvariantViolation on the first break. */
export function checkWorld(w: WorldParts): void {
  checkVimInvariants({
    nfvi: w.nfvi,
    compute: w.compute,
    network: w.network,
    ...optional("quotas", w.quotaGate.invariantSources()),
    ...optional("accelerators", w.accelerators?.acc),
    ...optional("reservations", w.reservationRun?.reservationService),
    ...optional("networkReservations", w.networkReservationRun?.service),
    ...optional("hostFaults", w.faults?.manager.health),
  });
  const broken = w.clusters?.checkInvariants()[0];
  if (broken !== undefined) throw new InvariantViolation(broken.slice(0, broken.indexOf(":")), broken.slice(broken.indexOf(":") + 2));
}

/** `{ [key]: value }`, or nothing when value is undefined (optional properties under exactOptionalPropertyTypes). */
const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } => (value === undefined ? {} : ({ [key]: value } as { [P in K]?: V }));

/** A valid interval: a positive integer number of events, else a sentence saying why not. */
export function checkEveryProblem(every: number): string | undefined {
  return Number.isSafeInteger(every) && every >= 1 ? undefined : `--check-invariants takes a positive whole number of events, got ${every}`;
}
