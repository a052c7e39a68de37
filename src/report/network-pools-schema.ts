/** The JSON Schema of summary.json's `networkPools`: written only when the model has a `network:` section. */
import { closed, int, str, type Schema } from "./schema-parts.js";

const counts = { total: int, inUseAtEnd: int };

export const NETWORK_POOLS_SCHEMA: Schema = closed({
  external: closed({ networkId: str, cidr: str }),
  publicIps: closed(counts),
  vlan: closed({ min: int, max: int, ...counts }),
  vxlan: closed({ min: int, max: int, ...counts }),
  flatNetworks: { type: "array", items: str },
});
