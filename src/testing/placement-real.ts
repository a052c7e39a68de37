/**
 * The differential run of nfvtwin's NFVI against a real OpenStack Placement (placement-server.ts):
 * random hosts (resource providers) with VCPU, PCPU, MEMORY_MB and DISK_GB inventories, and random
 * sequences of claims, deletions, inventory changes and allocation-candidate queries, applied to both.
 * `runBoth` answers, step by step, what each side decided and what it holds; the test requires equality.
 *
 * Modelled on both sides and compared: the capacity rule `(total − reserved) × allocation_ratio`,
 * min_unit / max_unit / step_size, all-or-nothing multi-class claims, deletions, inventory updates
 * below usage (accepted, "exceeded"), deleting an inventory in use (refused). Inventory writes carry
 * the provider generation, as a client must. Not generated, because the twin models them differently
 * (placement-real.test.ts pins each one): allocations spanning several providers (a twin consumer
 * holds one host), replacing a consumer's allocations (the twin refuses a second claim), the inputs
 * the twin refuses (allocation_ratio 0, min_unit > max_unit, a claim of nothing), and generation
 * counts (the twin's moves on every change, Placement's not on deletions).
 */
import fc from "fast-check";
import { asId, RESOURCE_CLASSES, type ResourceAmounts, type ResourceClass } from "../domain/index.js";
import { createNfviState, type HostSpec, type Inventory, type NfviState } from "../nfvi/index.js";
import { FILTERS, filterHosts, makePolicy, makeRequest, selectHost, type PlacementRequest, type Policy } from "../placement/index.js";
import type { PlacementResponse, PlacementServer } from "./placement-server.js";

export type InventorySet = Partial<Record<ResourceClass, Inventory>>;

/** One step applied to both sides; `host` is taken modulo the host count. */
export type Op =
  | { readonly kind: "claim"; readonly host: number; readonly amounts: Partial<ResourceAmounts> }
  /** A claim of exactly the twin's free units of `rc` plus `delta`: the capacity boundary, where rounding bites. */
  | { readonly kind: "claim-edge"; readonly host: number; readonly rc: ResourceClass; readonly delta: number }
  /** Deletes the allocations of the `pick`-th consumer ever named (released and refused ones included). */
  | { readonly kind: "release"; readonly pick: number }
  | { readonly kind: "set-inventory"; readonly host: number; readonly rc: ResourceClass; readonly inventory: Inventory }
  | { readonly kind: "remove-inventory"; readonly host: number; readonly rc: ResourceClass }
  | { readonly kind: "candidates"; readonly amounts: Partial<ResourceAmounts> }
  /** A claim Placement refuses with 400 whatever the provider holds: no class, a zero amount, an unknown class. */
  | { readonly kind: "claim-invalid"; readonly host: number; readonly resources: Readonly<Record<string, number>> };

/** Ratios whose products round: 0.7 × 10 = 7.000000000000001, 0.57 × 100 = 56.99999999999999. */
const RATIOS = [1, 0.1, 0.5, 0.57, 0.7, 1 / 3, 1.1, 1.5, 2, 2.2, 3.3, 4, 16];
const arbRatio = fc.oneof(
  { arbitrary: fc.constantFrom(...RATIOS), weight: 4 },
  { arbitrary: fc.double({ min: 0.05, max: 20, noNaN: true, noDefaultInfinity: true }), weight: 1 },
);

/** An inventory record; `reservedSlack` > 0 lets reserved exceed total (both sides must refuse it). */
export function arbInventory(_rc: ResourceClass, reservedSlack = 0): fc.Arbitrary<Inventory> {
  return fc
    .record({
      total: fc.integer({ min: 1, max: 40 }),
      reserved: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 + reservedSlack })),
      minUnit: fc.oneof({ arbitrary: fc.constant(1), weight: 3 }, { arbitrary: fc.integer({ min: 2, max: 3 }), weight: 1 }),
      maxUnit: fc.oneof(fc.constant(1000), fc.integer({ min: 1, max: 40 })),
      stepSize: fc.constantFrom(1, 1, 1, 2, 3),
      // Whatever Placement stores, the twin loads (issue 19): a PCPU ratio other than 1, ratio 0.
      allocationRatio: fc.oneof({ arbitrary: arbRatio, weight: 12 }, { arbitrary: fc.constant(0), weight: 1 }),
      // min_unit > max_unit (nothing fits) now and then, as Placement stores it.
      unitsCrossed: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    })
    .map(({ unitsCrossed, ...r }) => ({
      ...r,
      reserved: Math.min(r.reserved, r.total + reservedSlack),
      maxUnit: unitsCrossed ? Math.max(1, r.minUnit - 1) : Math.max(r.maxUnit, r.minUnit),
    }));
}

