/**
 * Per-host weigher multipliers from aggregate metadata (Nova scheduler/utils.py
 * `get_weight_multiplier`): when some of a host's aggregates carry the weigher's key (e.g.
 * `ram_weight_multiplier`), the host's multiplier is the minimum of those values as Python float()
 * reads them; if any of them is not a number, or no aggregate has the key, the configured multiplier
 * applies. Non-finite values (inf, nan) are ignored here (docs/placement.md).
 */
import type { Topology } from "../nfvi/index.js";
import { pythonFloat } from "./extra-specs-ops.js";

/** Per topology and key: per-host override (NaN = none), or null when no host has one. */
const MEMO = new WeakMap<Topology, Map<string, Float64Array | null>>();

/** The per-host overrides of `key` (NaN = use the configured multiplier), or null when there are none. */
export function hostMultiplierOverrides(topology: Topology, key: string): Float64Array | null {
  let byKey = MEMO.get(topology);
  if (byKey === undefined) {
    byKey = new Map();
    MEMO.set(topology, byKey);
  }
  const known = byKey.get(key);
  if (known !== undefined) return known;
  const made = computeOverrides(topology, key);
  byKey.set(key, made);
  return made;
}

function computeOverrides(topology: Topology, key: string): Float64Array | null {
  const byId = new Map(topology.aggregates.map((a) => [a.id as string, a.metadata] as const));
  const out = new Float64Array(topology.hosts.length).fill(Number.NaN);
  let any = false;
  for (const host of topology.hosts) {
    // A set of raw strings, as Nova's aggregate_values_from_key (no comma splitting here).
    const values = new Set<string>();
    for (const id of host.spec.aggregates) {
      const v = byId.get(id)?.[key];
      if (v !== undefined) values.add(v);
    }
    if (values.size === 0) continue;
    const parsed = [...values].map(pythonFloat);
    if (parsed.some((x) => x === undefined || !Number.isFinite(x))) continue;
    out[host.index] = Math.min(...(parsed as number[]));
    any = true;
  }
  return any ? out : null;
}

/** The multiplier of host h: its aggregate override, else the configured one. */
export function multiplierAt(overrides: Float64Array | null, configured: number, h: number): number {
  if (overrides === null) return configured;
  const m = overrides[h] ?? Number.NaN;
  return Number.isNaN(m) ? configured : m;
}
