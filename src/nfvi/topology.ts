/**
 * The static topology: zones → racks → hosts, and host aggregates with metadata.
 *
 * Host indices: hosts are sorted by id (plain UTF-16 code-unit order, not locale order; use
 * zero-padded ids such as "host-0007" if numeric order matters) and a host's index is its rank. Every
 * per-host array in the twin is in this order, so "lowest host id" and "lowest host index" are the
 * same tie-break. Zones are therefore NOT contiguous index ranges; the capacity index keeps one tree
 * per zone instead (see capacity-index.ts).
 */
import {
  asId,
  domainError,
  fail,
  ok,
  RESOURCE_CLASSES,
  type AggregateId,
  type HostId,
  type RackId,
  type Result,
  type ZoneId,
} from "../domain/index.js";
import type { AggregateSpec, HostSpec } from "./host.js";
import { inventoryProblem } from "./inventory.js";

/** A host placed in the topology. */
export interface TopologyHost {
  readonly index: number;
  readonly spec: HostSpec;
  readonly zoneIndex: number;
  readonly rackIndex: number;
  /** Merged metadata of the host's aggregates: key → sorted distinct comma-separated items, stripped (Nova aggregate_metadata_get_by_host). */
  readonly metadata: ReadonlyMap<string, readonly string[]>;
}

export interface Zone {
  readonly id: ZoneId;
  readonly index: number;
  /** Rack indices, ascending. */
  readonly racks: readonly number[];
  /** Host indices, ascending. */
  readonly hosts: readonly number[];
}

export interface Rack {
  readonly id: RackId;
  readonly index: number;
  readonly zoneIndex: number;
  readonly hosts: readonly number[];
}

export interface Aggregate {
  readonly id: AggregateId;
  readonly metadata: Readonly<Record<string, string>>;
  readonly hosts: readonly number[];
}

export interface Topology {
  /** Sorted by host id; `hosts[i].index === i`. */
  readonly hosts: readonly TopologyHost[];
  /** Sorted by zone id. */
  readonly zones: readonly Zone[];
  /** Sorted by (zone id, rack id); a rack id is local to its zone. */
  readonly racks: readonly Rack[];
  /** Sorted by aggregate id. */
  readonly aggregates: readonly Aggregate[];
  /** metadataKey(k, v) → ascending indices of hosts whose merged metadata holds v for k. */
  readonly metadataHosts: ReadonlyMap<string, readonly number[]>;
  hostIndex(id: HostId): number | undefined;
  zoneIndex(id: ZoneId): number | undefined;
}

/** Key of a metadata pair in `metadataHosts` (NUL-separated so neither part can fake the other). */
export const metadataKey = (key: string, value: string): string => `${key}\u0000${value}`;

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const rackKey = (h: HostSpec): string => `${h.zone}\u0000${h.rack}`;

