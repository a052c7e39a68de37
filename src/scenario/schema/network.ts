/**
 * The network provider's configuration in a model file (`network:`): the external network whose
 * subnet is the public (floating) IP pool, and the provider's segmentation ranges (Neutron's
 * network_vlan_ranges, vni_ranges, flat_networks). Every field is optional: absent means the VIM's
 * defaults. Data only; the CIDR, min ≤ max and unique flat networks are checked after decoding
 * (resolve/resolve-network.ts), with positions.
 */
import { Schema } from "effect";
import { Id } from "./common.js";

/** A VLAN id (IEEE 802.1Q: 0 and 4095 are reserved). */
const VlanId = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 4094 })).annotate({ description: "VLAN id, 1..4094" });

/** A VXLAN network identifier (24 bits; 0 is not used by Neutron). */
const Vni = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 16777215 })).annotate({ description: "VXLAN VNI, 1..16777215" });

export const ExternalNetworkInput = Schema.Struct({
  /** The external network's id as views name it (Neutron floating_network_id); default "public". */
  id: Schema.optionalKey(Id),
  /** The external IPv4 subnet: its first host address is the router gateway, the rest the pool; default 203.0.113.0/24. */
  cidr: Schema.optionalKey(Schema.String.annotate({ description: "IPv4 CIDR of the external subnet, e.g. 198.51.100.0/22" })),
});

export const SegmentationInput = Schema.Struct({
  /** Inclusive [min, max] VLAN ids; default [1, 4094]. */
  vlan: Schema.optionalKey(Schema.Tuple([VlanId, VlanId]).annotate({ description: "inclusive VLAN id range [min, max]" })),
  /** Inclusive [min, max] VXLAN VNIs; default [1, 16777215]. */
  vxlan: Schema.optionalKey(Schema.Tuple([Vni, Vni]).annotate({ description: "inclusive VXLAN VNI range [min, max]" })),
  /** Physical networks flat networks may use, one flat network each; default [physnet1]. */
  flatNetworks: Schema.optionalKey(Schema.Array(Id)),
});

export const NetworkConfigInput = Schema.Struct({
  external: Schema.optionalKey(ExternalNetworkInput),
  segmentation: Schema.optionalKey(SegmentationInput),
}).annotate({ description: "the network provider's configuration: external network (public IP pool) and segmentation ranges" });
export type NetworkConfigInput = typeof NetworkConfigInput.Type;
