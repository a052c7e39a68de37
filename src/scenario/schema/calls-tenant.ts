/**
 * `operations.calls` on tenant resources: key pairs (tenant users), security groups (tenant
 * administrators), stacks (a named bundle of servers, networks and volumes made and removed as one).
 */
import { Schema } from "effect";
import { callBase } from "./call-base.js";
import { Duration, Id, PositiveInt } from "./common.js";

export const SecurityGroupRule = Schema.Struct({
  direction: Schema.Literals(["ingress", "egress"]),
  protocol: Schema.Literals(["tcp", "udp", "icmp", "any"]),
  portMin: Schema.optionalKey(Schema.Int),
  portMax: Schema.optionalKey(Schema.Int),
  /** Remote CIDR; default any IPv4 address. */
  remoteIpPrefix: Schema.optionalKey(Schema.String),
});

/** A stack member, by kind (Heat OS::Nova::Server, OS::Neutron::Net with an optional subnet, OS::Cinder::Volume). */
export const StackResource = Schema.Union([
  Schema.Struct({ type: Schema.Literal("server"), name: Schema.String, flavour: Id, image: Schema.optionalKey(Schema.String), zone: Schema.optionalKey(Id), bootTime: Schema.optionalKey(Duration) }),
  Schema.Struct({ type: Schema.Literal("network"), name: Schema.String, networkType: Schema.Literals(["vlan", "vxlan", "flat"]), cidr: Schema.optionalKey(Schema.String) }),
  Schema.Struct({ type: Schema.Literal("volume"), name: Schema.String, sizeGb: PositiveInt, zone: Schema.optionalKey(Id) }),
]).annotate({ message: "unknown or missing stack resource type; expected type to be one of: server, network, volume" });

/** Quota items a call may set (IFA compute, network and storage quotas; -1 is unlimited). */
const QuotaLimits = Schema.Struct({
  instances: Schema.optionalKey(Schema.Int),
  cores: Schema.optionalKey(Schema.Int),
  ram: Schema.optionalKey(Schema.Int),
  port: Schema.optionalKey(Schema.Int),
  subnet: Schema.optionalKey(Schema.Int),
  floatingip: Schema.optionalKey(Schema.Int),
  volumes: Schema.optionalKey(Schema.Int),
  gigabytes: Schema.optionalKey(Schema.Int),
  snapshots: Schema.optionalKey(Schema.Int),
});

export const TENANT_RESOURCE_CALLS = [
  /**
   * Update*ResourceQuota of `tenant` (cloud administrators: `as: admin`, the VIM's own administrator);
   * below current usage is CONFLICT unless `force: true`, and nothing is evicted either way.
   */
  Schema.Struct({ call: Schema.Literal("updateQuota"), ...callBase, tenant: Id, limits: QuotaLimits, force: Schema.optionalKey(Schema.Boolean) }),
  /** Terminate*ResourceQuota: the tenant falls back to the OpenStack defaults (the same lowering rule). */
  Schema.Struct({ call: Schema.Literal("deleteQuota"), ...callBase, tenant: Id, force: Schema.optionalKey(Schema.Boolean) }),
  /** Imports a key pair; without `publicKey` a deterministic ed25519 key is made up from the name. */
  Schema.Struct({ call: Schema.Literal("createKeyPair"), ...callBase, publicKey: Schema.optionalKey(Schema.String) }),
  Schema.Struct({ call: Schema.Literal("deleteKeyPair"), ...callBase }),
  Schema.Struct({ call: Schema.Literal("createSecurityGroup"), ...callBase, rules: Schema.optionalKey(Schema.Array(SecurityGroupRule)), description: Schema.optionalKey(Schema.String) }),
  Schema.Struct({ call: Schema.Literal("deleteSecurityGroup"), ...callBase }),
  Schema.Struct({ call: Schema.Literal("createStack"), ...callBase, resources: Schema.Array(StackResource) }),
  Schema.Struct({ call: Schema.Literal("deleteStack"), ...callBase }),
] as const;
