/**
 * Answers recorded from a real OpenStack Placement (microversion 1.39) for a five-host cloud, kept in
 * src/ingest/openstack/testdata/placement/ (the import's test data too): per root (compute node) provider its inventories, usages and
 * allocations. Nested providers (VGPU, FPGA) are left out: the twin models accelerators apart.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { RESOURCE_CLASSES, type ResourceAmounts, type ResourceClass } from "../domain/index.js";
import { twinInventory, type InventorySet } from "./placement-real.js";

const SAMPLES = join(dirname(fileURLToPath(import.meta.url)), "..", "ingest", "openstack", "testdata", "placement");

/** One compute node as the recording shows it. */
export interface SampleHost {
  readonly name: string;
  readonly uuid: string;
  /** The raw inventory records (Placement's field names), as recorded. */
  readonly records: Record<string, Record<string, number>>;
  readonly inventories: InventorySet;
  /** Recorded GET …/usages, every class of the host (zeros included). */
  readonly usages: Record<string, number>;
  /** Recorded GET …/allocations: consumer uuid → amounts on this host. */
  readonly allocations: Record<string, Partial<ResourceAmounts>>;
}

const response = (file: string): Record<string, unknown> =>
  (JSON.parse(readFileSync(join(SAMPLES, file), "utf8")) as { response: Record<string, unknown> }).response;

const isTwinClass = (rc: string): rc is ResourceClass => (RESOURCE_CLASSES as readonly string[]).includes(rc);

/** The root providers of the recording, in name order. */
export function sampleHosts(): SampleHost[] {
  const providers = response("resource_providers.json")["resource_providers"] as { name: string; uuid: string; parent_provider_uuid: string | null }[];
  return providers
    .filter((p) => p.parent_provider_uuid === null)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((p) => {
      const records = response(`rp-${p.name}-inventories.json`)["inventories"] as Record<string, Record<string, number>>;
      const allocations = response(`rp-${p.name}-allocations.json`)["allocations"] as Record<string, { resources: Record<string, number> }>;
      const foreign = Object.keys(records).filter((rc) => !isTwinClass(rc));
      if (foreign.length > 0) throw new Error(`sample ${p.name} has classes the twin does not model: ${foreign.join(", ")}`);
      return {
        name: p.name,
        uuid: p.uuid,
        records,
        inventories: Object.fromEntries(Object.entries(records).map(([rc, r]) => [rc, twinInventory(r)])),
        usages: response(`rp-${p.name}-usages.json`)["usages"] as Record<string, number>,
        allocations: Object.fromEntries(Object.entries(allocations).map(([consumer, a]) => [consumer, a.resources])),
      };
    });
}
