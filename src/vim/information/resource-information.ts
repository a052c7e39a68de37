/**
 * IFA 005 Virtualised Resources Information Management (ifa-digest §1.4): what a consumer can ask
 * for, not how much is left (that is capacity management). The twin derives it from the catalogue and
 * the NFVI as Nova and Neutron would advertise it:
 * - compute resource types are the flavours: vCPUs with the oversubscription the hosts allow (their
 *   VCPU allocation ratio, or none for dedicated CPUs), pinning where some host has PCPU inventory,
 *   memory with its ratio, NUMA where some host has more than one node;
 * - network resource types are the segmentation types the network service offers, with their ranges;
 * - storage resource types are the volume backends, one per zone;
 * - resource zones are the availability zones, AVAILABLE while any of their hosts takes servers.
 * Every answer is sorted by id, so it never depends on insertion order.
 */
import { resourceClassIndex } from "../../domain/index.js";
import type { NfviState } from "../../nfvi/index.js";
import type { FlavourSpec } from "../compute/flavour.js";
import type { SegmentationConfig } from "../network/segmentation-pools.js";

export interface VirtualComputeResourceInformation {
  readonly computeResourceTypeId: string;
  readonly virtualCPU: {
    readonly cpuArchitecture: string;
    readonly numVirtualCpu: number;
    /** "none", or the largest vCPU : physical CPU ratio any host allows (e.g. "up to 4:1"). */
    readonly virtualCpuOversubscriptionPolicy: string;
    readonly virtualCpuPinningSupported: boolean;
  };
  readonly virtualMemory: { readonly virtualMemSizeMb: number; readonly virtualMemOversubscriptionPolicy: string; readonly numaSupported: boolean };
  readonly virtualDiskGb: number;
  /** Acceleration capabilities the flavour asks for (none until accelerators exist). */
  readonly accelerationCapability: readonly string[];
}

export interface VirtualNetworkResourceInformation {
  readonly networkResourceTypeId: string;
  readonly networkType: "vlan" | "vxlan" | "flat";
  /** Inclusive segmentation-id range, or the physical networks of flat networks. */
  readonly segmentationRange: readonly [number, number] | null;
  readonly physicalNetworks: readonly string[];
}

export interface VirtualStorageResourceInformation {
  readonly storageResourceTypeId: string;
  readonly typeOfStorage: "volume";
  readonly zoneId: string;
  /** The backend's size (GB): the largest volume it could ever hold. */
  readonly sizeOfStorageGb: number;
  readonly rdmaSupported: boolean;
}

export interface ResourceZone {
  readonly zoneId: string;
  readonly zoneName: string;
  readonly zoneState: "AVAILABLE" | "UNAVAILABLE";
  readonly nfviPopId: string;
  readonly zoneProperty: { readonly hosts: number; readonly racks: number; readonly hostsTakingServers: number };
}

/** The single NFVI-PoP a twin models (one data centre per model). */
export const NFVI_POP_ID = "nfvi-pop-1";

const VCPU = resourceClassIndex("VCPU");
const PCPU = resourceClassIndex("PCPU");
const MEMORY = resourceClassIndex("MEMORY_MB");

/** The largest allocation ratio of class `c` over every host with that inventory (0 when none has it). */
function maxRatio(nfvi: NfviState, c: number): number {
  let max = 0;
  for (let h = 0; h < nfvi.hostCount; h++) max = Math.max(max, nfvi.inventory(h, c)?.allocationRatio ?? 0);
  return max;
}

const ratioPolicy = (ratio: number): string => (ratio > 1 ? `up to ${ratio}:1` : "none");

export function computeInformation(nfvi: NfviState, flavours: readonly FlavourSpec[]): VirtualComputeResourceInformation[] {
  const pinning = maxRatio(nfvi, PCPU) > 0;
  const numa = nfvi.topology.hosts.some((h) => h.spec.numaNodes > 1);
  const vcpuPolicy = ratioPolicy(maxRatio(nfvi, VCPU));
  const memoryPolicy = ratioPolicy(maxRatio(nfvi, MEMORY));
  return [...flavours]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((f) => {
      const dedicated = (f.amounts.PCPU ?? 0) > 0;
      return {
        computeResourceTypeId: f.id,
        virtualCPU: {
          cpuArchitecture: "x86_64",
          numVirtualCpu: (f.amounts.VCPU ?? 0) + (f.amounts.PCPU ?? 0),
          virtualCpuOversubscriptionPolicy: dedicated ? "none" : vcpuPolicy,
          virtualCpuPinningSupported: pinning,
        },
        virtualMemory: { virtualMemSizeMb: f.amounts.MEMORY_MB ?? 0, virtualMemOversubscriptionPolicy: memoryPolicy, numaSupported: numa },
        virtualDiskGb: f.amounts.DISK_GB ?? 0,
        accelerationCapability: [],
      };
    });
}

export function networkInformation(segmentation: SegmentationConfig): VirtualNetworkResourceInformation[] {
  return [
    { networkResourceTypeId: "flat", networkType: "flat", segmentationRange: null, physicalNetworks: [...segmentation.flatNetworks].sort() },
    { networkResourceTypeId: "vlan", networkType: "vlan", segmentationRange: [segmentation.vlan[0], segmentation.vlan[1]], physicalNetworks: [] },
    { networkResourceTypeId: "vxlan", networkType: "vxlan", segmentationRange: [segmentation.vxlan[0], segmentation.vxlan[1]], physicalNetworks: [] },
  ];
}

export function storageInformation(backends: ReadonlyArray<{ readonly zoneId: string; readonly capacityGb: number }>): VirtualStorageResourceInformation[] {
  return [...backends]
    .sort((a, b) => (a.zoneId < b.zoneId ? -1 : a.zoneId > b.zoneId ? 1 : 0))
    .map((b) => ({ storageResourceTypeId: `volume@${b.zoneId}`, typeOfStorage: "volume" as const, zoneId: b.zoneId, sizeOfStorageGb: b.capacityGb, rdmaSupported: false }));
}

export function resourceZones(nfvi: NfviState): ResourceZone[] {
  return nfvi.topology.zones.map((z) => {
    const taking = z.hosts.filter((h) => nfvi.isUsable(h)).length;
    return {
      zoneId: z.id,
      zoneName: z.id,
      zoneState: taking > 0 ? ("AVAILABLE" as const) : ("UNAVAILABLE" as const),
      nfviPopId: NFVI_POP_ID,
      zoneProperty: { hosts: z.hosts.length, racks: z.racks.length, hostsTakingServers: taking },
    };
  });
}
