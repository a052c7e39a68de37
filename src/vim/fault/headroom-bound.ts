/**
 * A proof that a domain's evacuation would place every server, without running it (the N+1
 * headroom's fast path; bench/headroom.bench.ts). When it holds, the dry run (headroom-dry-run.ts)
 * would report exactly "survivable, 0 unplaced", so the check skips it; when it does not, the dry
 * run decides. It never decides "not survivable".
 *
 * The argument (a pigeonhole count). Let M be the class-wise maximum of the domain's flavours, and
 * the candidates the hosts outside the domain where a request of M (the servers' common zone, the
 * union of their required metadata, no group) passes every filter of the policy and where each of
 * their flavours passes the unit rules. fit(h) = how many copies of M fit in h's free units, F the
 * sum over the candidates, maxFit the largest fit. A server s ≤ M passes every filter on a candidate
 * whose remaining fit is ≥ 1, except the anti-affinity rule, which can exclude at most
 * e = ⌊members / maxPerHost⌋ hosts of its group. Each placement lowers the remaining fit of at most
 * one candidate by at most 1, so before the i-th server (i < n) at least ⌈(F − i) / maxFit⌉
 * candidates still have room; if F − (n − 1) > e × maxFit that is more than e, and the server finds
 * a host whatever the weighers chose before. Only the filters listed in BOUND_FILTERS are known to
 * behave so (pure, monotone in the amounts, zone and metadata); a policy with any other filter, a
 * server with accelerators, in a hard-affinity group, or servers bound to two zones, take the dry run.
 */
import { asId, RESOURCE_CLASSES, RESOURCE_CLASS_COUNT, type ResourceClass, type ZoneId } from "../../domain/index.js";
import { ADD_EXCEEDED, ADD_INSUFFICIENT, ADD_OK, type NfviState } from "../../nfvi/index.js";
import { FILTERS, makeRequest, type Filter, type PlacementRequest, type Policy } from "../../placement/index.js";
import type { FlavourSpec } from "../compute/flavour.js";
import type { ServerGroup } from "../compute/server-group.js";
import type { ServerRecord } from "../compute/server.js";

const C = RESOURCE_CLASS_COUNT;
/** Filters whose verdict for s ≤ M follows from M's (file comment); any other filter disables the bound. */
const BOUND_FILTERS: ReadonlySet<Filter | undefined> = new Set(
  ["host-list", "host-state", "availability-zone", "aggregate-metadata", "capacity", "anti-affinity", "affinity", "accelerator"].map((n) => FILTERS.get(n)),
);
/** The fit of a host when M asks for nothing: as good as unbounded. */
const UNBOUNDED_FIT = 2 ** 30;

/** What a domain's servers ask of the candidates: M, zone, metadata, and the largest anti-affinity exclusion. */
interface DomainNeed {
  readonly key: string;
  readonly amounts: Float64Array;
  readonly zone: string | undefined;
  readonly metadata: ReadonlyMap<string, string>;
  readonly vectors: readonly Float64Array[];
  readonly excluded: number;
}

/** Per host the copies of M that fit (0 off the candidates), their sum and maximum. */
interface Candidates {
  readonly fit: Int32Array;
  readonly total: number;
  readonly maxFit: number;
}

export class HeadroomBound {
  private readonly usable: boolean;
  /** Candidates by need key: one host scan per distinct need in a check. */
  private readonly memo = new Map<string, Candidates>();
  private readonly exclusions = new Map<string, number>();

  constructor(
    private readonly nfvi: NfviState,
    private readonly policy: Policy,
    private readonly groupOf: (id: string) => ServerGroup | undefined,
    private readonly vectorOf: (f: FlavourSpec) => Float64Array,
  ) {
    this.usable = policy.filters.every((f) => BOUND_FILTERS.has(f));
  }

  /** True when every one of `servers` provably finds a host with the domain's `hosts` down. */
  proves(hosts: readonly number[], servers: readonly ServerRecord[]): boolean {
    if (!this.usable) return false;
    const need = this.needOf(servers);
    if (need === undefined) return false;
    let memo = this.memo.get(need.key);
    if (memo === undefined) this.memo.set(need.key, (memo = this.candidates(need)));
    let total = memo.total;
    for (const h of hosts) total -= memo.fit[h]!;
    return total - (servers.length - 1) > need.excluded * memo.maxFit;
  }

