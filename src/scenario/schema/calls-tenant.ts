/**
 * `operations.calls` on tenant resources: key pairs (tenant users), security groups (tenant
 * administrators), stacks (a named bundle of servers, networks and volumes made and removed as one).
 */
import { Schema } from "effect";
import { callBase, callKind } from "./call-base.js";
import { Duration, Id, PositiveInt, field, optional } from "./common.js";

export const SecurityGroupRule = Schema.Struct({
  direction: field(Schema.Literals(["ingress", "egress"]), "traffic direction the rule allows"),
  protocol: field(Schema.Literals(["tcp", "udp", "icmp", "any"]), "IP protocol"),
  portMin: optional(Schema.Int, "lowest port of the range, 0..65535"),
  portMax: optional(Schema.Int, "highest port of the range, 0..65535"),
  remoteIpPrefix: optional(Schema.String, "remote CIDR; default any IPv4 address"),
});

/** A stack member, by kind (Heat OS::Nova::Server, OS::Neutron::Net with an optional subnet, OS::Cinder::Volume). */
export const StackResource = Schema.Union([
  Schema.Struct({
    type: field(Schema.Literal("server"), "member kind: server"),
    name: field(Schema.String, "the member's name"),
    flavour: field(Id, "flavour id of the model"),
    image: optional(Schema.String, "boot from the image of this name"),
    zone: optional(Id, "availability zone (default: any)"),
    bootTime: optional(Duration, "how long the server takes to boot"),
  }),
  Schema.Struct({
    type: field(Schema.Literal("network"), "member kind: network"),
    name: field(Schema.String, "the member's name"),
    networkType: field(Schema.Literals(["vlan", "vxlan", "flat"]), "network type"),
    cidr: optional(Schema.String, "IPv4 or IPv6 CIDR of a subnet made with it"),
  }),
  Schema.Struct({
    type: field(Schema.Literal("volume"), "member kind: volume"),
    name: field(Schema.String, "the member's name"),
    sizeGb: field(PositiveInt, "volume size in GiB"),
    zone: optional(Id, "availability zone of the volume backend (default: the model's first zone)"),
  }),
]).annotate({ message: "unknown or missing stack resource type; expected type to be one of: server, network, volume" });

/** Quota items a call may set (IFA compute, network and storage quotas; -1 is unlimited). */
const QuotaLimits = Schema.Struct({
  instances: optional(Schema.Int, "servers, a count; -1 unlimited"),
  cores: optional(Schema.Int, "vCPUs, a count; -1 unlimited"),
  ram: optional(Schema.Int, "memory in MiB; -1 unlimited"),
  port: optional(Schema.Int, "ports, a count; -1 unlimited"),
  subnet: optional(Schema.Int, "subnets, a count; -1 unlimited"),
  floatingip: optional(Schema.Int, "public (floating) IPs, a count; -1 unlimited"),
  volumes: optional(Schema.Int, "volumes, a count; -1 unlimited"),
  gigabytes: optional(Schema.Int, "volume storage in GiB; -1 unlimited"),
  snapshots: optional(Schema.Int, "volume snapshots, a count; -1 unlimited"),
});

export const TENANT_RESOURCE_CALLS = [
  /**
   * Update*ResourceQuota of `tenant` (cloud administrators: `as: admin`, the VIM's own administrator);
   * below current usage is CONFLICT unless `force: true`, and nothing is evicted either way.
   */
  Schema.Struct({ call: callKind("updateQuota"), ...callBase, tenant: field(Id, "tenant whose quota changes"), limits: field(QuotaLimits, "new limits; items left out keep theirs"), force: optional(Schema.Boolean, "allow limits below current usage (nothing is evicted)") }),
  /** Terminate*ResourceQuota: the tenant falls back to the OpenStack defaults (the same lowering rule). */
  Schema.Struct({ call: callKind("deleteQuota"), ...callBase, tenant: field(Id, "tenant whose quota is deleted"), force: optional(Schema.Boolean, "allow defaults below current usage (nothing is evicted)") }),
  /** Imports a key pair; without `publicKey` a deterministic ed25519 key is made up from the name. */
  Schema.Struct({ call: callKind("createKeyPair"), ...callBase, publicKey: optional(Schema.String, "the public key to import (default: a deterministic ed25519 key made up from the name)") }),
  Schema.Struct({ call: callKind("deleteKeyPair"), ...callBase }),
  Schema.Struct({ call: callKind("createSecurityGroup"), ...callBase, rules: optional(Schema.Array(SecurityGroupRule), "the group's rules"), description: optional(Schema.String, "free text") }),
  Schema.Struct({ call: callKind("deleteSecurityGroup"), ...callBase }),
  Schema.Struct({ call: callKind("createStack"), ...callBase, resources: field(Schema.Array(StackResource), "the stack's members: servers, networks and volumes") }),
  Schema.Struct({ call: callKind("deleteStack"), ...callBase }),
] as const;
