/**
 * `operations.calls`: tenant users calling the VIM's typed API at set times (`as: <user id>`), with
 * the checks a real VIM makes: roles and tenants (FORBIDDEN), pools that run out (EXHAUSTED), bad
 * input (MALFORMED, CONFLICT), wrong states (WRONG_STATE). Resources are named in the file and
 * referred to by those names; a server by `computeName` (the newest live one of that name).
 * `count` repeats a call (names get -1, -2, ... suffixes), e.g. to run an address pool dry.
 */
import { Schema } from "effect";
import { Duration, Id, field, optional } from "./common.js";
import { ActionFields } from "./operations-fields.js";
import { TENANT_RESOURCE_CALLS } from "./calls-tenant.js";
import { RESOURCE_CALLS } from "./calls-resources.js";
import { callBase, callKind, ComputeName } from "./call-base.js";
import { RESERVATION_CALLS } from "./calls-reservations.js";

const COMPUTE_CALLS = [
  /** A server of `flavour`, from the image named `image` if given (by an earlier createImage). */
  Schema.Struct({
    call: callKind("createServer"),
    ...callBase,
    flavour: field(Id, "flavour id of the model"),
    zone: optional(Id, "availability zone (default: any)"),
    image: optional(Schema.String, "boot from the image of this name (an earlier createImage)"),
    bootTime: optional(Duration, "how long the server takes to boot (default: the scenario's defaultBootTime)"),
    keyPair: optional(Schema.String, "the key pair of this name (an earlier createKeyPair)"),
    securityGroups: optional(Schema.Array(Schema.String), "security groups by name (earlier createSecurityGroup calls)"),
    metadata: optional(Schema.Record(Schema.String, Schema.String), "server metadata: key → value"),
  }),
  /** IFA Operate / Scale / Migrate on the server `computeName`, with the fields of a scripted action. */
  Schema.Struct({ call: callKind("operateServer"), ...callBase, computeName: ComputeName, ...ActionFields }),
  /**
   * UpdateVirtualisedComputeResource: sets and removes metadata keys, and/or adds interfaces (on
   * networks, the VIM making the ports; or with ports made earlier) and detaches ports, all or nothing.
   */
  Schema.Struct({
    call: callKind("updateServer"),
    ...callBase,
    computeName: ComputeName,
    set: optional(Schema.Record(Schema.String, Schema.String), "metadata keys to set: key → value"),
    remove: optional(Schema.Array(Schema.String), "metadata keys to remove"),
    attachNetworks: optional(Schema.Array(Schema.String), "add an interface on each of these networks (by name; the VIM makes the ports)"),
    attachPorts: optional(Schema.Array(Schema.String), "add an interface with each of these ports (by name, made earlier)"),
    detachPorts: optional(Schema.Array(Schema.String), "remove the interfaces of these ports (by name)"),
  }),
  Schema.Struct({ call: callKind("deleteServer"), ...callBase, computeName: ComputeName }),
  /** DELETE_SNAPSHOT of the oldest remaining snapshot of server `computeName` (its server may be gone). */
  Schema.Struct({ call: callKind("deleteServerSnapshot"), ...callBase, computeName: ComputeName }),
  /** Adds an image (uploaded at once); its size drives the transfer to a host on its first boot there. */
  Schema.Struct({
    call: callKind("createImage"),
    ...callBase,
    sizeGb: field(Schema.Finite.check(Schema.isGreaterThan(0)), "image size in GiB (may be fractional)"),
    visibility: optional(Schema.Literals(["public", "private"]), "who may boot from it (default private: its tenant)"),
    minRamMb: optional(Schema.Int, "least flavour memory in MiB the image boots with"),
    minDiskGb: optional(Schema.Int, "least flavour root disk in GiB the image boots with"),
  }),
  Schema.Struct({ call: callKind("deleteImage"), ...callBase }),
] as const;

const ALL = [...RESOURCE_CALLS, ...COMPUTE_CALLS, ...TENANT_RESOURCE_CALLS, ...RESERVATION_CALLS] as const;

/** Every call kind, in the order the union lists them (for messages). */
export const CALL_KINDS: readonly string[] = ALL.map((s) => s.fields.call.literal as string);

export const Call = Schema.Union(ALL).annotate({ message: `unknown or missing call; expected call to be one of: ${CALL_KINDS.join(", ")}` });
export type Call = typeof Call.Type;
