/**
 * Resolves the storage entries of `reservations:` (IFA CreateStorageResourceReservation at a time of
 * the run) and the `reservation:` of createVolume calls. Bad static input is reported with its
 * position (exit 2): the window checks of compute leases, a zone without a backend, more GB than the
 * zone's backend, a compute or network field (pool, containers, network) on a storage entry, and a
 * call naming an unknown reservation or a compute one. `beforeEnd` asks for the warning (INV-C8).
 */
import type { ReservationEntry } from "../schema/reservations.js";
import type { Scenario } from "../schema/scenario.js";
import { ms } from "./distribution.js";
import type { ResolvedModel } from "./resolved-model.js";
import { leaseSpecBase, type LeaseSpecBase } from "./reservations.js";
import { didYouMean } from "../../domain/index.js";

type Path = Array<string | number>;
type Report = (path: Path, message: string) => void;

/** Each zone's volume backend in a scenario run, GB (the model has no storage section yet). */
export const ZONE_STORAGE_GB = 100_000;

/** A static storage reservation of a run, times in ms from the start of the run. */
export interface StorageReservationSpec extends LeaseSpecBase {
  readonly zone: string;
  /** Lead of the before-end warning (absent: none); present only when the entry gives one, so older runs' specs are unchanged. */
  readonly beforeEndLeadMs?: number;
  readonly gigabytes: number;
  readonly volumes: number | undefined;
}

function resolveStorageEntry(e: ReservationEntry & { storage: NonNullable<ReservationEntry["storage"]> }, i: number, model: ResolvedModel, report: Report): StorageReservationSpec {
  const base: Path = ["reservations", i];
  for (const field of ["pool", "containers", "network"] as const) if (e[field] !== undefined) report([...base, field], `a storage reservation has no ${field} (it reserves storage)`);
  if (e.storage.gigabytes > ZONE_STORAGE_GB) report([...base, "storage", "gigabytes"], `the reservation asks ${e.storage.gigabytes} GB, more than the ${ZONE_STORAGE_GB} GB of a zone's volume backend`);
  const spec: StorageReservationSpec = {
    ...leaseSpecBase(e),
    // The zone of the file's first zone by default, as createVolume calls.
    zone: e.zone ?? model.zones[0]!.id,
    ...(e.beforeEnd === undefined ? {} : { beforeEndLeadMs: ms(e.beforeEnd) }),
    gigabytes: e.storage.gigabytes,
    volumes: e.storage.volumes,
  };
  return spec;
}

/** The storage entries of `reservations:`, in file order (tenant, zone, window and ids are checked with the compute ones). */
export function resolveStorageReservations(scenario: Scenario, model: ResolvedModel, report: Report): StorageReservationSpec[] {
  const out: StorageReservationSpec[] = [];
  (scenario.reservations ?? []).forEach((e, i) => {
    if (e.storage !== undefined) out.push(resolveStorageEntry({ ...e, storage: e.storage }, i, model, report));
  });
  checkVolumeCalls(scenario, out, report);
  return out;
}

/** createVolume's `reservation:` names a storage reservation of the file. */
function checkVolumeCalls(scenario: Scenario, storage: readonly StorageReservationSpec[], report: Report): void {
  const ids = storage.map((s) => s.id).sort();
  (scenario.operations?.calls ?? []).forEach((c, i) => {
    if (c.call !== "createVolume" || c.reservation === undefined || ids.includes(c.reservation)) return;
    report(["operations", "calls", i, "reservation"], `unknown storage reservation "${c.reservation}"; ${didYouMean(c.reservation, ids)}storage reservations: ${ids.join(", ") || "(none)"}`);
  });
}
