/**
 * The infrastructure model file (models/*.yaml): zones with racks of hosts built from profiles, host
 * aggregates, flavours and tenants. Data only; cross references are checked after decoding (resolve-model.ts).
 */
import { Schema } from "effect";
import { AcceleratorDevice, AccImage, DeviceProfileInput } from "./accelerators.js";
import { NetworkConfigInput } from "./network.js";
import { Id, NonNegativeInt, PositiveInt, PositiveNumber, ResourceAmountsInput } from "./common.js";
import { atMost, MAX_HOSTS } from "./limits.js";

/** Hosts of a group, or hosts per rack of a profile (an override): at most MAX_HOSTS. */
export const HostCount = PositiveInt.check(atMost(MAX_HOSTS, "hosts"));

export const AllocationRatios = Schema.Struct({
  VCPU: Schema.optionalKey(PositiveNumber),
  MEMORY_MB: Schema.optionalKey(PositiveNumber),
  DISK_GB: Schema.optionalKey(PositiveNumber),
}).annotate({ description: "allocation ratio per resource class; PCPU is always 1.0" });

export const HostProfile = Schema.Struct({
  id: Id,
  description: Schema.optionalKey(Schema.String),
  cpu: Schema.Struct({
    sockets: PositiveInt,
    coresPerSocket: PositiveInt,
    threadsPerCore: Schema.optionalKey(PositiveInt),
    /** Physical CPUs set aside for pinned (dedicated) guests: Nova's cpu_dedicated_set size. */
    dedicated: Schema.optionalKey(NonNegativeInt),
  }),
  memoryMb: PositiveInt,
  diskGb: PositiveInt,
  numaNodes: Schema.optionalKey(PositiveInt),
  nics: Schema.optionalKey(
    Schema.Array(Schema.Struct({ count: PositiveInt, speedGbps: PositiveNumber, sriovVfs: Schema.optionalKey(NonNegativeInt) })),
  ),
  hypervisor: Schema.optionalKey(Schema.Literals(["kvm", "esxi", "hyper-v", "baremetal"])),
  reserved: Schema.optionalKey(ResourceAmountsInput),
  allocationRatios: Schema.optionalKey(AllocationRatios),
  /** Accelerator devices of every host of this profile. */
  accelerators: Schema.optionalKey(Schema.Array(AcceleratorDevice)),
});
export type HostProfile = typeof HostProfile.Type;

export const HostGroup = Schema.Struct({ profile: Id, count: HostCount });

export const Rack = Schema.Struct({ id: Id, hosts: Schema.NonEmptyArray(HostGroup) });

export const Zone = Schema.Struct({
  id: Id,
  description: Schema.optionalKey(Schema.String),
  racks: Schema.optionalKey(Schema.NonEmptyArray(Rack)),
  /** Shorthand for big sites: `racks` racks of identical content named r01, r02, ... */
  rackTemplate: Schema.optionalKey(
    Schema.Struct({ count: PositiveInt.check(atMost(MAX_HOSTS, "racks")), hosts: Schema.NonEmptyArray(HostGroup) }),
  ),
});

export const Aggregate = Schema.Struct({
  id: Id,
  metadata: Schema.Record(Schema.String, Schema.String),
  zones: Schema.optionalKey(Schema.Array(Id)),
  racks: Schema.optionalKey(Schema.Array(Id)),
  profiles: Schema.optionalKey(Schema.Array(Id)),
});

export const Flavour = Schema.Struct({
  id: Id,
  family: Schema.optionalKey(Schema.String),
  vcpus: PositiveInt,
  ramMb: PositiveInt,
  diskGb: NonNegativeInt,
  extraSpecs: Schema.optionalKey(Schema.Record(Schema.String, Schema.String)),
});
export type Flavour = typeof Flavour.Type;

export const Tenant = Schema.Struct({
  id: Id,
  description: Schema.optionalKey(Schema.String),
  users: Schema.optionalKey(Schema.Array(Schema.Struct({ id: Id, roles: Schema.Array(Id) }))),
  /** Reserved for the quota issue: limits per IFA quota name; -1 means unlimited. */
  quotas: Schema.optionalKey(Schema.Record(Schema.String, Schema.Int)),
});

export const InfrastructureModel = Schema.Struct({
  kind: Schema.Literal("InfrastructureModel"),
  name: Id,
  description: Schema.optionalKey(Schema.String),
  profiles: Schema.NonEmptyArray(HostProfile),
  zones: Schema.NonEmptyArray(Zone),
  aggregates: Schema.optionalKey(Schema.Array(Aggregate)),
  flavours: Schema.NonEmptyArray(Flavour),
  tenants: Schema.NonEmptyArray(Tenant),
  /** Accelerator images (FPGA bitstreams) devices can load. */
  accImages: Schema.optionalKey(Schema.Array(AccImage)),
  /** Cyborg device profiles, named by flavours with the extra spec accel:device_profile. */
  deviceProfiles: Schema.optionalKey(Schema.Array(DeviceProfileInput)),
  /** The network provider's external network and segmentation ranges (absent: the VIM's defaults). */
  network: Schema.optionalKey(NetworkConfigInput),
});
export type InfrastructureModel = typeof InfrastructureModel.Type;
