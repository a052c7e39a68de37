/**
 * Admission of reservations that hold accelerator handles (INV-F7): on 1,000 accelerated hosts
 * (accWorld: every host a 4-handle GPU, even hosts two FPGAs, odd hosts a SmartNIC), 3,000 leases of
 * 1 to 2 slots are created one by one, a third of a GPU flavour (gpu2: 2 GPU handles a slot), a third
 * of a GPU + SmartNIC flavour (mixed) and a third CPU-only, with windows anywhere in the next 30
 * days. Device-profile admissions add a per-host count of free matching handles and the binding of
 * the held handles; the CPU-only ones are the baseline on the same world. The GPU handles run out
 * during the run (held for each lease's life), so the later device-profile admissions search farther.
 * A second world takes pool leases (8 to 40 cores, 1 to 4 gpu2 sets: cores and sets placed together,
 * so a pool's sets may spread beyond the hosts its cores alone would pack onto).
 */
import { createStream } from "../src/kernel/index.js";
import { accWorld } from "../src/testing/acc-world.js";
import { median } from "./format.js";
import type { BenchContext, BenchSection, BenchTable } from "./section.js";

const HOSTS = 1_000;
const DAY_MS = 86_400_000;
const KINDS = ["gpu2", "mixed", "none"] as const;

function stats(perMs: number[]): string[] {
  const sorted = [...perMs].sort((a, b) => a - b);
  const mean = perMs.reduce((a, b) => a + b, 0) / Math.max(1, perMs.length);
  return [mean.toFixed(3), median(perMs).toFixed(3), (sorted[Math.floor(sorted.length * 0.99)] ?? 0).toFixed(3)];
}

/** Pool leases with gpu2 sets on a fresh world: admission of cores, RAM and sets together. */
function poolRow(rep: number, n: number): string[] {
  const w = accWorld(HOSTS, { reservations: true, keepRecords: false });
  const u = createStream(45, "bench/acc-pool-reservations");
  const perMs: number[] = [];
  let admitted = 0;
  for (let i = 0; i < n; i++) {
    const startMs = 1 + Math.floor(u.next() * 30 * DAY_MS);
    const count = 1 + Math.floor(u.next() * 4);
    const cores = 8 * (1 + Math.floor(u.next() * 5));
    const pool = { numCpuCores: cores, virtualMemSizeMb: cores * 2048, numVcInstances: 4, acceleration: { deviceProfile: w.flavours["gpu2"]!.deviceProfile!, count } };
    const started = process.hrtime.bigint();
    const r = w.reservations!.create({ tenantId: "t1", startMs, endMs: startMs + DAY_MS, pool });
    perMs.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (r.ok) admitted++;
  }
  return [String(rep + 1), "gpu2 pool (1-4 sets)", String(n), String(admitted), ...stats(perMs)];
}

export const accReservationsSection: BenchSection = {
  name: "accresv",
  title: "Admission of leases holding accelerator handles on 1,000 accelerated hosts (device-profile vs CPU-only leases)",
  async run(context: BenchContext): Promise<BenchTable> {
    const rows: string[][] = [];
    const n = context.quick ? 900 : 3_000;
    for (let rep = 0; rep < (context.quick ? 1 : 3); rep++) {
      const w = accWorld(HOSTS, { reservations: true, keepRecords: false });
      const u = createStream(44, "bench/acc-reservations");
      const perMs = new Map<string, number[]>(KINDS.map((k) => [k, []]));
      const admitted = new Map<string, number>(KINDS.map((k) => [k, 0]));
      for (let i = 0; i < n; i++) {
        const kind = KINDS[i % KINDS.length]!;
        const startMs = 1 + Math.floor(u.next() * 30 * DAY_MS);
        const req = { tenantId: "t1", startMs, endMs: startMs + DAY_MS, container: { flavour: w.flavours[kind]!, count: 1 + Math.floor(u.next() * 2) } };
        const started = process.hrtime.bigint();
        const r = w.reservations!.create(req);
        perMs.get(kind)!.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (r.ok) admitted.set(kind, admitted.get(kind)! + 1);
      }
      for (const kind of KINDS) rows.push([String(rep + 1), kind, String(perMs.get(kind)!.length), String(admitted.get(kind)), ...stats(perMs.get(kind)!)]);
      rows.push([String(rep + 1), "handles held at the end", String(w.reservations!.accHolds.heldCount), "-", "-", "-", "-"]);
      rows.push(poolRow(rep, context.quick ? 300 : 1_000));
    }
    return {
      columns: ["rep", "lease flavour", "admissions timed", "admitted", "mean ms", "median ms", "p99 ms"],
      rows,
      notes: ["Wall-clock times on a shared machine; compare the rows of one rep."],
    };
  },
};
