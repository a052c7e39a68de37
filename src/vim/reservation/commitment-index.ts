/**
 * The commitment interval index: for every host, the reservation amounts it is promised for, as
 * half-open windows [fromMs, toMs) with a per-class amount vector. Admission asks "what is the most
 * committed on host h at any instant of [from, to)?" per resource class (INV-C1); the holds ask the
 * same from now on.
 *
 * Why per host, sorted by start: an admission touches the hosts it tries, not every reservation.
 * Entries of a host are kept sorted by `fromMs`, with the longest window seen on the host as a bound,
 * so a window query binary-searches its first candidate (from − longest) and reads only the entries
 * that can overlap it: O(log n + k) for the k entries near the window, never a scan of all
 * reservations. The maximum of a sum of windows is reached at a window start, so one sweep over the
 * k candidates' end points (ends before starts at equal times: the windows are half-open, so
 * back-to-back leases do not overlap, INV-C7) gives the per-class maxima.
 */
export interface Commitment {
  readonly reservationId: string;
  readonly fromMs: number;
  /** Exclusive; Infinity for an unbounded window (IFA endTime absent). */
  readonly toMs: number;
  readonly amounts: Float64Array;
}

interface HostEntries {
  readonly list: Commitment[];
  longestMs: number;
}

export class CommitmentIndex {
  private readonly hosts: HostEntries[];
  private size = 0;

  constructor(hostCount: number) {
    this.hosts = Array.from({ length: hostCount }, () => ({ list: [], longestMs: 0 }));
  }

  /** Adds an empty host at the end (pools that appear during a run, e.g. a network's addresses); its number. */
  addHost(): number {
    this.hosts.push({ list: [], longestMs: 0 });
    return this.hosts.length - 1;
  }

  /** Number of commitments held (over all hosts). */
  get count(): number {
    return this.size;
  }

  /** Adds a commitment of host h (amounts copied). */
  add(h: number, c: Commitment): void {
    const e = this.hosts[h]!;
    const at = firstFromAtLeast(e.list, c.fromMs);
    e.list.splice(at, 0, { ...c, amounts: Float64Array.from(c.amounts) });
    e.longestMs = Math.max(e.longestMs, c.toMs - c.fromMs);
    this.size++;
  }

  /** Removes every commitment of `reservationId` on host h; returns how many. */
  remove(h: number, reservationId: string): number {
    const e = this.hosts[h]!;
    const before = e.list.length;
    for (let i = e.list.length - 1; i >= 0; i--) if (e.list[i]!.reservationId === reservationId) e.list.splice(i, 1);
    this.size -= before - e.list.length;
    return before - e.list.length;
  }

  /** The commitments of host h that overlap [fromMs, toMs), in start order. */
  overlapping(h: number, fromMs: number, toMs: number): Commitment[] {
    const e = this.hosts[h]!;
    const out: Commitment[] = [];
    const list = e.list;
    for (let i = firstFromAtLeast(list, fromMs - e.longestMs); i < list.length && list[i]!.fromMs < toMs; i++) {
      const c = list[i]!;
      if (c.toMs > fromMs && c.toMs > c.fromMs) out.push(c);
    }
    return out;
  }

  /** Writes into `out` the per-class maximum, over instants of [fromMs, toMs), of host h's committed sum. */
  maxOver(h: number, fromMs: number, toMs: number, out: Float64Array): Float64Array {
    return maxOfSum(this.overlapping(h, fromMs, toMs), fromMs, out);
  }

  /** The committed sum of host h at instant `atMs`, into `out`. */
  at(h: number, atMs: number, out: Float64Array): Float64Array {
    out.fill(0);
    for (const c of this.overlapping(h, atMs, atMs + 1)) for (let k = 0; k < out.length; k++) out[k]! += c.amounts[k]!;
    return out;
  }
}

/** Index of the first entry with fromMs ≥ t (binary search). */
function firstFromAtLeast(list: readonly Commitment[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.fromMs < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Per-class maxima of the sum of `cs` over time from `fromMs` on (cs all overlap the window). */
export function maxOfSum(cs: readonly Commitment[], fromMs: number, out: Float64Array): Float64Array {
  out.fill(0);
  if (cs.length === 0) return out;
  // Points: +amounts at max(from, window start), −amounts at to; ends sort before starts at equal times.
  const points: { t: number; sign: number; amounts: Float64Array }[] = [];
  for (const c of cs) {
    points.push({ t: Math.max(c.fromMs, fromMs), sign: 1, amounts: c.amounts });
    if (Number.isFinite(c.toMs)) points.push({ t: c.toMs, sign: -1, amounts: c.amounts });
  }
  points.sort((a, b) => a.t - b.t || a.sign - b.sign);
  // Vectors as wide as `out`: per resource class for hosts, or any other width (storage: GB, volumes).
  const width = out.length;
  const sum = new Float64Array(width);
  for (const p of points) {
    for (let k = 0; k < width; k++) {
      sum[k]! += p.sign * p.amounts[k]!;
      if (p.sign > 0 && sum[k]! > out[k]!) out[k] = sum[k]!;
    }
  }
  return out;
}
