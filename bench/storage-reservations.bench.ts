/**
 * Storage reservation admission and the ordinary-volume check: a zone backend carrying 5,000 storage
 * leases of 1 to 3 days starting anywhere in the next 30 days, then 1,000 more leases admitted one by
 * one (admission over the zone's commitment list, booking, log record) and 1,000 ordinary volumes
 * created (each asks the GB held from now on: kept per zone through admissions, swept again only
 * after a lease ends or the clock passes a window end, held-max.ts). Compared with the compute target
 * of the reservations section (< 1 ms).
 */
import { createStream, Simulation } from "../src/kernel/index.js";
import { EventLog } from "../src/metrics/index.js";
import { StorageReservationService, StorageService } from "../src/vim/index.js";
import type { BenchContext, BenchSection, BenchTable } from "./section.js";
import { latencyRow, timedCalls } from "./per-call.js";

const EXISTING = 5_000;
const DAY_MS = 86_400_000;
const TARGET_MS = 1;

function leaseRequest(u: { next(): number }) {
  const startMs = 1 + Math.floor(u.next() * 30 * DAY_MS);
  return { tenantId: "t1", zoneId: "az1", startMs, endMs: startMs + DAY_MS * (1 + Math.floor(u.next() * 3)), storagePool: { storageSizeGb: 1 + Math.floor(u.next() * 500) } };
}

function world() {
  const sim = new Simulation();
  const log = new EventLog({ keepRecords: false });
  const storage = new StorageService(sim, log, [{ zoneId: "az1", capacityGb: 10_000_000 }]);
  const service = new StorageReservationService(sim, storage, log);
  const u = createStream(42, "bench/storage-reservations/existing");
  for (let i = 0; i < EXISTING; i++) if (!service.create(leaseRequest(u)).ok) throw new Error(`populating storage lease ${i}`);
  return { storage, service };
}

export const storageReservationsSection: BenchSection = {
  name: "storage-reservations",
  title: "Storage reservation admission and ordinary volumes against 5,000 storage leases in one zone",
  async run(context: BenchContext): Promise<BenchTable> {
    const rows: string[][] = [];
    const n = context.quick ? 300 : 1_000;
    for (let rep = 0; rep < (context.quick ? 1 : 3); rep++) {
      const { storage, service } = world();
      const u = createStream(43, "bench/storage-reservations/timed");
      const volume = () => storage.create({ tenantId: "t2", zoneId: "az1", sizeOfStorageGb: 10 }).ok;
      const admit: number[] = [];
      const cold: number[] = [];
      let admitted = 0;
      for (let i = 0; i < n; i++) {
        // Each admission changes the index; the kept maximum moves with it, so the volume after it does not sweep.
        const a = timedCalls(1, () => service.create(leaseRequest(u)).ok);
        admit.push(...a.perMs);
        admitted += a.ok;
        cold.push(...timedCalls(1, volume).perMs);
      }
      rows.push(latencyRow(`${rep + 1} admission`, admit, admitted, TARGET_MS));
      rows.push(latencyRow(`${rep + 1} volume after a new lease`, cold, n, TARGET_MS));
      const warm = timedCalls(n, volume);
      rows.push(latencyRow(`${rep + 1} volume, index unchanged`, warm.perMs, warm.ok, TARGET_MS));
    }
    return { columns: ["rep", "timed", "ok", "mean ms", "median ms", "p99 ms", `< ${TARGET_MS} ms`], rows, notes: [
        "admission: StorageReservationService.create; volume: StorageService.create, which asks the GB held from now on.",
        "after a new lease: the held GB moved by the admission itself (held-max.ts, no sweep); index unchanged: the kept value.",
      ] };
  },
};
