/**
 * Admission of a pool with accelerator sets (pool-sets.ts) against a brute-force reference over small
 * random zones: hosts with random capacity, ordinary usage, commitments over time, free sets and
 * usability; random pool sizes, set counts, windows and next-fit starts. The reference tries every
 * split of the sets over the hosts (each host a contiguous run of set indices, in the next-fit order
 * of usable hosts, each set bringing its cumulative share) with room computed instant by instant, and
 * admission must admit exactly when the reference finds a placement. Every admitted placement holds
 * the pool exactly, `count` sets, each on a host that also holds cores, within room and free sets.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RC_MEMORY_MB, RC_VCPU, RESOURCE_CLASS_COUNT } from "../../domain/index.js";
import { admitReservation, type AdmissionView } from "./admission.js";
import { CommitmentIndex } from "./commitment-index.js";
import { cumulativeShare } from "./pool-sets.js";

const C = RESOURCE_CLASS_COUNT;
const CLASSES = [RC_VCPU, RC_MEMORY_MB] as const;

interface HostCase {
  readonly capacity: readonly [number, number];
  readonly ordinary: readonly [number, number];
  readonly commitments: readonly { fromMs: number; toMs: number; cores: number; ramMb: number }[];
  readonly freeSets: number;
  readonly usable: boolean;
  /** How far below the exact room the cheap bound says (or none). */
  readonly boundSlack: number | null;
}

const hostArb: fc.Arbitrary<HostCase> = fc.record({
  capacity: fc.tuple(fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 48 })),
  ordinary: fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 16 })),
  commitments: fc.array(fc.record({ fromMs: fc.integer({ min: 0, max: 15 }), toMs: fc.integer({ min: 1, max: 20 }), cores: fc.integer({ min: 0, max: 8 }), ramMb: fc.integer({ min: 0, max: 16 }) }), { maxLength: 3 }),
  freeSets: fc.integer({ min: 0, max: 3 }),
  usable: fc.constantFrom(true, true, true, false),
  boundSlack: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
});

