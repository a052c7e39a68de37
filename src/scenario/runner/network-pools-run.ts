/**
 * The run's network service, built with the model's network configuration (its external network's
 * public IP pool and its segmentation ranges) or the VIM's defaults when the model has no `network:`,
 * and summary.json's `networkPools` section: the pools' totals as the VIM built them (so a report
 * shows the model's pool, not the default one) and what is in use at the end. Only a model with a
 * `network:` section gets the section.
 */
import type { EventLog } from "../../metrics/index.js";
import { NetworkService, PUBLIC_IP_POOL, segmentPool, type Clock } from "../../vim/index.js";
import { runNetwork } from "../resolve/resolve-network.js";
import type { ResolvedModel, ResolvedNetwork } from "../resolve/resolved-model.js";

/** A NetworkService over the run's clock and log, configured from the run's model (runNetwork). */
export function networkService(model: ResolvedModel, clock: Clock, log: EventLog): NetworkService {
  const n = runNetwork(model);
  return new NetworkService(clock, log, n.segmentation, { networkId: n.external.networkId, cidr: n.external.cidr });
}

export interface PoolCounts {
  readonly total: number;
  readonly inUseAtEnd: number;
}

/** summary.json `networkPools` (present only when the model has a `network:` section). */
export interface NetworkPoolsSummary {
  readonly external: { readonly networkId: string; readonly cidr: string };
  readonly publicIps: PoolCounts;
  readonly vlan: PoolCounts & { readonly min: number; readonly max: number };
  readonly vxlan: PoolCounts & { readonly min: number; readonly max: number };
  /** Physical networks flat networks may use, as the model lists them. */
  readonly flatNetworks: readonly string[];
}

/** The section at the end of the run, counted from the run's network service. */
export function networkPoolsSummary(config: ResolvedNetwork, network: NetworkService): NetworkPoolsSummary {
  const counts = (pool: string): PoolCounts => ({ total: network.poolCapacity(pool) ?? 0, inUseAtEnd: network.poolInUse(pool) });
  const range = (type: "vlan" | "vxlan") => ({ min: config.segmentation[type][0], max: config.segmentation[type][1], ...counts(segmentPool(type)) });
  return {
    external: { networkId: config.external.networkId, cidr: config.external.cidr },
    publicIps: counts(PUBLIC_IP_POOL),
    vlan: range("vlan"),
    vxlan: range("vxlan"),
    flatNetworks: [...config.segmentation.flatNetworks],
  };
}
