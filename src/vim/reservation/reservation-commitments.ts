/**
 * The reservation side of QueryResourceCapacity (capacity-query.ts's CapacityCommitments hook):
 * reserved capacity at an instant, the instants where it changes, and the part of the ledger's usage
 * that is holds rather than allocations (INV-A9: total = available + reserved + allocated, with a
 * reservation-backed server counted once, in allocated).
 *
 * Reserved at t, per host: what the hold will be then, max over t' ≥ t of committed(t') − bound(t),
 * where bound(t) counts servers of reservations still active at t. Now, that is exactly the hold in
 * the ledger, so `reservedAt(now)` reads the holds.
 */
import { RESOURCE_CLASS_COUNT, resourceClassIndex, type ResourceClass } from "../../domain/index.js";
import { hostsInScope, type CapacityCommitments } from "../capacity/capacity-query.js";
import type { NfviState } from "../../nfvi/index.js";
import type { Clock } from "../common/change-log.js";
import type { ReservationService } from "./reservation-service.js";

export function reservationCommitments(service: ReservationService, nfvi: NfviState, clock: Clock): CapacityCommitments {
  const scope = (zoneId: string | null): readonly number[] => {
    const hosts = hostsInScope(nfvi, zoneId ?? undefined);
    return hosts.ok ? hosts.value : [];
  };
  const scratch = new Float64Array(RESOURCE_CLASS_COUNT);
  return {
    heldNow: (zoneId, rc) => service.holds.heldIn(scope(zoneId), resourceClassIndex(rc)),
    reservedAt(zoneId: string | null, rc: ResourceClass, atMs: number): number {
      const c = resourceClassIndex(rc);
      const hosts = scope(zoneId);
      if (atMs <= clock.nowMs) return service.holds.heldIn(hosts, c);
      const boundAt = new Map<number, number>();
      for (const r of service.query()) {
        if (!(atMs < r.times.endMs)) continue;
        for (const b of r.bindings.values()) boundAt.set(b.host, (boundAt.get(b.host) ?? 0) + b.amounts[c]!);
      }
      let sum = 0;
      for (const h of hosts) sum += Math.max(0, service.index.maxOver(h, atMs, Number.POSITIVE_INFINITY, scratch)[c]! - (boundAt.get(h) ?? 0));
      return sum;
    },
    changesWithin(zoneId: string | null, _rc: ResourceClass, fromMs: number, toMs: number): readonly number[] {
      const out = new Set<number>();
      for (const h of scope(zoneId)) {
        for (const cm of service.index.overlapping(h, fromMs, toMs + 1)) {
          for (const t of [cm.fromMs, cm.toMs]) if (t > fromMs && t <= toMs) out.add(t);
        }
      }
      return [...out].sort((a, b) => a - b);
    },
  };
}
