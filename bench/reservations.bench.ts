/**
 * Reservation admission (issue 6 target): admitting a reservation against 10,000 existing ones on
 * 2,000 hosts takes under 1 ms on average. The 10,000 are leases of 1 to 3 days starting anywhere in
 * the next 30 days (container reservations of 1 to 4 slots, and pools), so each host carries a few
 * overlapping commitments; then 2,000 more are created and timed one by one through the service
 * (admission over the interval index, booking, hold refresh, log record). A brute-force check of the
 * commitment sum over every host would read all 10,000 reservations per admission; the index reads
 * only the commitments of the hosts it tries.
 */
import { createStream } from "../src/kernel/index.js";
import { reservationWorld, RESERVATION_FLAVOURS, type ReservationWorld } from "../src/testing/reservation-world.js";
import { median } from "./format.js";
import type { BenchContext, BenchSection, BenchTable } from "./section.js";

const HOSTS = 2_000;
const EXISTING = 10_000;
const TARGET_MS = 1;
const DAY_MS = 86_400_000;

/** One random lease request (draws from `u`). */
function leaseRequest(u: { next(): number }, i: number) {
  const startMs = 1 + Math.floor(u.next() * 30 * DAY_MS);
  const endMs = startMs + DAY_MS * (1 + Math.floor(u.next() * 3));
  const tenantId = i % 2 === 0 ? "t1" : "t2";
  const zoneId = u.next() < 0.5 ? "az1" : "az2";
  if (u.next() < 0.8) {
    const flavour = RESERVATION_FLAVOURS[Math.floor(u.next() * RESERVATION_FLAVOURS.length)]!;
    return { tenantId, zoneId, startMs, endMs, container: { flavour, count: 1 + Math.floor(u.next() * 4) } };
  }
  return { tenantId, zoneId, startMs, endMs, pool: { numCpuCores: 8 + Math.floor(u.next() * 24), virtualMemSizeMb: 16_384 + Math.floor(u.next() * 32) * 1024, numVcInstances: 4 } };
}

function populated(): ReservationWorld {
  const w = reservationWorld({ hosts: HOSTS, vcpus: 64 });
  const u = createStream(42, "bench/reservations/existing");
  for (let i = 0; i < EXISTING; i++) {
    const r = w.reservations.create(leaseRequest(u, i));
    if (!r.ok) throw new Error(`populating reservation ${i}: ${r.error.message}`);
  }
  return w;
}

/** Times `n` admissions one by one; returns per-admission milliseconds and how many were admitted. */
function timeAdmissions(w: ReservationWorld, n: number): { perMs: number[]; admitted: number } {
  const u = createStream(43, "bench/reservations/timed");
  const perMs: number[] = [];
  let admitted = 0;
  for (let i = 0; i < n; i++) {
    const req = leaseRequest(u, i);
    const started = process.hrtime.bigint();
    const r = w.reservations.create(req);
    perMs.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (r.ok) admitted++;
  }
  return { perMs, admitted };
}

export const reservationsSection: BenchSection = {
  name: "reservations",
  title: "Reservation admission against 10,000 reservations on 2,000 hosts (target < 1 ms on average)",
  async run(context: BenchContext): Promise<BenchTable> {
    const rows: string[][] = [];
    const repetitions = context.quick ? 1 : 3;
    for (let rep = 0; rep < repetitions; rep++) {
      const populateStart = process.hrtime.bigint();
      const w = populated();
      const populateSeconds = Number(process.hrtime.bigint() - populateStart) / 1e9;
      const { perMs, admitted } = timeAdmissions(w, context.quick ? 500 : 2_000);
      const mean = perMs.reduce((a, b) => a + b, 0) / perMs.length;
      const sorted = [...perMs].sort((a, b) => a - b);
      rows.push([String(rep + 1), String(w.reservations.index.count), String(perMs.length), String(admitted), mean.toFixed(3), median(perMs).toFixed(3), sorted[Math.floor(sorted.length * 0.99)]!.toFixed(3), populateSeconds.toFixed(2), mean < TARGET_MS ? "met" : "MISSED"]);
    }
    return {
      columns: ["rep", "commitments", "admissions timed", "admitted", "mean ms", "median ms", "p99 ms", "populate s", `target < ${TARGET_MS} ms`],
      rows,
      notes: ["Each admission goes through ReservationService.create: validation, admission over the interval index, booking, hold refresh and its log record."],
    };
  },
};
