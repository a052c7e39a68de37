/** A server group's policy, shared by requests and by the production state (initialServers). */
import { Schema } from "effect";
import { field, optional, PositiveInt } from "./common.js";

export const GroupSpec = Schema.Struct({
  policy: field(Schema.Literals(["affinity", "anti-affinity", "soft-affinity", "soft-anti-affinity"]), "server group policy"),
  maxPerHost: optional(PositiveInt, "anti-affinity: at most this many members per host, a count (Nova's max_server_per_host); default 1"),
});
