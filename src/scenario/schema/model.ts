/**
 * The infrastructure model file (models/*.yaml): zones with racks of hosts built from profiles, host
 * aggregates, flavours and tenants. Data only; cross references are checked after decoding (resolve-model.ts).
 */
import { Schema } from "effect";
import { AcceleratorDevice, AccImage, DeviceProfileInput } from "./accelerators.js";
import { NetworkConfigInput } from "./network.js";
import { field, Id, NonNegativeInt, NonNegativeNumber, optional, PositiveInt, PositiveNumber, ResourceAmountsInput } from "./common.js";
import { atMost, MAX_HOSTS } from "./limits.js";

/** Hosts of a group, or hosts per rack of a profile (an override): at most MAX_HOSTS. */
export const HostCount = PositiveInt.check(atMost(MAX_HOSTS, "hosts"));

// Ratios as Placement stores them: any finite number ≥ 0 (0 leaves no capacity: a warning, not an error).
export const AllocationRatios = Schema.Struct({
  VCPU: optional(NonNegativeNumber, "virtual CPUs per physical CPU thread, a plain factor (Nova's default 4.0)"),
  PCPU: optional(NonNegativeNumber, "pinned CPUs per dedicated CPU, a plain factor (default 1.0, what Nova reports; another value loads with a warning)"),
  MEMORY_MB: optional(NonNegativeNumber, "memory overcommit, a plain factor (default 1.0)"),
  DISK_GB: optional(NonNegativeNumber, "disk overcommit, a plain factor (default 1.0)"),
});

/** Placement's unit rules of one class: what a single allocation may ask. */
export const UnitRules = Schema.Struct({
  minUnit: optional(PositiveInt, "smallest amount one allocation may ask, a count (default 1)"),
  maxUnit: optional(PositiveInt, "largest amount one allocation may ask, a count (default: the total); below minUnit nothing fits (a warning)"),
  stepSize: optional(PositiveInt, "allocations are multiples of this, a count (default 1)"),
});

/** A Placement trait name: standard (HW_CPU_X86_AVX2) or custom (CUSTOM_*); upper case, digits, '_'. */
export const TraitName = Schema.String.check(
  Schema.makeFilter((s: string) => (/^[A-Z0-9_]{1,255}$/.test(s) ? undefined : `expected a trait name (A-Z, 0-9, '_'), got ${JSON.stringify(s)}`), {
    toJsonSchema: () => ({ pattern: "^[A-Z0-9_]{1,255}$" }),
  }),
);

export const HostProfile = Schema.Struct({
  id: field(Id, "profile id, named by host groups, aggregates and hostCount overrides"),
  description: optional(Schema.String, "free text for reports"),
  cpu: field(
    Schema.Struct({
      sockets: field(PositiveInt, "CPU sockets per host, a count"),
      coresPerSocket: field(PositiveInt, "physical cores per socket, a count"),
      threadsPerCore: optional(PositiveInt, "hardware threads per core, a count (default 1); VCPU total = sockets × cores × threads − dedicated"),
      dedicated: optional(NonNegativeInt, "physical CPUs set aside for pinned (dedicated) guests, a count: Nova's cpu_dedicated_set size, the PCPU inventory"),
    }),
    "the host's processors",
  ),
  memoryMb: field(PositiveInt, "memory per host in MiB (a whole number; 384 GiB = 393216); there is no GiB suffix"),
  diskGb: field(PositiveInt, "local disk per host in GiB"),
  numaNodes: optional(PositiveInt, "NUMA nodes per host, a count (default: one per socket)"),
  nics: optional(
    Schema.Array(
      Schema.Struct({
        count: field(PositiveInt, "ports of this kind, a count"),
        speedGbps: field(PositiveNumber, "port speed in Gbit/s"),
        sriovVfs: optional(NonNegativeInt, "SR-IOV virtual functions per port, a count (default 0)"),
      }),
    ),
    "network interfaces per host",
  ),
  hypervisor: optional(Schema.Literals(["kvm", "esxi", "hyper-v", "baremetal"]), "hypervisor type (default kvm)"),
  reserved: optional(ResourceAmountsInput, "amounts per resource class kept for the host itself (default: MEMORY_MB 512, nothing else)"),
  allocationRatios: optional(AllocationRatios, "overcommit per resource class"),
  units: optional(
    Schema.Struct({
      VCPU: optional(UnitRules, "unit rules of VCPU"),
      PCPU: optional(UnitRules, "unit rules of PCPU"),
      MEMORY_MB: optional(UnitRules, "unit rules of MEMORY_MB"),
      DISK_GB: optional(UnitRules, "unit rules of DISK_GB"),
    }),
    "Placement's min_unit, max_unit and step_size per resource class (default 1, the total, 1)",
  ),
  traits: optional(Schema.Array(TraitName), "Placement traits of every host of this profile; flavours' extra specs trait:<NAME>=required|forbidden select on them"),
  accelerators: optional(Schema.Array(AcceleratorDevice), "accelerator devices of every host of this profile"),
});
export type HostProfile = typeof HostProfile.Type;

