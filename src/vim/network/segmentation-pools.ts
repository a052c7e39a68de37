/**
 * Segmentation ids of provider networks (Neutron's ML2 type drivers): VLAN ids and VXLAN VNIs come
 * from a configured range per type, lowest free first, unique among live networks (INV-G2); a flat
 * network has no id but takes a whole physical network, one flat network per physical network.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { NetworkType } from "./network-resources.js";
import { RangeAllocator } from "./range-allocator.js";

export interface SegmentationConfig {
  /** Inclusive VLAN id range (Neutron network_vlan_ranges), e.g. [100, 199]. */
  readonly vlan: readonly [number, number];
  /** Inclusive VNI range (Neutron vni_ranges). */
  readonly vxlan: readonly [number, number];
  /** Physical networks flat networks may use (Neutron flat_networks). */
  readonly flatNetworks: readonly string[];
}

export const DEFAULT_SEGMENTATION: SegmentationConfig = { vlan: [1, 4094], vxlan: [1, 16777215], flatNetworks: ["physnet1"] };

export interface Segment {
  readonly segmentationId: number | null;
  readonly physicalNetwork: string | null;
}

export class SegmentationPools {
  private readonly vlan: RangeAllocator;
  private readonly vxlan: RangeAllocator;
  /** Flat physical network → the network occupying it. */
  private readonly flatInUse = new Map<string, string>();

  constructor(private readonly config: SegmentationConfig) {
    const range = (r: readonly [number, number]): RangeAllocator => new RangeAllocator(r[0] <= r[1] ? [{ first: BigInt(r[0]), last: BigInt(r[1]) }] : []);
    this.vlan = range(config.vlan);
    this.vxlan = range(config.vxlan);
  }

  /**
   * A segment for a new network of `type`: the requested id (CONFLICT when in use, INVALID_ARGUMENT
   * outside the range) or the lowest free one (EXHAUSTED when none is left).
   */
  take(type: NetworkType, networkId: string, requested: { segmentationId?: number; physicalNetwork?: string }): Result<Segment> {
    if (type === "flat") return this.takeFlat(networkId, requested.physicalNetwork ?? this.config.flatNetworks[0]);
    const pool = type === "vlan" ? this.vlan : this.vxlan;
    if (requested.segmentationId === undefined) {
      const id = pool.takeLowest();
      if (id === undefined) return fail(domainError("EXHAUSTED", `no free ${type} segmentation id is left in the configured range`));
      return ok({ segmentationId: Number(id), physicalNetwork: null });
    }
    const id = BigInt(requested.segmentationId);
    if (!Number.isInteger(requested.segmentationId) || !pool.covers(id)) {
      return fail(domainError("INVALID_ARGUMENT", `${type} segmentation id ${requested.segmentationId} is outside the configured range`));
    }
    if (!pool.take(id)) return fail(domainError("CONFLICT", `${type} segmentation id ${requested.segmentationId} is in use`));
    return ok({ segmentationId: requested.segmentationId, physicalNetwork: null });
  }

  /** Gives a deleted network's segment back. */
  release(type: NetworkType, segment: Segment): void {
    if (type === "flat") {
      if (segment.physicalNetwork !== null) this.flatInUse.delete(segment.physicalNetwork);
    } else if (segment.segmentationId !== null) (type === "vlan" ? this.vlan : this.vxlan).release(BigInt(segment.segmentationId));
  }

  /** Segmentation ids in use per type, ascending (for invariant checks). */
  inUse(type: "vlan" | "vxlan"): number[] {
    return (type === "vlan" ? this.vlan : this.vxlan).usedValues().map(Number);
  }

  /** How many ids the type's range holds. */
  size(type: "vlan" | "vxlan"): number {
    return Number((type === "vlan" ? this.vlan : this.vxlan).size);
  }

  /** How many ids of the type live networks use. */
  usedCount(type: "vlan" | "vxlan"): number {
    return (type === "vlan" ? this.vlan : this.vxlan).usedCount;
  }

  /** Flat physical networks in use, sorted. */
  flatNetworksInUse(): string[] {
    return [...this.flatInUse.keys()].sort();
  }

  private takeFlat(networkId: string, physicalNetwork: string | undefined): Result<Segment> {
    if (physicalNetwork === undefined || !this.config.flatNetworks.includes(physicalNetwork)) {
      return fail(domainError("INVALID_ARGUMENT", `physical network ${physicalNetwork ?? "(none)"} is not configured for flat networks`));
    }
    const holder = this.flatInUse.get(physicalNetwork);
    if (holder !== undefined) return fail(domainError("CONFLICT", `physical network ${physicalNetwork} is in use by flat network ${holder}`));
    this.flatInUse.set(physicalNetwork, networkId);
    return ok({ segmentationId: null, physicalNetwork });
  }
}
