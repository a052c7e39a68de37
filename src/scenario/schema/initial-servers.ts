/**
 * The production state a run starts from (issue 19): servers alive at time 0 on named hosts, as
 * `nfvtwin import openstack` writes them from Placement's allocations. Data only; references are
 * checked in resolve/initial-servers.ts.
 */
import { Schema } from "effect";
import { DurationOrDistribution, field, Id, optional } from "./common.js";
import { GroupSpec } from "./group-spec.js";

export const InitialServer = Schema.Struct({
  id: field(Id, "the server's id in the source cloud (Placement's consumer uuid): its name in the run; servers are placed in id order"),
  tenant: field(Id, "tenant of the model owning it"),
  flavour: field(Id, "flavour of the model it has"),
  host: field(Id, "host id of the model it runs on (<zone>-<rack>-h<NNN>)"),
  group: optional(Id, "the server group (of initialServers.groups) it is a member of"),
});

export const InitialServerGroup = Schema.Struct({
  id: field(Id, "the group's id (Nova's server group uuid); later requests naming group.id join it and obey its policy"),
  ...GroupSpec.fields,
});

export const InitialServers = Schema.Struct({
  lifetime: optional(
    Schema.Literals(["wholeRun", "residual"]),
    "wholeRun (default): the servers live until the end of the run; residual: each lives a residual life, a uniform share of a lifetime drawn from residualOf (stream initial-servers/residual)",
  ),
  residualOf: optional(DurationOrDistribution, "with lifetime residual: the lifetime distribution (default: the lifetime of the first workload stream of the server's tenant, else of the first stream)"),
  groups: optional(Schema.Array(InitialServerGroup), "server groups that exist at time 0, created before the servers are placed; members stay where they are even when the policy is already broken"),
  servers: field(Schema.Array(InitialServer), "the servers, each on its host"),
});
export type InitialServers = typeof InitialServers.Type;
