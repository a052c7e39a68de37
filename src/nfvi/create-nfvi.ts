/** Building an NfviState from host specs, aggregates and options (shapes, accelerator images). */
import { ok, type ResourceAmounts, type Result } from "../domain/index.js";
import { AcceleratorPool } from "./accelerators/acc-pool.js";
import type { AccImageSpec } from "./accelerators/acc-spec.js";
import type { AggregateSpec, HostSpec } from "./host.js";
import { NfviState } from "./nfvi-state.js";
import { buildTopology } from "./topology.js";

/** Options of `createNfviState`. */
export interface NfviOptions {
  /** Request shapes to index exactly (e.g. every flavour); see NfviState.registerShape. */
  readonly shapes?: readonly Partial<ResourceAmounts>[];
  /** Accelerator images (FPGA bitstreams) hosts may load. */
  readonly accImages?: readonly AccImageSpec[];
}

/** Builds the NFVI state (every host empty) from host specs and aggregates. */
export function createNfviState(
  hosts: readonly HostSpec[],
  aggregates: readonly AggregateSpec[] = [],
  options: NfviOptions = {},
): Result<NfviState> {
  const topology = buildTopology(hosts, aggregates);
  if (!topology.ok) return topology;
  const state = new NfviState(topology.value);
  for (const shape of options.shapes ?? []) {
    const registered = state.registerShape(shape);
    if (!registered.ok) return registered;
  }
  if (hosts.some((h) => (h.accelerators?.length ?? 0) > 0)) {
    const byId = new Map(hosts.map((h) => [h.id as string, h.accelerators ?? []]));
    const ids = Array.from({ length: state.hostCount }, (_, h) => state.hostId(h) as string);
    state.accelerators = new AcceleratorPool(ids, ids.map((id) => byId.get(id) ?? []), options.accImages ?? []);
  }
  return ok(state);
}