/** A host: each class present with probability 4/5. */
export const arbHost: fc.Arbitrary<InventorySet> = fc
  .tuple(...RESOURCE_CLASSES.map((rc) => fc.option(arbInventory(rc), { nil: undefined, freq: 5 })))
  .map((invs) => Object.fromEntries(RESOURCE_CLASSES.flatMap((rc, c) => (invs[c] === undefined ? [] : [[rc, invs[c]]]))));

const arbAmount = (max: number): fc.Arbitrary<number> => fc.oneof(fc.constant(0), fc.integer({ min: 1, max }));
/** Amounts of at least one class (Placement refuses an empty claim by schema, the twin would accept it). */
export const arbAmounts: fc.Arbitrary<Partial<ResourceAmounts>> = fc
  .record({ VCPU: arbAmount(12), PCPU: arbAmount(6), MEMORY_MB: arbAmount(16), DISK_GB: arbAmount(16) })
  .filter((a) => RESOURCE_CLASSES.some((rc) => a[rc] > 0))
  .map((a) => Object.fromEntries(RESOURCE_CLASSES.flatMap((rc) => (a[rc] > 0 ? [[rc, a[rc]]] : []))));

const arbRc = fc.constantFrom(...RESOURCE_CLASSES);
/**
 * Placement refuses reserved > total only when `int((total − reserved) × ratio) < 0`: int() truncates
 * towards zero, so (1 − 2) × 0.1 passes. The twin always refuses it; generate only refusals both make.
 */
const refusedByBoth = (inv: Inventory): boolean => inv.reserved <= inv.total || (inv.total - inv.reserved) * inv.allocationRatio <= -1;
const arbSetInventory = arbRc.chain((rc) =>
  fc.record({ kind: fc.constant("set-inventory" as const), host: fc.nat(), rc: fc.constant(rc), inventory: arbInventory(rc, 2).filter(refusedByBoth) }),
);

export const arbOp: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("claim" as const), host: fc.nat(), amounts: arbAmounts }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant("claim-edge" as const), host: fc.nat(), rc: arbRc, delta: fc.integer({ min: -1, max: 1 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("release" as const), pick: fc.nat() }), weight: 3 },
  { arbitrary: arbSetInventory, weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("remove-inventory" as const), host: fc.nat(), rc: arbRc }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("candidates" as const), amounts: arbAmounts }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant("claim-invalid" as const),
      host: fc.nat(),
      resources: fc.constantFrom<Record<string, number>>({}, { VCPU: 0 }, { VCPU: 1, MEMORY_MB: 0 }, { CUSTOM_NFVTWIN_NOPE: 1 }, { VCPU: 1, CUSTOM_NFVTWIN_NOPE: 2 }),
    }),
    weight: 1,
  },
);

/** An inventory record as Placement's API writes it. */
export const placementInventory = (inv: Inventory): Record<string, number> => ({
  total: inv.total,
  reserved: inv.reserved,
  min_unit: inv.minUnit,
  max_unit: inv.maxUnit,
  step_size: inv.stepSize,
  allocation_ratio: inv.allocationRatio,
});

/** Placement's inventory record (GET …/inventories) in the twin's representation. */
export function twinInventory(record: Record<string, number>): Inventory {
  const field = (name: string): number => {
    const value = record[name];
    if (typeof value !== "number") throw new Error(`inventory record without ${name}: ${JSON.stringify(record)}`);
    return value;
  };
  return {
    total: field("total"),
    reserved: field("reserved"),
    allocationRatio: field("allocation_ratio"),
    minUnit: field("min_unit"),
    maxUnit: field("max_unit"),
    stepSize: field("step_size"),
  };
}

