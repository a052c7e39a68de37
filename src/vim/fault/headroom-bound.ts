/**
 * A proof that a domain's evacuation would place every server, without running it (the N+1
 * headroom's fast path; bench/headroom.bench.ts). When it holds, the dry run (headroom-dry-run.ts)
 * would report exactly "survivable, 0 unplaced", so the check skips it; when it does not, the dry
 * run decides. It never decides "not survivable".
 *
 * The argument (a counting bound, whatever host the weighers pick). Candidates: the usable hosts
 * outside the domain that pass every filter of the policy for the servers' common zone and the union
 * of their required metadata (a request of no amounts), and the unit rules of each of their flavours.
 * Pick a base vector β; a server s counts k(s) = max over classes of ⌈s_c / β_c⌉ units (s ≤ k(s)·β),
 * a host u(h) = min over classes of ⌊free_c / β_c⌋ units. s fits on a candidate with u ≥ k(s), and
 * placing it lowers that host's u by at most k(s). Let U = Σ u and S = Σ k over the domain's
 * servers, K the largest k. If server s found no host, every candidate not closed to it by its
 * anti-affinity group would have fewer than k(s) ≤ K units left, and the at most e closed ones (e =
 * ⌊members / maxPerHost⌋) at most u(h); so the units left, at least U − S + 1, would be at most
 * T + e·X with T = Σ min(u, K − 1) and X = max(0, max u − K + 1). Hence U − S + 1 > T + e·X proves
 * every server placed. Two bases are tried: the class-wise maximum of the flavours (k = 1 for all: a
 * count of whole slots) and their class-wise minimum (exact for a family of multiples, as B1.small
 * to B1.2xlarge). Only the filters listed in BOUND_FILTERS are known to behave so (pure, the
 * capacity rule monotone in the amounts); a policy with any other filter, a server with
 * accelerators, in a hard-affinity group, or servers bound to two zones, take the dry run.
 */
import { asId, RESOURCE_CLASS_COUNT, type ZoneId } from "../../domain/index.js";
import { ADD_EXCEEDED, ADD_INSUFFICIENT, ADD_OK, type NfviState } from "../../nfvi/index.js";
import { FILTERS, makeRequest, type Filter, type PlacementRequest, type Policy } from "../../placement/index.js";
import { compareIds } from "../common/change-log.js";
import type { FlavourSpec } from "../compute/flavour.js";
import type { ServerGroup } from "../compute/server-group.js";
import type { ServersByHost } from "./servers-by-host.js";

const C = RESOURCE_CLASS_COUNT;
/** Filters whose verdict for s ≤ M follows from M's (file comment); any other filter disables the bound. */
const BOUND_FILTERS: ReadonlySet<Filter | undefined> = new Set(
  ["host-list", "host-state", "availability-zone", "aggregate-metadata", "capacity", "anti-affinity", "affinity", "accelerator"].map((n) => FILTERS.get(n)),
);
/** The units of a host when the base asks for nothing: as good as unbounded. */
const UNBOUNDED_FIT = 2 ** 30;

/** What a domain's servers ask: flavour counts, their common zone, the largest anti-affinity exclusion. */
export interface RawNeed {
  readonly counts: ReadonlyMap<FlavourSpec, number>;
  readonly zone: string | undefined;
  readonly excluded: number;
}

/** The raw need of a domain made of parts (a zone of its racks): null if a part's is, or if their zones differ. */
export function mergeNeeds(parts: ReadonlyArray<RawNeed | null>): RawNeed | null {
  const counts = new Map<FlavourSpec, number>();
  let zone: string | undefined;
  let excluded = 0;
  for (const p of parts) {
    if (p === null) return null;
    if (p.zone !== undefined && zone !== undefined && p.zone !== zone) return null;
    zone ??= p.zone;
    excluded = Math.max(excluded, p.excluded);
    for (const [f, n] of p.counts) counts.set(f, (counts.get(f) ?? 0) + n);
  }
  return { counts, zone, excluded };
}

/** What a domain's servers ask of the candidates: zone, metadata, flavours (with counts), the largest anti-affinity exclusion. */
interface DomainNeed {
  readonly key: string;
  readonly zone: string | undefined;
  readonly metadata: ReadonlyMap<string, string>;
  readonly flavours: ReadonlyMap<FlavourSpec, number>;
  readonly excluded: number;
}

/** One base β over the candidates: units per host (0 off the candidates), their sums and maximum. */
interface BaseUnits {
  /** Units of each flavour of the need, in the need's flavour order. */
  readonly sizes: readonly number[];
  /** K − 1: a host with fewer units left than K may refuse the largest server. */
  readonly below: number;
  readonly units: Float64Array;
  readonly capped: Float64Array;
  readonly total: number;
  readonly totalCapped: number;
  readonly maxUnits: number;
}

export class HeadroomBound {
  private readonly usable: boolean;
  /** Candidates by need key: one host scan per distinct need in a check. */
  private readonly memo = new Map<string, BaseUnits[]>();
  private readonly exclusions = new Map<string, number>();

