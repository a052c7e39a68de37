/**
 * k-of-n availability and per-host availability (issue 16, item 8), exact: the time spent with exactly
 * j hosts up in each failure domain (the site, each zone, each rack) is accumulated at the hosts'
 * state changes, never sampled. A host is down from the instant a fault fails it (crash or hang) to
 * its repair, the same down time as `capacity.meanShareDown`; a degraded host or one in maintenance is
 * up. Measured over the same interval as the rest of the availability section.
 */
import { InvariantViolation } from "../../domain/index.js";
import type { Topology } from "../../nfvi/index.js";

/** A failure domain whose hosts-up count is tracked: the site ("all"), a zone or a rack ("az1/r01"). */
export interface UpDomain {
  readonly id: string;
  readonly hosts: ReadonlyArray<number>;
}

/** One host's change: [time ms, host index, 1 = failed | 0 = back in service], in time order. */
export type HostChange = readonly [number, number, 0 | 1];

export interface HostsUpTimes {
  readonly spanMs: number;
  /** Per domain (input order): exactlyMs[j] = time with exactly j of its hosts up, j = 0..n. */
  readonly exactlyMs: ReadonlyArray<ReadonlyArray<number>>;
  /** Per host index: time up. */
  readonly hostUpMs: ReadonlyArray<number>;
}

/** What summary.json says of one domain. */
export interface HostsUpSummary {
  readonly hosts: number;
  /** Fewest hosts up for a positive time (hosts when none ever failed). */
  readonly minUp: number;
  /** "k" → share of the time with at least k hosts up, for every k = 0..hosts (atLeast["0"] = 1). */
  readonly atLeast: Readonly<Record<string, number>>;
}

/** Distribution over hosts of each host's up-time share; `mean` = 1 − capacity.meanShareDown. */
export interface HostAvailabilitySummary {
  readonly hosts: number;
  readonly mean: number;
  readonly min: number;
  readonly p1: number;
  readonly p5: number;
  readonly p50: number;
}

const round = (x: number): number => Math.round(x * 1e9) / 1e9;

/** A rack's domain id: its zone, a slash, its id (model racks may already carry the zone). */
export const rackDomainId = (zoneId: string, rackId: string): string => (rackId.startsWith(`${zoneId}/`) ? rackId : `${zoneId}/${rackId}`);

/** The site ("all"), then every zone, then every rack, in topology order. */
export function upDomains(t: Topology): UpDomain[] {
  return [
    { id: "all", hosts: t.hosts.map((h) => h.index) },
    ...t.zones.map((z) => ({ id: z.id as string, hosts: z.hosts })),
    ...t.racks.map((r) => ({ id: rackDomainId(t.zones[r.zoneIndex]!.id, r.id), hosts: r.hosts })),
  ];
}

/** Exact time per hosts-up count of every domain and up time per host over [fromMs, toMs]; all hosts start up. */
export function hostsUpTimes(hostCount: number, domains: ReadonlyArray<UpDomain>, changes: ReadonlyArray<HostChange>, fromMs: number, toMs: number): HostsUpTimes {
  const memberOf: number[][] = Array.from({ length: hostCount }, () => []);
  domains.forEach((d, i) => d.hosts.forEach((h) => memberOf[h]!.push(i)));
  const up = domains.map((d) => d.hosts.length);
  const lastMs = domains.map(() => fromMs);
  const exactlyMs = domains.map((d) => new Array<number>(d.hosts.length + 1).fill(0));
  const downSinceMs = new Array<number>(hostCount).fill(-1);
  const hostDownMs = new Array<number>(hostCount).fill(0);
  const clip = (t: number): number => Math.min(toMs, Math.max(fromMs, t));
  for (const [t, h, failed] of changes) {
    if ((downSinceMs[h]! >= 0) === (failed === 1)) throw new InvariantViolation("hosts-up", `host ${h} ${failed === 1 ? "failed twice" : "came back without failing"} at ${t} ms`);
    const c = clip(t);
    for (const i of memberOf[h]!) {
      exactlyMs[i]![up[i]!]! += c - lastMs[i]!;
      lastMs[i] = c;
      up[i]! += failed === 1 ? -1 : 1;
    }
    if (failed === 1) downSinceMs[h] = c;
    else {
      hostDownMs[h]! += c - downSinceMs[h]!;
      downSinceMs[h] = -1;
    }
  }
  const end = clip(toMs);
  domains.forEach((_d, i) => (exactlyMs[i]![up[i]!]! += end - lastMs[i]!));
  const spanMs = Math.max(0, end - fromMs);
  const hostUpMs = hostDownMs.map((down, h) => spanMs - down - (downSinceMs[h]! >= 0 ? end - downSinceMs[h]! : 0));
  return { spanMs, exactlyMs, hostUpMs };
}

/** The at-least-k shares of one domain from its exactly-j times (integer ms: the sums are exact). */
export function hostsUpSummary(exactlyMs: ReadonlyArray<number>, spanMs: number): HostsUpSummary {
  const n = exactlyMs.length - 1;
  const atLeast: Record<string, number> = {};
  let cumulativeMs = 0;
  for (let k = n; k >= 0; k--) {
    cumulativeMs += exactlyMs[k]!;
    atLeast[String(k)] = spanMs > 0 ? round(cumulativeMs / spanMs) : 1;
  }
  const minUp = exactlyMs.findIndex((ms) => ms > 0);
  return { hosts: n, minUp: minUp < 0 ? n : minUp, atLeast };
}

/** min, nearest-rank p1, p5, p50 and mean of the hosts' up-time shares. */
export function hostAvailabilitySummary(hostUpMs: ReadonlyArray<number>, spanMs: number): HostAvailabilitySummary {
  const shares = hostUpMs.map((ms) => (spanMs > 0 ? ms / spanMs : 1)).sort((a, b) => a - b);
  const n = shares.length;
  if (n === 0) return { hosts: 0, mean: 1, min: 1, p1: 1, p5: 1, p50: 1 };
  const q = (p: number): number => round(shares[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))]!);
  return { hosts: n, mean: round(shares.reduce((a, b) => a + b, 0) / n), min: round(shares[0]!), p1: q(0.01), p5: q(0.05), p50: q(0.5) };
}

/** The summary's `hostsUp` map (keys sorted) and `hostAvailability` over [fromMs, toMs]. */
export function kOfNAvailability(t: Topology, changes: ReadonlyArray<HostChange>, fromMs: number, toMs: number): { hostsUp: Record<string, HostsUpSummary>; hostAvailability: HostAvailabilitySummary } {
  const domains = upDomains(t);
  const times = hostsUpTimes(t.hosts.length, domains, changes, fromMs, toMs);
  const entries = domains.map((d, i) => [d.id, hostsUpSummary(times.exactlyMs[i]!, times.spanMs)] as const);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { hostsUp: Object.fromEntries(entries), hostAvailability: hostAvailabilitySummary(times.hostUpMs, times.spanMs) };
}
