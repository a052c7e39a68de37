/** The infrastructure model after decoding and cross-checking: concrete hosts, flavours and tenants. */
import type { DeviceProfile, ResourceClass } from "../../domain/index.js";
import type { AcceleratorSpec, AccImageSpec } from "../../nfvi/index.js";

export interface ResolvedInventory {
  readonly total: number;
  readonly reserved: number;
  readonly allocationRatio: number;
  /** Placement's min_unit, absent when 1 (so a model without unit rules keeps its digest). */
  readonly minUnit?: number;
  readonly maxUnit: number;
  /** Placement's step_size, absent when 1. */
  readonly stepSize?: number;
}

export interface ResolvedHost {
  readonly id: string;
  readonly zone: string;
  readonly rack: string;
  readonly profile: string;
  readonly aggregates: ReadonlyArray<string>;
  /** Aggregate metadata merged over the host's aggregates (sorted keys). */
  readonly metadata: Readonly<Record<string, string>>;
  readonly physicalCpus: number;
  readonly numaNodes: number;
  readonly hypervisor: string;
  readonly inventories: Readonly<Partial<Record<ResourceClass, ResolvedInventory>>>;
  /** Accelerator devices (absent when the profile has none). */
  readonly accelerators?: readonly AcceleratorSpec[];
  /** Placement traits, sorted (absent when the profile has none). */
  readonly traits?: readonly string[];
}

export interface ResolvedFlavour {
  readonly id: string;
  readonly family: string;
  readonly vcpus: number;
  readonly ramMb: number;
  readonly diskGb: number;
  /** Pinned CPUs (hw:cpu_policy=dedicated) ask for PCPU instead of VCPU. */
  readonly dedicatedCpus: boolean;
  readonly extraSpecs: Readonly<Record<string, string>>;
  /** Placement amounts per class (PCPU or VCPU, MEMORY_MB, DISK_GB). */
  readonly amounts: Readonly<Record<ResourceClass, number>>;
  /** Aggregate metadata the flavour requires (aggregate_instance_extra_specs:key=value). */
  readonly requiredMetadata: Readonly<Record<string, string>>;
  /** Traits the host must have / must not have (trait:<NAME>=required|forbidden), sorted; absent: none. */
  readonly requiredTraits?: readonly string[];
  readonly forbiddenTraits?: readonly string[];
  /** The Cyborg device profile of accel:device_profile, if any. */
  readonly deviceProfile?: DeviceProfile;
}

export interface ResolvedTenant {
  readonly id: string;
  readonly users: ReadonlyArray<{ readonly id: string; readonly roles: ReadonlyArray<string> }>;
  readonly quotas: Readonly<Record<string, number>>;
}

/** The network provider's configuration a run's network service is built with (resolve-network.ts). */
export interface ResolvedNetwork {
  /** The external network: its id, its IPv4 CIDR, and how many public IPs its pool holds. */
  readonly external: { readonly networkId: string; readonly cidr: string; readonly publicIps: number };
  /** Inclusive VLAN and VXLAN ranges and the physical networks flat networks may use. */
  readonly segmentation: { readonly vlan: readonly [number, number]; readonly vxlan: readonly [number, number]; readonly flatNetworks: readonly string[] };
}

export interface ResolvedModel {
  readonly name: string;
  readonly file: string;
  /** Host profile ids in file order (hostCount overrides name them). */
  readonly profiles: ReadonlyArray<string>;
  /** Hosts sorted by id: the order is the host index everywhere else. */
  readonly hosts: ReadonlyArray<ResolvedHost>;
  readonly zones: ReadonlyArray<{ readonly id: string; readonly racks: ReadonlyArray<string> }>;
  readonly aggregates: ReadonlyArray<{ readonly id: string; readonly metadata: Readonly<Record<string, string>> }>;
  readonly flavours: ReadonlyMap<string, ResolvedFlavour>;
  readonly tenants: ReadonlyMap<string, ResolvedTenant>;
  /** Warnings found while resolving (e.g. a flavour that fits no host profile). */
  readonly warnings: ReadonlyArray<string>;
  /** Accelerator images and device profiles (absent when the model declares no accelerators). */
  readonly accelerators?: { readonly images: readonly AccImageSpec[]; readonly profiles: ReadonlyMap<string, DeviceProfile> };
  /** The model's `network:` section resolved (absent when the model has none: the VIM's defaults apply, runNetwork). */
  readonly network?: ResolvedNetwork;
}
