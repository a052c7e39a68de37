/**
 * Applies one generated run (placement-real.ts) to a real Placement and to nfvtwin's NFVI, and
 * returns what each side answered at every step and what each holds at the end, in one shape, so
 * the test compares them with `toEqual` and a failure shows the step, the op and both answers.
 */
import { RESOURCE_CLASSES, type ResourceAmounts, type ResourceClass } from "../domain/index.js";
import type { Inventory } from "../nfvi/index.js";
import {
  createProviders,
  expectStatus,
  generationOf,
  makeTwin,
  placementInventory,
  resourcesQuery,
  twinCandidates,
  twinInventory,
  type InventorySet,
  type Op,
  type Twin,
} from "./placement-real.js";
import type { PlacementServer } from "./placement-server.js";

/** What one side answered to one op (decisions, and for queries the hosts and numbers it returned). */
export interface Step {
  readonly step: number;
  readonly op: Op;
  readonly placement: unknown;
  readonly twin: unknown;
}

/**
 * What one side holds for one host: inventories and usages. Generations are not compared here: the
 * twin's counts every change (a release too, so memos see it), Placement's only inventory changes and
 * allocation writes (placement-real.test.ts pins the difference).
 */
export interface Holding {
  readonly inventories: InventorySet;
  readonly usages: Record<ResourceClass, number>;
}

export interface RunAnswers {
  readonly steps: Step[];
  readonly placement: Holding[];
  readonly twin: Holding[];
}

interface Run {
  readonly server: PlacementServer;
  readonly twin: Twin;
  readonly uuids: readonly string[];
  readonly consumers: string[];
  /**
   * Each provider's generation as this client knows it, kept the way Placement moves it: +1 per
   * accepted claim and per inventory change, nothing on DELETE /allocations (allocation.py delete_all).
   * A wrong count makes the next inventory write fail with 409, which expectStatus reports.
   */
  readonly generations: number[];
  readonly nextUuid: () => string;
}

/** Runs `ops` on fresh providers for `hosts` and on a fresh twin of them. */
export async function runBoth(server: PlacementServer, hosts: readonly InventorySet[], ops: readonly Op[], nextUuid: () => string): Promise<RunAnswers> {
  const twin = makeTwin(hosts);
  const { uuids, generations } = await createProviders(server, hosts, nextUuid);
  const run: Run = { server, twin, uuids, consumers: [], generations, nextUuid };
  const steps: Step[] = [];
  for (const [step, op] of ops.entries()) {
    const answers = await applyOp(run, op);
    if (answers !== null) steps.push({ step, op, ...answers });
  }
  const placement: Holding[] = [];
  for (const uuid of uuids) placement.push(await placementHolding(server, uuid));
  return { steps, placement, twin: hosts.map((_, h) => twinHolding(twin, h)) };
}

type Answers = { placement: unknown; twin: unknown } | null;

function applyOp(run: Run, op: Op): Promise<Answers> {
  const h = "host" in op ? op.host % run.uuids.length : 0;
  switch (op.kind) {
    case "claim":
      return claim(run, h, op.amounts);
    case "claim-edge": {
      const amount = run.twin.state.free(h, RESOURCE_CLASSES.indexOf(op.rc)) + op.delta;
      return amount < 1 ? Promise.resolve(null) : claim(run, h, { [op.rc]: amount });
    }
    case "release":
      return release(run, op.pick);
    case "set-inventory":
      return setInventory(run, h, op.rc, op.inventory);
    case "remove-inventory":
      return removeInventory(run, h, op.rc);
    case "candidates":
      return candidates(run, op.amounts);
    case "claim-invalid":
      return claim(run, h, op.resources as Partial<ResourceAmounts>);
  }
}

/** A new consumer claims `amounts` on host h: PUT /allocations/{consumer} (Nova's claim) vs NfviState.claim. */
async function claim(run: Run, h: number, amounts: Partial<ResourceAmounts>): Promise<Answers> {
  const consumer = run.nextUuid();
  run.consumers.push(consumer);
  const body = {
    allocations: { [run.uuids[h]!]: { resources: amounts } },
    project_id: "nfvtwin",
    user_id: "nfvtwin",
    consumer_generation: null,
    consumer_type: "INSTANCE",
  };
  // 409: the provider cannot take it (capacity, unit rules); 400: the request itself is wrong (no class,
  // a zero amount, an unknown class), which the twin answers with INVALID_ARGUMENT.
  const status = expectStatus("PUT /allocations", await run.server.request("PUT", `/allocations/${consumer}`, body), [204, 400, 409]);
  if (status === 204) run.generations[h]!++;
  const twin = run.twin.state.claim(consumer, h, amounts);
  const placement = status === 204 ? "accepted" : status === 400 ? "invalid" : "refused";
  return { placement, twin: twin.ok ? "accepted" : twin.error.kind === "CONFLICT" ? "refused" : twin.error.kind === "INVALID_ARGUMENT" ? "invalid" : twin.error.kind };
}

/** Deletes a consumer's allocations: DELETE /allocations/{consumer} vs NfviState.release. */
async function release(run: Run, pick: number): Promise<Answers> {
  if (run.consumers.length === 0) return null;
  const consumer = run.consumers[pick % run.consumers.length]!;
  const status = expectStatus("DELETE /allocations", await run.server.request("DELETE", `/allocations/${consumer}`), [204, 404]);
  const twin = run.twin.state.release(consumer);
  return { placement: status === 204 ? "accepted" : "not-found", twin: twin.ok ? "accepted" : twin.error.kind === "NOT_FOUND" ? "not-found" : twin.error.kind };
}

/**
 * Replaces (PUT, with the provider generation, as a client must) or creates (POST)
 * one inventory; Placement refuses reserved > total with 400, the twin with INVALID_ARGUMENT.
 */
