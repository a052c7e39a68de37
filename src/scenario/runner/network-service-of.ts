/**
 * The run's network service, built with the model's network configuration (its external network's
 * public IP pool and its segmentation ranges), or the VIM's defaults when the model has no `network:`.
 */
import type { EventLog } from "../../metrics/index.js";
import { NetworkService, type Clock } from "../../vim/index.js";
import { runNetwork } from "../resolve/resolve-network.js";
import type { RunSpec } from "../resolve/run-spec.js";

/** A NetworkService over the run's clock and log, configured from `spec.model` (runNetwork). */
export function networkService(spec: RunSpec, clock: Clock, log: EventLog): NetworkService {
  const n = runNetwork(spec.model);
  return new NetworkService(clock, log, n.segmentation, { networkId: n.external.networkId, cidr: n.external.cidr });
}