  /** The domain's need, or undefined when the bound cannot speak for some server. */
  private needOf(servers: readonly ServerRecord[]): DomainNeed | undefined {
    const amounts = new Float64Array(C);
    const flavours = new Set<FlavourSpec>();
    const metadata = new Map<string, string>();
    let zone: string | undefined;
    let excluded = 0;
    let lastFlavour: FlavourSpec | undefined;
    for (const s of servers) {
      if (s.zoneConstraint !== undefined) {
        if (zone !== undefined && zone !== s.zoneConstraint) return undefined;
        zone = s.zoneConstraint;
      }
      if (s.groupId !== undefined) {
        const e = this.exclusionOf(s.groupId);
        if (e < 0) return undefined;
        excluded = Math.max(excluded, e);
      }
      // Servers come host by host, many of one flavour in a row: skip the set for repeats.
      if (s.flavourSpec === lastFlavour || flavours.has(s.flavourSpec)) continue;
      lastFlavour = s.flavourSpec;
      flavours.add(s.flavourSpec);
    }
    for (const f of flavours) {
      if ((f.deviceProfile?.groups.length ?? 0) > 0) return undefined;
      for (const [k, v] of Object.entries(f.requiredMetadata)) {
        if ((metadata.get(k) ?? v) !== v) return undefined;
        metadata.set(k, v);
      }
      const v = this.vectorOf(f);
      for (let c = 0; c < C; c++) amounts[c] = Math.max(amounts[c]!, v[c]!);
    }
    const vectors = [...flavours].map((f) => this.vectorOf(f));
    const pairs = [...metadata].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const distinct = [...new Set(vectors.map((v) => v.join(",")))].sort();
    const key = `${zone ?? ""}\n${pairs.map(([k, v]) => `${k}=${v}`).join("\n")}\n${distinct.join(";")}`;
    return { key, amounts, zone, metadata: new Map(pairs), vectors, excluded };
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

  /** One scan of every host: the candidates of `need` and their fit counts (file comment). */
  private candidates(need: DomainNeed): Candidates {
    const request = this.requestOf(need);
    const fit = new Int32Array(this.nfvi.hostCount);
    let total = 0;
    let maxFit = 0;
    if (request === undefined) return { fit, total, maxFit };
    for (let h = 0; h < this.nfvi.hostCount; h++) {
      if (!this.isCandidate(request, need, h)) continue;
      const k = this.fitCount(need.amounts, h);
      fit[h] = k;
      total += k;
      maxFit = Math.max(maxFit, k);
    }
    return { fit, total, maxFit };
  }

  private isCandidate(request: PlacementRequest, need: DomainNeed, h: number): boolean {
    for (const f of this.policy.filters) if (f.check(request, this.nfvi, h) !== null) return false;
    // Each flavour's own unit rules (min/max unit, step size): M passing them says nothing of a smaller amount.
    for (const v of need.vectors) {
      for (let c = 0; c < C; c++) {
        if (v[c] === 0) continue;
        const verdict = this.nfvi.checkAdd(h, c, v[c]!);
        if (verdict !== ADD_OK && verdict !== ADD_INSUFFICIENT && verdict !== ADD_EXCEEDED) return false;
      }
    }
    return true;
  }

  /** Copies of `amounts` that fit in host h's free units (capacity rule only; units checked apart). */
  private fitCount(amounts: Float64Array, h: number): number {
    let k = UNBOUNDED_FIT;
    for (let c = 0; c < C; c++) {
      const a = amounts[c]!;
      if (a > 0) k = Math.min(k, Math.max(0, Math.floor(this.nfvi.free(h, c) / a)));
    }
    return k;
  }

  /** The request of M; undefined if it is not well formed (then no host is a candidate and the dry run decides). */
  private requestOf(need: DomainNeed): PlacementRequest | undefined {
    const resources: Partial<Record<ResourceClass, number>> = {};
    RESOURCE_CLASSES.forEach((rc, c) => {
      resources[rc] = need.amounts[c]!;
    });
    const built = makeRequest({ resources, ...(need.zone === undefined ? {} : { zone: asId<ZoneId>(need.zone) }), requiredMetadata: Object.fromEntries(need.metadata) });
    return built.ok ? built.value : undefined;
  }
}

/** Members of a group with a host (its host counts summed). */
function membersOf(group: ServerGroup): number {
  let n = 0;
  for (const k of group.hostCounts.values()) n += k;
  return n;
}
