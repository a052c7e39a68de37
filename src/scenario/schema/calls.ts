/**
 * `operations.calls`: tenant users calling the VIM's typed API at set times (`as: <user id>`), with
 * the checks a real VIM makes: roles and tenants (FORBIDDEN), pools that run out (EXHAUSTED), bad
 * input (MALFORMED, CONFLICT). Resources are named in the file and referred to by those names.
 * `count` repeats a call (names get -1, -2, ... suffixes), e.g. to run an address pool dry.
 */
import { Schema } from "effect";
import { Duration, Id, PositiveInt } from "./common.js";

const base = {
  at: Duration,
  /** The user making the call: a user of one of the model's tenants. */
  as: Id,
  name: Schema.optionalKey(Schema.String),
  count: Schema.optionalKey(PositiveInt),
};

export const CALL_KINDS = ["createNetwork", "createSubnet", "createPort", "createVolume", "attachVolume", "createImage", "createServer"] as const;

export const Call = Schema.Union([
  Schema.Struct({ call: Schema.Literal("createNetwork"), ...base, networkType: Schema.Literals(["vlan", "vxlan", "flat"]), segmentationId: Schema.optionalKey(Schema.Int) }),
  Schema.Struct({
    call: Schema.Literal("createSubnet"),
    ...base,
    /** The network's name (from an earlier createNetwork). */
    network: Schema.String,
    cidr: Schema.String,
    gatewayIp: Schema.optionalKey(Schema.String),
    dhcp: Schema.optionalKey(Schema.Boolean),
    pools: Schema.optionalKey(Schema.Array(Schema.Struct({ start: Schema.String, end: Schema.String }))),
  }),
  Schema.Struct({ call: Schema.Literal("createPort"), ...base, network: Schema.String }),
  Schema.Struct({ call: Schema.Literal("createVolume"), ...base, sizeGb: PositiveInt, zone: Schema.optionalKey(Id), multiattach: Schema.optionalKey(Schema.Boolean) }),
  /** Attaches the volume `name` to the newest live server named `computeName`. */
  Schema.Struct({ call: Schema.Literal("attachVolume"), ...base, computeName: Schema.String }),
  /** Adds an image (uploaded at once); its size drives the transfer to a host on its first boot there. */
  Schema.Struct({
    call: Schema.Literal("createImage"),
    ...base,
    sizeGb: Schema.Finite.check(Schema.isGreaterThan(0)),
    visibility: Schema.optionalKey(Schema.Literals(["public", "private"])),
    minRamMb: Schema.optionalKey(Schema.Int),
    minDiskGb: Schema.optionalKey(Schema.Int),
  }),
  /** A server of `flavour`, from the image named `image` if given (by an earlier createImage). */
  Schema.Struct({ call: Schema.Literal("createServer"), ...base, flavour: Id, zone: Schema.optionalKey(Id), image: Schema.optionalKey(Schema.String), bootTime: Schema.optionalKey(Duration) }),
]).annotate({ message: `unknown or missing call; expected call to be one of: ${CALL_KINDS.join(", ")}` });
export type Call = typeof Call.Type;
