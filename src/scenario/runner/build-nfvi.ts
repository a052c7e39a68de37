/** The NFVI state of a run, built from the resolved model's hosts and aggregates. */
import { asId, InvariantViolation, RESOURCE_CLASSES, type AggregateId, type HostId, type RackId, type ZoneId } from "../../domain/index.js";
import { createNfviState, type AggregateSpec, type HostSpec, type Inventory, type NfviState } from "../../nfvi/index.js";
import type { ResolvedHost, ResolvedModel } from "../resolve/resolved-model.js";
import { nfviInventory } from "../resolve/profile-inventory.js";

/**
 * Host specs for the NFVI room: Placement inventories with unit rules (min 1, step 1, max = total).
 * Hosts of one profile share one inventories record (the resolved model shares them per profile): a
 * record per host cost some 270 bytes a host on the 200,000 hosts of bench/hyperscale.
 */
export function hostSpecs(model: ResolvedModel): HostSpec[] {
  const shared = new Map<ResolvedHost["inventories"], HostSpec["inventories"]>();
  const inventoriesOf = (resolved: ResolvedHost["inventories"]): HostSpec["inventories"] => {
    let built = shared.get(resolved);
    if (built === undefined) {
      const inventories: Partial<Record<(typeof RESOURCE_CLASSES)[number], Inventory>> = {};
      for (const rc of RESOURCE_CLASSES) {
        const inv = resolved[rc];
        if (inv !== undefined) inventories[rc] = nfviInventory(inv);
      }
      built = inventories;
      shared.set(resolved, built);
    }
    return built;
  };
  return model.hosts.map((h) => ({
    id: asId<HostId>(h.id),
    zone: asId<ZoneId>(h.zone),
    rack: asId<RackId>(`${h.zone}/${h.rack}`),
    aggregates: h.aggregates.map((a) => asId<AggregateId>(a)),
    physicalCpus: h.physicalCpus,
    numaNodes: h.numaNodes,
    hypervisorType: h.hypervisor,
    inventories: inventoriesOf(h.inventories),
    ...(h.accelerators === undefined ? {} : { accelerators: h.accelerators }),
    ...(h.traits === undefined ? {} : { traits: h.traits }),
  }));
}

/** Aggregate specs (id and metadata) of the model. */
export function aggregateSpecs(model: ResolvedModel): AggregateSpec[] {
  return model.aggregates.map((a) => ({ id: asId<AggregateId>(a.id), metadata: a.metadata }));
}

/**
 * The NFVI of `model`; a model that passed resolution always builds, anything else is a bug. Every
 * flavour is registered as a request shape, so the capacity index answers "which hosts fit this
 * flavour" exactly instead of from per-class maxima (much faster on mixed fleets).
 */
export function buildNfvi(model: ResolvedModel): NfviState {
  const shapes = [...model.flavours.keys()].sort().map((id) => model.flavours.get(id)!.amounts);
  const accImages = model.accelerators?.images;
  const built = createNfviState(hostSpecs(model), aggregateSpecs(model), accImages === undefined ? { shapes } : { shapes, accImages });
  if (!built.ok) throw new InvariantViolation("MODEL", `resolved model ${model.name} did not build: ${built.error.message}`);
  return built.value;
}
