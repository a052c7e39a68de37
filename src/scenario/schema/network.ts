/**
 * The network provider's configuration in a model file (`network:`): the external network whose
 * subnet is the public (floating) IP pool, and the provider's segmentation ranges (Neutron's
 * network_vlan_ranges, vni_ranges, flat_networks). Every field is optional: absent means the VIM's
 * defaults. Data only; the CIDR, min ≤ max and unique flat networks are checked after decoding
 * (resolve/resolve-network.ts), with positions.
 */
import { Schema } from "effect";
import { Id, optional } from "./common.js";

/** A VLAN id (IEEE 802.1Q: 0 and 4095 are reserved). */
const VlanId = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 4094 })).annotate({ description: "VLAN id, 1..4094" });

/** A VXLAN network identifier (24 bits; 0 is not used by Neutron). */
const Vni = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 16777215 })).annotate({ description: "VXLAN VNI, 1..16777215" });

export const ExternalNetworkInput = Schema.Struct({
  id: optional(Id, "the external network's id as views name it (Neutron floating_network_id); default public"),
  cidr: optional(Schema.String, "IPv4 CIDR of the external subnet, e.g. 198.51.100.0/22: its first host address is the router gateway, the rest the public IP pool; default 203.0.113.0/24"),
});

export const SegmentationInput = Schema.Struct({
  vlan: optional(Schema.Tuple([VlanId, VlanId]), "inclusive VLAN id range [min, max]; default [1, 4094]"),
  vxlan: optional(Schema.Tuple([Vni, Vni]), "inclusive VXLAN VNI range [min, max]; default [1, 16777215]"),
  flatNetworks: optional(Schema.Array(Id), "physical networks flat networks may use, one flat network each; default [physnet1]"),
});

export const NetworkConfigInput = Schema.Struct({
  external: optional(ExternalNetworkInput, "the external network whose subnet is the public (floating) IP pool"),
  segmentation: optional(SegmentationInput, "the provider's segmentation ranges (Neutron's network_vlan_ranges, vni_ranges, flat_networks)"),
});
export type NetworkConfigInput = typeof NetworkConfigInput.Type;