export const HostGroup = Schema.Struct({
  profile: field(Id, "host profile id"),
  count: field(HostCount, "hosts of this profile in the rack, a count"),
});

export const Rack = Schema.Struct({
  id: field(Id, "rack id, unique in its zone; hosts are named <zone>-<rack>-h<NNN>"),
  hosts: field(Schema.NonEmptyArray(HostGroup), "groups of identical hosts in the rack"),
});

export const Zone = Schema.Struct({
  id: field(Id, "availability zone id"),
  description: optional(Schema.String, "free text for reports"),
  racks: optional(Schema.NonEmptyArray(Rack), "the zone's racks (or give rackTemplate)"),
  rackTemplate: optional(
    Schema.Struct({
      count: field(PositiveInt.check(atMost(MAX_HOSTS, "racks")), "racks, a count"),
      hosts: field(Schema.NonEmptyArray(HostGroup), "groups of identical hosts in every rack"),
    }),
    "shorthand for big sites: count racks of identical content named r01, r02, ...",
  ),
});

export const Aggregate = Schema.Struct({
  id: field(Id, "host aggregate id"),
  metadata: field(Schema.Record(Schema.String, Schema.String), "key → value pairs flavours match with aggregate_instance_extra_specs:<key>"),
  zones: optional(Schema.Array(Id), "every host of these zones is a member"),
  racks: optional(Schema.Array(Id), "every host of these racks is a member"),
  profiles: optional(Schema.Array(Id), "every host of these profiles is a member"),
});

export const Flavour = Schema.Struct({
  id: field(Id, "flavour id, named by workload flavour mixes and requests"),
  family: optional(Schema.String, "family name for grouping in reports"),
  vcpus: field(PositiveInt, "virtual CPUs, a count (PCPU instead with extra spec hw:cpu_policy: dedicated)"),
  ramMb: field(PositiveInt, "memory in MiB (8 GiB = 8192); there is no GiB suffix"),
  diskGb: field(NonNegativeInt, "root disk in GiB"),
  extraSpecs: optional(Schema.Record(Schema.String, Schema.String), "Nova extra specs, e.g. hw:cpu_policy: dedicated, accel:device_profile: <profile>"),
});
export type Flavour = typeof Flavour.Type;

export const Tenant = Schema.Struct({
  id: field(Id, "tenant (project) id"),
  description: optional(Schema.String, "free text for reports"),
  users: optional(
    Schema.Array(
      Schema.Struct({
        id: field(Id, "user id, named by calls' as:"),
        roles: field(Schema.Array(Id), "Keystone roles: cloud-admin, tenant-admin, member, reader"),
      }),
    ),
    "users of the tenant and their roles",
  ),
  quotas: optional(Schema.Record(Schema.String, Schema.Int), "limits per quota item (instances, cores, ram in MiB, port, subnet, floatingip, volumes, gigabytes, snapshots); -1 means unlimited; absent: not limited"),
});

export const InfrastructureModel = Schema.Struct({
  kind: field(Schema.Literal("InfrastructureModel"), "file kind: InfrastructureModel"),
  name: field(Id, "model name"),
  description: optional(Schema.String, "free text for reports"),
  profiles: field(Schema.NonEmptyArray(HostProfile), "host profiles: the hardware of a kind of host"),
  zones: field(Schema.NonEmptyArray(Zone), "availability zones → racks → hosts"),
  aggregates: optional(Schema.Array(Aggregate), "host aggregates with metadata, by zone, rack or profile"),
  flavours: field(Schema.NonEmptyArray(Flavour), "server flavours the workload asks for"),
  tenants: field(Schema.NonEmptyArray(Tenant), "tenants (projects), their users and quotas"),
  accImages: optional(Schema.Array(AccImage), "accelerator images (FPGA bitstreams) devices can load"),
  deviceProfiles: optional(Schema.Array(DeviceProfileInput), "Cyborg device profiles, named by flavours with the extra spec accel:device_profile"),
  network: optional(NetworkConfigInput, "the network provider's external network and segmentation ranges (absent: the VIM's defaults)"),
});
export type InfrastructureModel = typeof InfrastructureModel.Type;
