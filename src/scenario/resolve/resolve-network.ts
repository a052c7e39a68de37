/**
 * Resolves a model's `network:` section (schema/network.ts) into the configuration a run's network
 * service is built with, defaults filled from the VIM's (DEFAULT_PUBLIC_POOL, DEFAULT_SEGMENTATION).
 * Checks with positions: the external CIDR must give an IPv4 pool with at least one address (the
 * pool's own rule, publicPoolSize), a range's min must not exceed its max, flat networks are unique.
 * A model without the section resolves to undefined, so its resolved model (and digest) is unchanged.
 */
import { DEFAULT_PUBLIC_POOL, DEFAULT_SEGMENTATION, publicPoolSize } from "../../vim/index.js";
import type { InfrastructureModel } from "../schema/model.js";
import { findDuplicates } from "./duplicates.js";
import type { ResolvedModel, ResolvedNetwork } from "./resolved-model.js";

type Path = Array<string | number>;
type Err = (path: Path, message: string) => void;
type Range = readonly [number, number];

/** The model's network configuration with defaults filled, or undefined when the model has no `network:`. */
export function resolveNetwork(model: InfrastructureModel, err: Err): ResolvedNetwork | undefined {
  const n = model.network;
  if (n === undefined) return undefined;
  const cidr = n.external?.cidr ?? DEFAULT_PUBLIC_POOL.cidr;
  const size = publicPoolSize(cidr);
  if (!size.ok) err(["network", "external", "cidr"], size.error.message);
  const range = (type: "vlan" | "vxlan"): Range => {
    const r = n.segmentation?.[type] ?? DEFAULT_SEGMENTATION[type];
    if (r[0] > r[1]) err(["network", "segmentation", type], `a ${type} range is [min, max] with min ≤ max; got [${r[0]}, ${r[1]}]`);
    return [r[0], r[1]];
  };
  const flatNetworks = n.segmentation?.flatNetworks ?? DEFAULT_SEGMENTATION.flatNetworks;
  for (const d of findDuplicates(flatNetworks)) err(["network", "segmentation", "flatNetworks", d.index], `duplicate flat network "${d.id}" (first at flatNetworks.${d.firstIndex}); a physical network carries one flat network`);
  return {
    external: { networkId: n.external?.id ?? DEFAULT_PUBLIC_POOL.networkId, cidr, publicIps: size.ok ? size.value : 0 },
    segmentation: { vlan: range("vlan"), vxlan: range("vxlan"), flatNetworks: [...flatNetworks] },
  };
}

/** The network configuration of a run on `model`: the model's, or the VIM's defaults when it has none. */
export function runNetwork(model: ResolvedModel): ResolvedNetwork {
  return model.network ?? DEFAULT_NETWORK;
}

const DEFAULT_NETWORK: ResolvedNetwork = {
  external: { ...DEFAULT_PUBLIC_POOL, publicIps: sizeOf(DEFAULT_PUBLIC_POOL.cidr) },
  segmentation: DEFAULT_SEGMENTATION,
};

function sizeOf(cidr: string): number {
  const size = publicPoolSize(cidr);
  return size.ok ? size.value : 0;
}
