/**
 * `operations.calls`: tenant users calling the VIM's typed API at set times (`as: <user id>`), with
 * the checks a real VIM makes: roles and tenants (FORBIDDEN), pools that run out (EXHAUSTED), bad
 * input (MALFORMED, CONFLICT), wrong states (WRONG_STATE). Resources are named in the file and
 * referred to by those names; a server by `computeName` (the newest live one of that name).
 * `count` repeats a call (names get -1, -2, ... suffixes), e.g. to run an address pool dry.
 */
import { Schema } from "effect";
import { Duration, Id } from "./common.js";
import { ActionFields } from "./operations-fields.js";
import { TENANT_RESOURCE_CALLS } from "./calls-tenant.js";
import { RESOURCE_CALLS } from "./calls-resources.js";
import { callBase } from "./call-base.js";
import { RESERVATION_CALLS } from "./calls-reservations.js";

const COMPUTE_CALLS = [
  /** A server of `flavour`, from the image named `image` if given (by an earlier createImage). */
  Schema.Struct({
    call: Schema.Literal("createServer"),
    ...callBase,
    flavour: Id,
    zone: Schema.optionalKey(Id),
    image: Schema.optionalKey(Schema.String),
    bootTime: Schema.optionalKey(Duration),
    /** Names of an earlier createKeyPair and createSecurityGroup calls. */
    keyPair: Schema.optionalKey(Schema.String),
    securityGroups: Schema.optionalKey(Schema.Array(Schema.String)),
    metadata: Schema.optionalKey(Schema.Record(Schema.String, Schema.String)),
  }),
  /** IFA Operate / Scale / Migrate on the server `computeName`, with the fields of a scripted action. */
  Schema.Struct({ call: Schema.Literal("operateServer"), ...callBase, computeName: Schema.String, ...ActionFields }),
  /**
   * UpdateVirtualisedComputeResource: sets and removes metadata keys, and/or adds interfaces (on
   * networks, the VIM making the ports; or with ports made earlier) and detaches ports, all or nothing.
   */
  Schema.Struct({
    call: Schema.Literal("updateServer"),
    ...callBase,
    computeName: Schema.String,
    set: Schema.optionalKey(Schema.Record(Schema.String, Schema.String)),
    remove: Schema.optionalKey(Schema.Array(Schema.String)),
    attachNetworks: Schema.optionalKey(Schema.Array(Schema.String)),
    attachPorts: Schema.optionalKey(Schema.Array(Schema.String)),
    detachPorts: Schema.optionalKey(Schema.Array(Schema.String)),
  }),
  Schema.Struct({ call: Schema.Literal("deleteServer"), ...callBase, computeName: Schema.String }),
  /** DELETE_SNAPSHOT of the oldest remaining snapshot of server `computeName` (its server may be gone). */
  Schema.Struct({ call: Schema.Literal("deleteServerSnapshot"), ...callBase, computeName: Schema.String }),
  /** Adds an image (uploaded at once); its size drives the transfer to a host on its first boot there. */
  Schema.Struct({
    call: Schema.Literal("createImage"),
    ...callBase,
    sizeGb: Schema.Finite.check(Schema.isGreaterThan(0)),
    visibility: Schema.optionalKey(Schema.Literals(["public", "private"])),
    minRamMb: Schema.optionalKey(Schema.Int),
    minDiskGb: Schema.optionalKey(Schema.Int),
  }),
  Schema.Struct({ call: Schema.Literal("deleteImage"), ...callBase }),
] as const;

const ALL = [...RESOURCE_CALLS, ...COMPUTE_CALLS, ...TENANT_RESOURCE_CALLS, ...RESERVATION_CALLS] as const;

/** Every call kind, in the order the union lists them (for messages). */
export const CALL_KINDS: readonly string[] = ALL.map((s) => s.fields.call.literal as string);

export const Call = Schema.Union(ALL).annotate({ message: `unknown or missing call; expected call to be one of: ${CALL_KINDS.join(", ")}` });
export type Call = typeof Call.Type;