async function setInventory(run: Run, h: number, rc: ResourceClass, inventory: Inventory): Promise<Answers> {
  const uuid = run.uuids[h]!;
  const generation = run.generations[h]!;
  const present = run.twin.state.inventory(h, RESOURCE_CLASSES.indexOf(rc)) !== undefined;
  const record = placementInventory(inventory);
  const response = present
    ? await run.server.request("PUT", `/resource_providers/${uuid}/inventories/${rc}`, { ...record, resource_provider_generation: generation })
    : await run.server.request("POST", `/resource_providers/${uuid}/inventories`, { ...record, resource_class: rc });
  const status = expectStatus(`${present ? "PUT" : "POST"} inventory`, response, present ? [200, 400] : [201, 400]);
  if (status !== 400) run.generations[h] = generationOf(response);
  const twin = run.twin.state.setInventory(h, rc, inventory);
  return { placement: status === 400 ? "refused" : "accepted", twin: twin.ok ? "accepted" : twin.error.kind === "INVALID_ARGUMENT" ? "refused" : twin.error.kind };
}

/** Deletes an inventory the host has: DELETE …/inventories/{rc} (409 in use) vs setInventory(undefined). */
async function removeInventory(run: Run, h: number, rc: ResourceClass): Promise<Answers> {
  if (run.twin.state.inventory(h, RESOURCE_CLASSES.indexOf(rc)) === undefined) return null;
  const response = await run.server.request("DELETE", `/resource_providers/${run.uuids[h]!}/inventories/${rc}`);
  const status = expectStatus("DELETE inventory", response, [204, 409]);
  if (status === 204) run.generations[h]!++;
  const twin = run.twin.state.setInventory(h, rc, undefined);
  return { placement: status === 204 ? "accepted" : "refused", twin: twin.ok ? "accepted" : twin.error.kind === "CONFLICT" ? "refused" : twin.error.kind };
}

interface CandidateAnswer {
  /** Host indices that fit, ascending. */
  readonly fitting: number[];
  /** Capacity and usage per class of every fitting host, as Placement's provider summaries report them. */
  readonly summaries: Record<string, Record<string, { capacity: number; used: number }>>;
  /** The twin's indexed `select` picked a fitting host, or none when none fits (Placement: always true). */
  readonly selectAgrees: boolean;
}

/** GET /allocation_candidates vs the twin's capacity filter (and its indexed select) for the same amounts. */
async function candidates(run: Run, amounts: Partial<ResourceAmounts>): Promise<Answers> {
  const response = await run.server.request("GET", `/allocation_candidates?resources=${resourcesQuery(amounts)}`);
  expectStatus("GET /allocation_candidates", response, [200]);
  const body = response.body as {
    allocation_requests: { allocations: Record<string, unknown> }[];
    provider_summaries: Record<string, { resources: Record<string, { capacity: number; used: number }> }>;
  };
  const hostOf = new Map(run.uuids.map((uuid, h) => [uuid, h]));
  const fitting = body.allocation_requests
    .flatMap((r) => Object.keys(r.allocations).flatMap((uuid) => (hostOf.has(uuid) ? [hostOf.get(uuid)!] : [])))
    .sort((a, b) => a - b);
  const summaries = Object.fromEntries(
    fitting.map((h) => [`h${h}`, Object.fromEntries(Object.entries(body.provider_summaries[run.uuids[h]!]?.resources ?? {}).map(([rc, r]) => [rc, { capacity: r.capacity, used: r.used }]))]),
  );
  const placement: CandidateAnswer = { fitting, summaries, selectAgrees: true };
  const twin = twinCandidates(run.twin, amounts);
  const twinAnswer: CandidateAnswer = {
    fitting: twin.passing,
    summaries: Object.fromEntries(twin.passing.map((h) => [`h${h}`, twinSummary(run.twin, h)])),
    selectAgrees: twin.selected === -1 ? twin.passing.length === 0 : twin.passing.includes(twin.selected),
  };
  return { placement, twin: twinAnswer };
}

function twinSummary(twin: Twin, h: number): Record<string, { capacity: number; used: number }> {
  return Object.fromEntries(
    RESOURCE_CLASSES.flatMap((rc, c) => (twin.state.inventory(h, c) === undefined ? [] : [[rc, { capacity: twin.state.capacity(h, c), used: twin.state.used(h, c) }]])),
  );
}

async function placementHolding(server: PlacementServer, uuid: string): Promise<Holding> {
  const inventories = await server.request("GET", `/resource_providers/${uuid}/inventories`);
  expectStatus("GET inventories", inventories, [200]);
  const usages = await server.request("GET", `/resource_providers/${uuid}/usages`);
  expectStatus("GET usages", usages, [200]);
  const inv = inventories.body as { inventories: Record<string, Record<string, number>> };
  const used = (usages.body as { usages: Record<string, number> }).usages;
  return {
    inventories: Object.fromEntries(Object.entries(inv.inventories).map(([rc, record]) => [rc, twinInventory(record)])),
    usages: Object.fromEntries(RESOURCE_CLASSES.map((rc) => [rc, used[rc] ?? 0])) as Record<ResourceClass, number>,
  };
}

function twinHolding(twin: Twin, h: number): Holding {
  const inventories: InventorySet = {};
  RESOURCE_CLASSES.forEach((rc, c) => {
    const inv = twin.state.inventory(h, c);
    if (inv !== undefined) inventories[rc] = twinInventory(placementInventory(inv));
  });
  return {
    inventories,
    usages: Object.fromEntries(RESOURCE_CLASSES.map((rc, c) => [rc, twin.state.used(h, c)])) as Record<ResourceClass, number>,
  };
}
