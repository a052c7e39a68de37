/** `operations.calls` on virtualised networks (networks, subnets, ports) and storage (volumes). */
import { Schema } from "effect";
import { callBase } from "./call-base.js";
import { Id, PositiveInt } from "./common.js";

export const RESOURCE_CALLS = [
  /** `reservation`: the segmentation id is drawn from this network reservation (scenario `reservations:` with `network:`). */
  /** `physicalNetwork`: the physical network of a flat network (one of the model's `network.segmentation.flatNetworks`; default the first). */
  Schema.Struct({ call: Schema.Literal("createNetwork"), ...callBase, networkType: Schema.Literals(["vlan", "vxlan", "flat"]), segmentationId: Schema.optionalKey(Schema.Int), physicalNetwork: Schema.optionalKey(Id), reservation: Schema.optionalKey(Id) }),
  Schema.Struct({
    call: Schema.Literal("createSubnet"),
    ...callBase,
    /** The network's name (from an earlier createNetwork). */
    network: Schema.String,
    cidr: Schema.String,
    gatewayIp: Schema.optionalKey(Schema.String),
    dhcp: Schema.optionalKey(Schema.Boolean),
    pools: Schema.optionalKey(Schema.Array(Schema.Struct({ start: Schema.String, end: Schema.String }))),
  }),
  /** `reservation`: the port's address is drawn from this network reservation. */
  Schema.Struct({ call: Schema.Literal("createPort"), ...callBase, network: Schema.String, reservation: Schema.optionalKey(Id) }),
  /** A public (floating) IP of the external network, optionally on the port `port`; `reservation`: drawn from this network reservation. */
  Schema.Struct({ call: Schema.Literal("allocatePublicIp"), ...callBase, port: Schema.optionalKey(Schema.String), reservation: Schema.optionalKey(Id) }),
  /** Releases the public IP `name`. */
  Schema.Struct({ call: Schema.Literal("releasePublicIp"), ...callBase }),
  /** Binds the port `name` to the server `computeName` (a port is bound to at most one server). */
  Schema.Struct({ call: Schema.Literal("bindPort"), ...callBase, computeName: Schema.String }),
  Schema.Struct({ call: Schema.Literal("unbindPort"), ...callBase }),
  /** Deletes the network, subnet or port `name` (a network with live ports is CONFLICT). */
  Schema.Struct({ call: Schema.Literal("deleteNetworkResource"), ...callBase }),
  /** `reservation`: the volume draws from this storage reservation (scenario `reservations:` with `storage:`). */
  Schema.Struct({ call: Schema.Literal("createVolume"), ...callBase, sizeGb: PositiveInt, zone: Schema.optionalKey(Id), multiattach: Schema.optionalKey(Schema.Boolean), reservation: Schema.optionalKey(Id) }),
  /** Attaches the volume `name` to the newest live server named `computeName`. */
  Schema.Struct({ call: Schema.Literal("attachVolume"), ...callBase, computeName: Schema.String }),
  Schema.Struct({ call: Schema.Literal("detachVolume"), ...callBase, computeName: Schema.String }),
  /** Grows the volume `name` (shrinking is refused). */
  Schema.Struct({ call: Schema.Literal("extendVolume"), ...callBase, sizeGb: PositiveInt }),
  /** Deletes the volume `name` (an attached volume is WRONG_STATE). */
  Schema.Struct({ call: Schema.Literal("deleteVolume"), ...callBase }),
] as const;
