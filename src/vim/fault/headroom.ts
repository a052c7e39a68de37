/**
 * The N+1 check (issue 8, item 5): could the remaining hosts absorb the load of any one rack (within
 * its zone) or any one zone (within the site) if it failed now? A static, aggregate computation per
 * resource class: the failed domain's used units against the free units of the usable hosts outside
 * it. It ignores fragmentation and anti-affinity, so "survivable" is necessary, not sufficient.
 */
import { RESOURCE_CLASSES } from "../../domain/index.js";
import type { NfviState } from "../../nfvi/index.js";

export interface DomainHeadroom {
  readonly id: string;
  readonly survivable: boolean;
  /** max over classes of (load − spare) / load; ≤ 0 when survivable. */
  readonly shortfallShare: number;
}

export interface HeadroomReport {
  readonly racks: ReadonlyArray<DomainHeadroom>;
  readonly zones: ReadonlyArray<DomainHeadroom>;
}

function sums(nfvi: NfviState, hosts: Iterable<number>, free: boolean): Float64Array {
  const out = new Float64Array(RESOURCE_CLASSES.length);
  for (const h of hosts) {
    if (free && !nfvi.isUsable(h)) continue;
    // Stryker disable next-line EqualityOperator: c <= length reads and writes one past a typed array's end, a no-op (undefined > 0 is false)
    for (let c = 0; c < out.length; c++) out[c]! += free ? Math.max(0, nfvi.free(h, c)) : nfvi.used(h, c);
  }
  return out;
}

function judge(id: string, load: Float64Array, spare: Float64Array): DomainHeadroom {
  let worst = -Infinity;
  // Stryker disable next-line EqualityOperator: c <= length reads and writes one past a typed array's end, a no-op (undefined > 0 is false)
  for (let c = 0; c < load.length; c++) if (load[c]! > 0) worst = Math.max(worst, (load[c]! - spare[c]!) / load[c]!);
  const share = worst === -Infinity ? -1 : Math.round(worst * 1e6) / 1e6;
  return { id, survivable: share <= 0, shortfallShare: share };
}

/** For every rack (against its zone's other hosts) and every zone (against the other zones). */
export function nPlusOneHeadroom(nfvi: NfviState): HeadroomReport {
  const t = nfvi.topology;
  const zoneSpare = t.zones.map((z) => sums(nfvi, z.hosts, true));
  const siteSpare = new Float64Array(RESOURCE_CLASSES.length);
  // Stryker disable next-line EqualityOperator: c <= length reads and writes one past a typed array's end, a no-op (undefined > 0 is false)
  for (const s of zoneSpare) for (let c = 0; c < s.length; c++) siteSpare[c]! += s[c]!;
  const racks = t.racks.map((r) => {
    const zone = t.zones[r.zoneIndex]!;
    const own = sums(nfvi, r.hosts, true);
    const spare = zoneSpare[r.zoneIndex]!.map((v, c) => v - own[c]!);
    // Model racks may already carry their zone in the id (az1/r01).
    const id = r.id.startsWith(`${zone.id}/`) ? r.id : `${zone.id}/${r.id}`;
    return judge(id, sums(nfvi, r.hosts, false), spare);
  });
  const zones = t.zones.map((z, i) => judge(z.id, sums(nfvi, z.hosts, false), siteSpare.map((v, c) => v - zoneSpare[i]![c]!)));
  return { racks, zones };
}
