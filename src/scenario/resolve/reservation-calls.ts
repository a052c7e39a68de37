/**
 * updateReservation and terminateReservation calls resolved against the file's `reservations:`: the
 * reservation they name exists (any kind: compute, storage, network), and an update asks only what
 * that kind has (a compute `pool` of a pool lease, `storage` of a storage lease, `publicIps`, `ports`, `segments`
 * of a network lease, ports only where it already reserves some). Bad input is
 * reported with its position (exit 2); whether the caller may see the lease, and whether the new
 * window fits, are run-time outcomes counted like any refusal.
 */
import type { ReservationEntry } from "../schema/reservations.js";
import type { Scenario } from "../schema/scenario.js";
import { didYouMean } from "../../domain/index.js";

type Path = Array<string | number>;
type Report = (path: Path, message: string) => void;

const kindOf = (e: ReservationEntry): string => (e.storage !== undefined ? "storage" : e.network !== undefined ? "network" : e.pool !== undefined ? "pool" : "containers");

/** Checks every reservation call of the file. */
export function checkReservationCalls(scenario: Scenario, report: Report): void {
  const entries = new Map((scenario.reservations ?? []).map((e) => [e.id, e] as const));
  const ids = [...entries.keys()].sort();
  (scenario.operations?.calls ?? []).forEach((c, i) => {
    if (c.call !== "updateReservation" && c.call !== "terminateReservation") return;
    const base: Path = ["operations", "calls", i];
    const e = entries.get(c.reservation);
    if (e === undefined) return report([...base, "reservation"], `unknown reservation "${c.reservation}"; ${didYouMean(c.reservation, ids)}reservations: ${ids.join(", ") || "(none)"}`);
    if (c.call !== "updateReservation") return;
    const kind = kindOf(e);
    if (c.pool !== undefined && kind !== "pool") report([...base, "pool"], `reservation "${c.reservation}" is a ${kind} reservation: it has no pool to change`);
    if (c.storage !== undefined && kind !== "storage") report([...base, "storage"], `reservation "${c.reservation}" is a ${kind} reservation: it has no storage to change`);
    for (const field of ["publicIps", "ports", "segments"] as const) {
      if (c[field] !== undefined && kind !== "network") report([...base, field], `reservation "${c.reservation}" is a ${kind} reservation: it has no ${field} to change`);
    }
    if (c.ports !== undefined && kind === "network" && e.network?.ports === undefined) report([...base, "ports"], `reservation "${c.reservation}" reserves no ports: it names no network to add them on`);
  });
}