  constructor(
    private readonly nfvi: NfviState,
    private readonly policy: Policy,
    private readonly groupOf: (id: string) => ServerGroup | undefined,
    private readonly vectorOf: (f: FlavourSpec) => Float64Array,
  ) {
    this.usable = policy.filters.every((f) => BOUND_FILTERS.has(f));
  }

  /** True when every server on `hosts` provably finds a host with those hosts down. */
  proves(hosts: readonly number[], byHost: ServersByHost): boolean {
    return this.provesRaw(this.rawNeedOf(hosts, byHost), hosts);
  }

  /** True when every server of a domain whose raw need is `raw` provably finds a host with its `hosts` down. */
  provesRaw(raw: RawNeed | null, hosts: readonly number[]): boolean {
    const need = raw === null ? undefined : this.keyed(raw);
    if (need === undefined) return false;
    let bases = this.memo.get(need.key);
    // Stryker disable next-line ConditionalExpression: a memo; the bases of a need are recomputed alike
    if (bases === undefined) this.memo.set(need.key, (bases = this.basesOf(need)));
    return bases.some((b) => this.provedWith(b, need, hosts));
  }

  /** U − S + 1 > T + e·X over the candidates outside `hosts` (file comment). */
  private provedWith(b: BaseUnits, need: DomainNeed, hosts: readonly number[]): boolean {
    let total = b.total;
    let capped = b.totalCapped;
    for (const h of hosts) {
      total -= b.units[h]!;
      capped -= b.capped[h]!;
    }
    let size = 0;
    let i = 0;
    for (const n of need.flavours.values()) size += n * b.sizes[i++]!;
    return total - size + 1 > capped + need.excluded * Math.max(0, b.maxUnits - b.below);
  }

  /** What the servers on `hosts` ask; null when the bound cannot speak for one of them (or for this policy). */
  rawNeedOf(hosts: readonly number[], byHost: ServersByHost): RawNeed | null {
    if (!this.usable) return null;
    const counts = new Map<FlavourSpec, number>();
    let zone: string | undefined;
    let excluded = 0;
    let last: FlavourSpec | undefined;
    let run = 0;
    for (const h of hosts) {
      for (let i = byHost.start[h]!; i < byHost.start[h + 1]!; i++) {
        const s = byHost.servers[i]!;
        if (s.zoneConstraint !== undefined) {
          if (zone !== undefined && zone !== s.zoneConstraint) return null;
          zone = s.zoneConstraint;
        }
        // Stryker disable next-line ConditionalExpression: exclusionOf(undefined) finds no group: 0, as a group-less server
        if (s.groupId !== undefined) {
          const e = this.exclusionOf(s.groupId);
          if (e < 0) return null;
          excluded = Math.max(excluded, e);
        }
        // Servers come host by host, many of one flavour in a row: count runs, not servers, in the map.
        // Stryker disable next-line ConditionalExpression,BlockStatement: runs only save map updates; counting each server as its own run gives the same counts
        if (s.flavourSpec === last) {
          run++;
          continue;
        }
        if (last !== undefined) counts.set(last, (counts.get(last) ?? 0) + run);
        last = s.flavourSpec;
        run = 1;
      }
    }
    if (last !== undefined) counts.set(last, (counts.get(last) ?? 0) + run);
    return { counts, zone, excluded };
  }

  /** The need keyed for the memo, with its metadata; undefined when the bound cannot speak for a flavour. */
  private keyed(raw: RawNeed): DomainNeed | undefined {
    const { counts, zone, excluded } = raw;
    const metadata = new Map<string, string>();
    for (const f of counts.keys()) {
      if ((f.deviceProfile?.groups.length ?? 0) > 0) return undefined;
      for (const [k, v] of Object.entries(f.requiredMetadata)) {
        if ((metadata.get(k) ?? v) !== v) return undefined;
        metadata.set(k, v);
      }
    }
    // Flavours in a stable order (their amounts), so that equal needs share their bases.
    // Stryker disable next-line all: the order only makes equal needs share a memo key; the key and the sizes follow the same order, so any order gives the same verdicts
    const flavours = new Map([...counts].sort(([a], [b]) => compareIds(this.vectorOf(a).join(","), this.vectorOf(b).join(","))));
    // Stryker disable next-line MethodExpression,ArrowFunction: the order only makes equal needs share a memo key; the request's metadata is the same in any order
    const pairs = [...metadata].sort(([a], [b]) => compareIds(a, b));
    // JSON keeps the parts apart whatever text a zone or a metadata value holds (a joined key did not: issue 15 item 15).
    const key = JSON.stringify([zone ?? null, pairs, [...flavours.keys()].map((f) => Array.from(this.vectorOf(f)))]);
    return { key, zone, metadata: new Map(pairs), flavours, excluded };
  }

