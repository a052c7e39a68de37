/**
 * Network reservation admission and the ordinary allocations beside it: a VIM whose external pool
 * carries 5,000 public IP leases and whose VLAN range carries 5,000 segment leases, of 1 to 3 days
 * starting anywhere in the next 30 days, then 1,000 more leases admitted one by one (admission over
 * the pool's commitment list, booking, log record), each followed by an ordinary public IP (it asks
 * what is held from now on: kept through admissions, no sweep), and 1,000 ordinary public IPs with the
 * index unchanged. Compared with the compute target of the reservations section (< 1 ms).
 */
import { createStream, Simulation } from "../src/kernel/index.js";
import { EventLog } from "../src/metrics/index.js";
import { NetworkReservationService, NetworkService } from "../src/vim/index.js";
import type { BenchContext, BenchSection, BenchTable } from "./section.js";
import { latencyRow, timedCalls } from "./per-call.js";

const EXISTING = 5_000;
const DAY_MS = 86_400_000;
const TARGET_MS = 1;
/** A /8 external network: room for the leases and the ordinary addresses. */
const PUBLIC_POOL = { networkId: "public", cidr: "100.0.0.0/8" };

function leaseRequest(u: { next(): number }, kind: "ip" | "segment") {
  const startMs = 1 + Math.floor(u.next() * 30 * DAY_MS);
  const amount = 1 + Math.floor(u.next() * 20);
  return { tenantId: "t1", startMs, endMs: startMs + DAY_MS * (1 + Math.floor(u.next() * 3)), network: kind === "ip" ? { numPublicIps: amount } : { numSegments: amount, segmentType: "vxlan" as const } };
}

function world() {
  const sim = new Simulation();
  const log = new EventLog({ keepRecords: false });
  const network = new NetworkService(sim, log, undefined, PUBLIC_POOL);
  const service = new NetworkReservationService(sim, network, log);
  const u = createStream(42, "bench/network-reservations/existing");
  for (let i = 0; i < EXISTING; i++) {
    if (!service.create(leaseRequest(u, "ip")).ok) throw new Error(`populating public IP lease ${i}`);
    if (!service.create(leaseRequest(u, "segment")).ok) throw new Error(`populating segment lease ${i}`);
  }
  return { network, service };
}

export const networkReservationsSection: BenchSection = {
  name: "network-reservations",
  title: "Network reservation admission and ordinary public IPs against 10,000 network leases (5,000 public IP, 5,000 VXLAN)",
  async run(context: BenchContext): Promise<BenchTable> {
    const rows: string[][] = [];
    const n = context.quick ? 300 : 1_000;
    for (let rep = 0; rep < (context.quick ? 1 : 3); rep++) {
      const { network, service } = world();
      const u = createStream(43, "bench/network-reservations/timed");
      const ordinary = () => network.allocatePublicIp({ tenantId: "t2" }).ok;
      const admit: number[] = [];
      const after: number[] = [];
      let admitted = 0;
      for (let i = 0; i < n; i++) {
        const a = timedCalls(1, () => service.create(leaseRequest(u, i % 2 === 0 ? "ip" : "segment")).ok);
        admit.push(...a.perMs);
        admitted += a.ok;
        after.push(...timedCalls(1, ordinary).perMs);
      }
      rows.push(latencyRow(`${rep + 1} admission`, admit, admitted, TARGET_MS));
      rows.push(latencyRow(`${rep + 1} public IP after a new lease`, after, n, TARGET_MS));
      const warm = timedCalls(n, ordinary);
      rows.push(latencyRow(`${rep + 1} public IP, index unchanged`, warm.perMs, warm.ok, TARGET_MS));
    }
    return {
      columns: ["rep", "timed", "ok", "mean ms", "median ms", "p99 ms", `< ${TARGET_MS} ms`],
      rows,
      notes: [
        "admission: NetworkReservationService.create (public IPs or VXLAN ids, alternately); public IP: NetworkService.allocatePublicIp, which asks what is held from now on.",
        "after a new lease: the held maximum moved by the admission itself (held-max.ts), no sweep of the pool's leases.",
      ],
    };
  },
};
