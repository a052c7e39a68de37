/**
 * Quota usage counted from live resources on every call (INV-B3, Nova's counting quota driver): no
 * stored counter exists that could drift from what the tenant holds. Deleted resources stop counting
 * in the step that deletes them.
 *
 * Counting rules: every live server counts as an instance, ERROR ones included (Nova counts them);
 * its cores (VCPU + PCPU) and RAM are its flavour's, and during a move (resize, migration) the larger
 * of the source and destination flavour per item, so a revert never raises usage and a resize is
 * charged only its upsize delta (Nova's resize quota check). Volumes count their size in gigabytes
 * and so do their snapshots (Cinder without no_snapshot_gb_quota). Public (floating) IPs count as
 * floatingip (Neutron's quota item).
 */
import type { FlavourSpec } from "../compute/flavour.js";
import type { ResourceAmounts } from "../../domain/index.js";
import type { ServerRecord } from "../compute/server.js";
import type { PortRecord, SubnetRecord } from "../network/network-resources.js";
import type { VolumeRecord, VolumeSnapshotRecord } from "../storage/volume.js";
import { zeroQuotaSet, type QuotaSet } from "./quota-set.js";

/** What usage is counted from: the services' live-resource queries. */
export interface QuotaUsageSources {
  readonly compute: { query(filter: { readonly tenant?: string }): ServerRecord[] };
  readonly network: {
    queryPorts(filter: { readonly tenantId?: string }): Readonly<PortRecord>[];
    querySubnets(filter: { readonly tenantId?: string }): Readonly<SubnetRecord>[];
    /** Live public IPs (absent in sources without them). */
    queryPublicIps?(filter: { readonly tenantId?: string }): readonly unknown[];
  };
  readonly storage: {
    query(filter: { readonly tenantId?: string }): Readonly<VolumeRecord>[];
    querySnapshots(): Readonly<VolumeSnapshotRecord>[];
  };
}

/** Cores and RAM (MB) a flavour's amounts count for. */
export const computeCharge = (a: ResourceAmounts): { readonly cores: number; readonly ram: number } => ({ cores: a.VCPU + a.PCPU, ram: a.MEMORY_MB });

/** What one server counts for: its flavour's, or during a move the larger of both flavours per item. */
export function serverCharge(s: ServerRecord): { readonly cores: number; readonly ram: number } {
  const now = computeCharge(s.flavourSpec.amounts);
  if (s.move === undefined) return now;
  const source = computeCharge(s.move.sourceFlavour.amounts);
  return { cores: Math.max(now.cores, source.cores), ram: Math.max(now.ram, source.ram) };
}

/** What resizing `s` to `target` adds to its charge (Nova re-checks the quota of this delta). */
export function resizeCharge(s: ServerRecord, target: FlavourSpec): { readonly cores: number; readonly ram: number } {
  const now = serverCharge(s);
  const next = computeCharge(target.amounts);
  return { cores: next.cores - now.cores, ram: next.ram - now.ram };
}

/** The tenant's usage of every quota item, counted now. */
export function countUsage(sources: QuotaUsageSources, tenantId: string): QuotaSet {
  const usage = zeroQuotaSet();
  for (const s of sources.compute.query({ tenant: tenantId })) {
    const c = serverCharge(s);
    usage.instances++;
    usage.cores += c.cores;
    usage.ram += c.ram;
  }
  usage.port = sources.network.queryPorts({ tenantId }).length;
  usage.subnet = sources.network.querySubnets({ tenantId }).length;
  usage.floatingip = sources.network.queryPublicIps?.({ tenantId }).length ?? 0;
  for (const v of sources.storage.query({ tenantId })) {
    usage.volumes++;
    usage.gigabytes += v.sizeOfStorageGb;
  }
  for (const snap of sources.storage.querySnapshots()) {
    if (snap.tenantId !== tenantId) continue;
    usage.snapshots++;
    usage.gigabytes += snap.sizeGb;
  }
  return usage;
}