const caseArb = fc.record({
  hosts: fc.array(hostArb, { minLength: 1, maxLength: 5 }),
  count: fc.integer({ min: 1, max: 5 }),
  extraCores: fc.integer({ min: 0, max: 30 }),
  ramMb: fc.integer({ min: 0, max: 60 }),
  fromMs: fc.integer({ min: 0, max: 15 }),
  lengthMs: fc.integer({ min: 1, max: 8 }),
  startAt: fc.integer({ min: 0, max: 6 }),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

/** Exact room of host h in class i (0 cores, 1 RAM) over [from, to): the reference's instant-by-instant sum. */
function referenceRoom(host: HostCase, i: 0 | 1, fromMs: number, toMs: number): number {
  let most = 0;
  for (let t = fromMs; t < toMs; t++) {
    let sum = 0;
    for (const k of host.commitments) if (k.fromMs <= t && t < Math.max(k.fromMs + 1, k.toMs)) sum += i === 0 ? k.cores : k.ramMb;
    most = Math.max(most, sum);
  }
  return host.capacity[i] - host.ordinary[i] - most;
}

/** Does any split of the sets over the ordered hosts fit (exhaustive)? */
function referenceAdmits(c: Case, cores: number): boolean {
  const order = c.hosts.map((_, h) => h);
  const k0 = c.startAt % order.length;
  const hosts = [...order.slice(k0), ...order.slice(0, k0)].filter((h) => c.hosts[h]!.usable);
  const toMs = c.fromMs + c.lengthMs;
  const rooms = hosts.map((h) => [referenceRoom(c.hosts[h]!, 0, c.fromMs, toMs), referenceRoom(c.hosts[h]!, 1, c.fromMs, toMs)] as const);
  const fits = (j: number, from: number, to: number): boolean =>
    to - from <= c.hosts[hosts[j]!]!.freeSets &&
    cumulativeShare(cores, c.count, to) - cumulativeShare(cores, c.count, from) <= rooms[j]![0] &&
    cumulativeShare(c.ramMb, c.count, to) - cumulativeShare(c.ramMb, c.count, from) <= rooms[j]![1];
  const search = (j: number, placed: number): boolean => {
    if (placed === c.count) return true;
    if (j === hosts.length) return false;
    for (let s = 0; placed + s <= c.count; s++) if ((s === 0 || fits(j, placed, placed + s)) && search(j + 1, placed + s)) return true;
    return false;
  };
  return search(0, 0);
}

function viewOf(c: Case): AdmissionView {
  const index = new CommitmentIndex(c.hosts.length);
  c.hosts.forEach((host, h) =>
    host.commitments.forEach((k, n) => {
      const amounts = new Float64Array(C);
      amounts[RC_VCPU] = k.cores;
      amounts[RC_MEMORY_MB] = k.ramMb;
      index.add(h, { reservationId: `r${h}-${n}`, fromMs: k.fromMs, toMs: Math.max(k.fromMs + 1, k.toMs), amounts });
    }),
  );
  const cls = (cl: number): 0 | 1 | undefined => (cl === RC_VCPU ? 0 : cl === RC_MEMORY_MB ? 1 : undefined);
  const all = c.hosts.map((_, h) => h);
  return {
    hostCount: c.hosts.length,
    capacity: (h, cl) => (cls(cl) === undefined ? 0 : c.hosts[h]!.capacity[cls(cl)!]),
    inventory: () => undefined,
    isUsable: (h) => c.hosts[h]!.usable,
    hostsOf: () => all,
    index,
    ordinaryUsed: (h, cl) => (cls(cl) === undefined ? 0 : c.hosts[h]!.ordinary[cls(cl)!]),
    roomLowerBound: (h, cl) => {
      const host = c.hosts[h]!;
      const i = cls(cl);
      if (host.boundSlack === null) return Number.NEGATIVE_INFINITY;
      // A true lower bound: the room over every future instant, less some slack.
      return i === undefined ? 0 : referenceRoom(host, i, 0, 40) - host.boundSlack;
    },
  };
}

describe("admission of a pool with accelerator sets (pool-sets.ts) against an exhaustive reference", () => {
  it("admits iff some split of the sets fits; an admitted placement holds the pool, its sets beside cores, within room and free sets", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const cores = c.count + c.extraCores;
        const toMs = c.fromMs + c.lengthMs;
        const view = viewOf(c);
        const setsFree = (h: number, most: number) => Math.min(most, c.hosts[h]!.freeSets);
        const r = admitReservation(view, { zoneId: undefined, fromMs: c.fromMs, toMs, shape: { kind: "pool", numCpuCores: cores, virtualMemSizeMb: c.ramMb, numVcInstances: c.count }, startAt: c.startAt, poolSets: { count: c.count, setsFree } });
        const zoneCores = c.hosts.reduce((a, h) => a + h.capacity[0], 0);
        const zoneRam = c.hosts.reduce((a, h) => a + h.capacity[1], 0);
        // More than the zone's capacity is bad input (INVALID_ARGUMENT), whatever the sets.
        if (cores > zoneCores || c.ramMb > zoneRam) {
          expect(r).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
          return;
        }
        expect(r.ok).toBe(referenceAdmits(c, cores));
        if (!r.ok) {
          expect(r.error.kind).toBe("NO_VALID_HOST");
          const usableSets = c.hosts.reduce((a, h) => a + (h.usable ? h.freeSets : 0), 0);
          expect(r.error.detail).toEqual(usableSets < c.count ? { "insufficient accelerator sets": 1 } : { "insufficient cores or RAM beside free accelerator sets": 1 });
          return;
        }
        const chunks = r.value;
        expect(new Set(chunks.map((p) => p.host)).size).toBe(chunks.length);
        expect(chunks.reduce((a, p) => a + p.amounts[RC_VCPU]!, 0)).toBe(cores);
        expect(chunks.reduce((a, p) => a + p.amounts[RC_MEMORY_MB]!, 0)).toBe(c.ramMb);
        expect(chunks.reduce((a, p) => a + (p.accSets ?? 0), 0)).toBe(c.count);
        for (const p of chunks) {
          const host = c.hosts[p.host]!;
          expect(host.usable).toBe(true);
          expect(p.accSets).toBeGreaterThan(0);
          expect(p.accSets).toBeLessThanOrEqual(host.freeSets);
          expect(p.amounts[RC_VCPU]).toBeGreaterThan(0);
          for (const [i, cl] of CLASSES.entries()) expect(p.amounts[cl]).toBeLessThanOrEqual(referenceRoom(host, i as 0 | 1, c.fromMs, toMs));
        }
      }),
      { numRuns: 400 },
    );
  });

  it("gives every set its cumulative share: shares add up to the pool and differ by at most one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 100_000 }), (count, total) => {
        const shares = Array.from({ length: count }, (_, i) => cumulativeShare(total, count, i + 1) - cumulativeShare(total, count, i));
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});