  /** Hosts the anti-affinity rule can close to one member of the group; −1 for a hard-affinity group. */
  private exclusionOf(groupId: string): number {
    let e = this.exclusions.get(groupId);
    if (e !== undefined) return e;
    const group = this.groupOf(groupId);
    e = group?.policy === "affinity" ? -1 : group?.policy === "anti-affinity" ? Math.floor(membersOf(group) / Math.max(1, group.maxPerHost)) : 0;
    this.exclusions.set(groupId, e);
    return e;
  }

  /** One scan of every host: the candidates of `need`, counted in units of each base. */
  private basesOf(need: DomainNeed): BaseUnits[] {
    const vectors = [...need.flavours.keys()].map((f) => this.vectorOf(f));
    const max = new Float64Array(C);
    const min = new Float64Array(C);
    for (const v of vectors) {
      // Stryker disable next-line EqualityOperator: one class past the end reads undefined (never > 0) and writes past a typed array's end, both no-ops
      for (let c = 0; c < C; c++) {
        max[c] = Math.max(max[c]!, v[c]!);
        if (v[c]! > 0) min[c] = min[c] === 0 ? v[c]! : Math.min(min[c]!, v[c]!);
      }
    }
    const request = this.requestOf(need);
    const n = this.nfvi.hostCount;
    const candidate = new Uint8Array(n);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the request of a zone and metadata the servers carry always builds; a verdict for host n, past the end, is written past the typed array's end, a no-op
    if (request !== undefined) for (let h = 0; h < n; h++) candidate[h] = this.isCandidate(request, vectors, h) ? 1 : 0;
    return [max, min].map((base) => this.unitsOf(base, vectors, candidate));
  }

  private unitsOf(base: Float64Array, vectors: readonly Float64Array[], candidate: Uint8Array): BaseUnits {
    const sizes = vectors.map((v) => {
      let k = 0;
      // Stryker disable next-line EqualityOperator: one class past the end reads undefined (never > 0) and writes past a typed array's end, both no-ops
      for (let c = 0; c < C; c++) if (base[c]! > 0) k = Math.max(k, Math.ceil(v[c]! / base[c]!));
      return k;
    });
    const below = Math.max(0, ...sizes) - 1;
    const units = new Float64Array(candidate.length);
    const capped = new Float64Array(candidate.length);
    let total = 0;
    let totalCapped = 0;
    let maxUnits = 0;
    for (let h = 0; h < candidate.length; h++) {
      if (candidate[h] === 0) continue;
      const u = this.unitsOn(base, h);
      units[h] = u;
      capped[h] = Math.min(u, Math.max(0, below));
      total += u;
      totalCapped += capped[h]!;
      maxUnits = Math.max(maxUnits, u);
    }
    return { sizes, below, units, capped, total, totalCapped, maxUnits };
  }

  private isCandidate(request: PlacementRequest, vectors: readonly Float64Array[], h: number): boolean {
    for (const f of this.policy.filters) if (f.check(request, this.nfvi, h) !== null) return false;
    // Each flavour's own unit rules (min/max unit, step size); capacity is counted in units.
    for (const v of vectors) {
      for (let c = 0; c < C; c++) {
        // Stryker disable next-line ConditionalExpression: checkAdd of 0 units is ADD_OK
        if (v[c] === 0) continue;
        const verdict = this.nfvi.checkAdd(h, c, v[c]!);
        // Stryker disable next-line ConditionalExpression: a host short of room for a flavour has fewer units than K (u ≤ K − 1), so it adds as much to U as to T and nothing to X; its other mutants are killed
        if (verdict !== ADD_OK && verdict !== ADD_INSUFFICIENT && verdict !== ADD_EXCEEDED) return false;
      }
    }
    return true;
  }

  /** Units of `base` in host h's free units: the fewest over the classes it asks for. */
  private unitsOn(base: Float64Array, h: number): number {
    let k = UNBOUNDED_FIT;
    // Stryker disable next-line EqualityOperator: one class past the end reads undefined (never > 0) and writes past a typed array's end, both no-ops
    for (let c = 0; c < C; c++) {
      const a = base[c]!;
      if (a > 0) k = Math.min(k, Math.max(0, Math.floor(this.nfvi.free(h, c) / a)));
    }
    return k;
  }

  /** The request of the need's zone and metadata, of no amounts (capacity is counted in units); undefined if malformed. */
  private requestOf(need: DomainNeed): PlacementRequest | undefined {
    // Stryker disable next-line ConditionalExpression: a zone field holding undefined reads as no zone
    const built = makeRequest({ resources: {}, ...(need.zone === undefined ? {} : { zone: asId<ZoneId>(need.zone) }), requiredMetadata: Object.fromEntries(need.metadata) });
    return built.ok ? built.value : undefined;
  }
}

/** Members of a group with a host (its host counts summed). */
function membersOf(group: ServerGroup): number {
  let n = 0;
  for (const k of group.hostCounts.values()) n += k;
  return n;
}