/** Builds and validates a topology; all problems are reported at once in one INVALID_ARGUMENT. */
export function buildTopology(
  specs: readonly HostSpec[],
  aggregateSpecs: readonly AggregateSpec[] = [],
): Result<Topology> {
  const problems = specProblems(specs, aggregateSpecs);
  if (problems.length > 0) return fail(domainError("INVALID_ARGUMENT", problems.join("; ")));
  const sorted = [...specs].sort((a, b) => byString(a.id, b.id));
  const zoneIds = [...new Set(sorted.map((h) => h.zone))].sort(byString);
  const zoneIdx = new Map(zoneIds.map((z, i) => [z, i] as const));
  // A rack id is local to its zone ("r1" of az1 and "r1" of az2 are two racks); racks sort by (zone, id).
  const rackKeys = [...new Set(sorted.map((h) => rackKey(h)))].sort(byString);
  const rackIdx = new Map(rackKeys.map((r, i) => [r, i] as const));
  const aggs = [...aggregateSpecs].sort((a, b) => byString(a.id, b.id));
  const aggIdx = new Map(aggs.map((a, i) => [a.id, i] as const));
  // Hosts of one aggregate set share its merged metadata (read-only): a map per host cost some 190
  // bytes a host on the 200,000 hosts of bench/hyperscale, most of them in no aggregate at all.
  const mergedBySet = new Map<string, ReadonlyMap<string, readonly string[]>>();
  const sharedMetadata = (spec: HostSpec): ReadonlyMap<string, readonly string[]> => {
    const key = spec.aggregates.join("\u0000");
    let merged = mergedBySet.get(key);
    if (merged === undefined) {
      merged = mergedMetadata(spec, aggs, aggIdx);
      mergedBySet.set(key, merged);
    }
    return merged;
  };
  const hosts = sorted.map((spec, index): TopologyHost => ({
    index,
    spec,
    zoneIndex: zoneIdx.get(spec.zone) ?? -1,
    rackIndex: rackIdx.get(rackKey(spec)) ?? -1,
    metadata: sharedMetadata(spec),
  }));
  const hostIdx = new Map(sorted.map((h, i) => [h.id, i] as const));
  const rackHosts = rackKeys.map((): number[] => []);
  for (const h of hosts) rackHosts[h.rackIndex]?.push(h.index);
  const racks = rackHosts.map((members, index): Rack => {
    const first = hosts[members[0] ?? 0];
    return { id: first?.spec.rack ?? asId<RackId>(""), index, zoneIndex: first?.zoneIndex ?? -1, hosts: members };
  });
  const aggHosts = aggs.map((): number[] => []);
  for (const h of hosts) for (const id of h.spec.aggregates) aggHosts[aggIdx.get(id) ?? -1]?.push(h.index);
  return ok({
    hosts,
    zones: zoneIds.map((id, index) => ({
      id,
      index,
      racks: racks.filter((r) => r.zoneIndex === index).map((r) => r.index),
      hosts: hosts.filter((h) => h.zoneIndex === index).map((h) => h.index),
    })),
    racks,
    aggregates: aggs.map((a, i) => ({ id: a.id, metadata: a.metadata, hosts: [...new Set(aggHosts[i])] })),
    metadataHosts: metadataIndex(hosts),
    hostIndex: (id) => hostIdx.get(id),
    zoneIndex: (id) => zoneIdx.get(id),
  });
}

function mergedMetadata(
  spec: HostSpec,
  aggs: readonly AggregateSpec[],
  aggIdx: ReadonlyMap<AggregateId, number>,
): ReadonlyMap<string, readonly string[]> {
  const merged = new Map<string, Set<string>>();
  for (const id of spec.aggregates) {
    const agg = aggs[aggIdx.get(id) ?? -1];
    if (agg === undefined) continue;
    for (const [k, v] of Object.entries(agg.metadata)) {
      const values = merged.get(k) ?? new Set<string>();
      // Nova aggregate_metadata_get_by_host: a value is a comma-separated set, each item stripped.
      for (const item of v.split(",")) values.add(item.trim());
      merged.set(k, values);
    }
  }
  const keys = [...merged.keys()].sort(byString);
  return new Map(keys.map((k) => [k, [...(merged.get(k) ?? [])].sort(byString)] as const));
}

function metadataIndex(hosts: readonly TopologyHost[]): ReadonlyMap<string, readonly number[]> {
  const out = new Map<string, number[]>();
  for (const h of hosts) {
    for (const [k, values] of h.metadata) {
      for (const v of values) {
        const key = metadataKey(k, v);
        const list = out.get(key) ?? [];
        list.push(h.index);
        out.set(key, list);
      }
    }
  }
  return out;
}

function specProblems(specs: readonly HostSpec[], aggregateSpecs: readonly AggregateSpec[]): string[] {
  const problems: string[] = [];
  const seenHosts = new Set<string>();
  const aggIds = new Set<string>();
  for (const a of aggregateSpecs) {
    if (aggIds.has(a.id)) problems.push(`aggregate ${a.id}: duplicate id`);
    aggIds.add(a.id);
  }
  for (const h of specs) {
    if (seenHosts.has(h.id)) problems.push(`host ${h.id}: duplicate id`);
    seenHosts.add(h.id);
    for (const a of h.aggregates) if (!aggIds.has(a)) problems.push(`host ${h.id}: unknown aggregate ${a}`);
    for (const rc of RESOURCE_CLASSES) {
      const inv = h.inventories[rc];
      const problem = inv === undefined ? null : inventoryProblem(rc, inv);
      if (problem !== null) problems.push(`host ${h.id}: ${problem}`);
    }
  }
  return problems;
}
