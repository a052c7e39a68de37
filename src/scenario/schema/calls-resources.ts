/** `operations.calls` on virtualised networks (networks, subnets, ports) and storage (volumes). */
import { Schema } from "effect";
import { callBase, callKind, ComputeName } from "./call-base.js";
import { Id, PositiveInt, field, optional } from "./common.js";

export const RESOURCE_CALLS = [
  /** `reservation`: the segmentation id is drawn from this network reservation (scenario `reservations:` with `network:`). */
  /** `physicalNetwork`: the physical network of a flat network (one of the model's `network.segmentation.flatNetworks`; default the first). */
  Schema.Struct({ call: callKind("createNetwork"), ...callBase, networkType: field(Schema.Literals(["vlan", "vxlan", "flat"]), "network type"), segmentationId: optional(Schema.Int, "ask for this VLAN id or VNI (default: one from the model's range)"), physicalNetwork: optional(Id, "a flat network's physical network: one of the model's network.segmentation.flatNetworks (default the first)"), reservation: optional(Id, "draw from this reservation (an id of reservations:)") }),
  Schema.Struct({
    call: callKind("createSubnet"),
    ...callBase,
    network: field(Schema.String, "the network's name (from an earlier createNetwork)"),
    cidr: field(Schema.String, "IPv4 or IPv6 CIDR of the subnet, e.g. 10.20.0.0/28"),
    gatewayIp: optional(Schema.String, "gateway address"),
    dhcp: optional(Schema.Boolean, "DHCP on (true) or off (false)"),
    pools: optional(
      Schema.Array(Schema.Struct({ start: field(Schema.String, "first address of the pool"), end: field(Schema.String, "last address of the pool") })),
      "allocation pools: address ranges ports take their addresses from",
    ),
  }),
  /** `reservation`: the port's address is drawn from this network reservation. */
  Schema.Struct({ call: callKind("createPort"), ...callBase, network: field(Schema.String, "the network's name (from an earlier createNetwork)"), reservation: optional(Id, "draw from this reservation (an id of reservations:)") }),
  /** A public (floating) IP of the external network, optionally on the port `port`; `reservation`: drawn from this network reservation. */
  Schema.Struct({ call: callKind("allocatePublicIp"), ...callBase, port: optional(Schema.String, "associate the IP with the port of this name"), reservation: optional(Id, "draw from this reservation (an id of reservations:)") }),
  /** Releases the public IP `name`. */
  Schema.Struct({ call: callKind("releasePublicIp"), ...callBase }),
  /** Binds the port `name` to the server `computeName` (a port is bound to at most one server). */
  Schema.Struct({ call: callKind("bindPort"), ...callBase, computeName: ComputeName }),
  Schema.Struct({ call: callKind("unbindPort"), ...callBase }),
  /** Deletes the network, subnet or port `name` (a network with live ports is CONFLICT). */
  Schema.Struct({ call: callKind("deleteNetworkResource"), ...callBase }),
  /** `reservation`: the volume draws from this storage reservation (scenario `reservations:` with `storage:`). */
  Schema.Struct({ call: callKind("createVolume"), ...callBase, sizeGb: field(PositiveInt, "volume size in GiB"), zone: optional(Id, "availability zone of the volume backend (default: the model's first zone)"), multiattach: optional(Schema.Boolean, "may be attached to several servers at once"), reservation: optional(Id, "draw from this reservation (an id of reservations:)") }),
  /** Attaches the volume `name` to the newest live server named `computeName`. */
  Schema.Struct({ call: callKind("attachVolume"), ...callBase, computeName: ComputeName }),
  Schema.Struct({ call: callKind("detachVolume"), ...callBase, computeName: ComputeName }),
  /** Grows the volume `name` (shrinking is refused). */
  Schema.Struct({ call: callKind("extendVolume"), ...callBase, sizeGb: field(PositiveInt, "the new, larger size in GiB") }),
  /** Deletes the volume `name` (an attached volume is WRONG_STATE). */
  Schema.Struct({ call: callKind("deleteVolume"), ...callBase }),
] as const;