/** A host spec carrying exactly these inventories (not Nova's defaults: the generator chose every field). */
export const twinHost = (id: string, inventories: InventorySet): HostSpec => ({
  id: asId(id),
  zone: asId("az1"),
  rack: asId("r1"),
  aggregates: [],
  physicalCpus: 1,
  numaNodes: 1,
  hypervisorType: "QEMU",
  inventories,
});

/** A UUID (what Placement requires of providers and consumers) unique in the file's database. */
export function uuidSequence(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, "0")}`;
}

/** `?resources=VCPU:2,MEMORY_MB:512` for the requested classes, in class order. */
export const resourcesQuery = (amounts: Partial<ResourceAmounts>): string =>
  RESOURCE_CLASSES.flatMap((rc) => ((amounts[rc] ?? 0) > 0 ? [`${rc}:${amounts[rc]}`] : [])).join(",");

/** Throws with the whole answer unless `status` is one of `expected`: anything else is a test bug. */
export function expectStatus(what: string, response: PlacementResponse, expected: readonly number[]): number {
  if (!expected.includes(response.status)) {
    throw new Error(`${what}: Placement answered ${response.status}, expected ${expected.join("/")}: ${JSON.stringify(response.body)}`);
  }
  return response.status;
}

/** The twin side of a run: the NFVI state and a capacity-only placement policy over it. */
export interface Twin {
  readonly state: NfviState;
  readonly capacityOnly: Policy;
}

/** A twin with these hosts (index i ↔ host `h<i>`, ids padded so index order is id order). */
export function makeTwin(hosts: readonly InventorySet[]): Twin {
  const state = createNfviState(hosts.map((inv, i) => twinHost(`h${String(i).padStart(2, "0")}`, inv)));
  if (!state.ok) throw new Error(`twin refused generated hosts: ${state.error.message}`);
  const policy = makePolicy("capacity-only", [FILTERS.get("capacity")!], []);
  if (!policy.ok) throw new Error(policy.error.message);
  return { state: state.value, capacityOnly: policy.value };
}

/** The hosts the twin's capacity filter passes for `amounts`, and the host its indexed `select` picks (−1: none). */
export function twinCandidates(twin: Twin, amounts: Partial<ResourceAmounts>): { passing: number[]; selected: number } {
  const request = makeRequest({ resources: amounts });
  if (!request.ok) throw new Error(request.error.message);
  const r: PlacementRequest = request.value;
  return { passing: filterHosts(twin.capacityOnly.filters, twin.state, r), selected: selectHost(twin.capacityOnly, twin.state, r) };
}

/**
 * Creates one provider per host with its inventories (PUT at generation 0); returns their uuids and
 * each provider's generation after it.
 */
export async function createProviders(
  server: PlacementServer,
  hosts: readonly InventorySet[],
  nextUuid: () => string,
): Promise<{ uuids: string[]; generations: number[] }> {
  const uuids: string[] = [];
  const generations: number[] = [];
  for (const inventories of hosts) {
    const uuid = nextUuid();
    expectStatus("POST /resource_providers", await server.request("POST", "/resource_providers", { name: uuid, uuid }), [200]);
    const records = Object.fromEntries(Object.entries(inventories).map(([rc, inv]) => [rc, placementInventory(inv)]));
    const put = await server.request("PUT", `/resource_providers/${uuid}/inventories`, { resource_provider_generation: 0, inventories: records });
    expectStatus("PUT inventories", put, [200]);
    uuids.push(uuid);
    generations.push(generationOf(put));
  }
  return { uuids, generations };
}

/** The `resource_provider_generation` of an inventory answer. */
export function generationOf(response: PlacementResponse): number {
  const generation = (response.body as { resource_provider_generation?: unknown } | null)?.resource_provider_generation;
  if (typeof generation !== "number") throw new Error(`no resource_provider_generation in ${JSON.stringify(response.body)}`);
  return generation;
}
