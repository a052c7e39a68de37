/**
 * A Placement site read from its API answers (microversion 1.39): GET /resource_providers, then per
 * provider its inventories, aggregates, traits, usages and allocations, and per consumer
 * GET /allocations/{consumer} (the only answer naming the consumer's project). Pure: the caller hands
 * in a lookup from request path to decoded JSON body, filled over HTTP or from a folder of answers.
 */

/** The microversion every request asks for and every answer must carry. */
export const PLACEMENT_MICROVERSION = "1.39";

/** One inventory record, in Placement's units. */
export interface PlacementInventory {
  readonly total: number;
  readonly reserved: number;
  readonly allocationRatio: number;
  readonly minUnit: number;
  readonly maxUnit: number;
  readonly stepSize: number;
}

/** A resource provider with everything the walk read about it. */
export interface PlacementProvider {
  readonly uuid: string;
  readonly name: string;
  readonly generation: number;
  readonly parentUuid: string | null;
  readonly rootUuid: string;
  /** Resource class → record, classes sorted. */
  readonly inventories: Readonly<Record<string, PlacementInventory>>;
  readonly aggregates: readonly string[];
  readonly traits: readonly string[];
  readonly usages: Readonly<Record<string, number>>;
  /** Consumer uuid → resource class → amount on this provider. */
  readonly allocations: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** What GET /allocations/{consumer} says about a consumer besides its amounts. */
export interface PlacementConsumer {
  readonly projectId: string;
  readonly userId: string;
  readonly consumerType: string | undefined;
}

export interface PlacementSite {
  /** Sorted by name, then uuid. */
  readonly providers: readonly PlacementProvider[];
  /** Consumers whose GET /allocations/{consumer} answer was available. */
  readonly consumers: Readonly<Record<string, PlacementConsumer>>;
}

/** Decoded body of GET `path`, or undefined when that answer is not available. */
export type AnswerLookup = (path: string) => unknown;

export const PROVIDERS_PATH = "/resource_providers";
export const PROVIDER_PARTS = ["inventories", "aggregates", "traits", "usages", "allocations"] as const;
export type ProviderPart = (typeof PROVIDER_PARTS)[number];
export const providerPath = (uuid: string, part: ProviderPart): string => `/resource_providers/${uuid}/${part}`;
export const consumerPath = (consumer: string): string => `/allocations/${consumer}`;

/**
 * The bulk requests of the HTTP walk (a large site is thousands of GETs, each 10-20 ms on a Python
 * Placement): the traits any provider has, then per trait the providers that have it (1.18's
 * `required`), instead of one traits request per provider.
 */
export const ASSOCIATED_TRAITS_PATH = "/traits?associated=true";
export const providersWithTraitPath = (trait: string): string => `/resource_providers?required=${encodeURIComponent(trait)}`;

/**
 * Each provider's GET /resource_providers/{uuid}/traits answer rebuilt from the bulk answers: a
 * provider has a trait when the trait's listing names it. Undefined (with the path at fault) when an
 * answer is missing or malformed.
 */
export function traitAnswersFromListings(uuids: readonly string[], lookup: AnswerLookup): { ok: true; answers: Map<string, { traits: string[] }> } | { ok: false; problem: AnswerProblem } {
  const answers = new Map(uuids.map((u) => [u, { traits: [] as string[] }]));
  let names: string[];
  try {
    const body = lookup(ASSOCIATED_TRAITS_PATH);
    need(isObj(body), "expected { traits: [...] }");
    names = decodeStrings((body as Obj)["traits"], "traits");
  } catch (e) {
    return { ok: false, problem: malformed(ASSOCIATED_TRAITS_PATH, e) };
  }
  for (const name of names) {
    const path = providersWithTraitPath(name);
    try {
      for (const p of decodeProviderList(lookup(path))) answers.get(p.uuid)?.traits.push(name);
    } catch (e) {
      return { ok: false, problem: malformed(path, e) };
    }
  }
  return { ok: true, answers };
}

/**
 * A provider's GET /resource_providers/{uuid}/usages answer as Placement computes it: per class of
 * its inventory, the sum of its allocations (0 when none). Saves one request per provider.
 */
export function usagesAnswerFrom(inventoriesBody: unknown, allocationsBody: unknown): { usages: Record<string, number> } | undefined {
  if (!isObj(inventoriesBody) || !isObj(inventoriesBody["inventories"]) || !isObj(allocationsBody) || !isObj(allocationsBody["allocations"])) return undefined;
  const usages: Record<string, number> = {};
  for (const rc of Object.keys(inventoriesBody["inventories"])) usages[rc] = 0;
  for (const consumer of Object.values(allocationsBody["allocations"])) {
    const resources = isObj(consumer) ? consumer["resources"] : undefined;
    if (!isObj(resources)) return undefined;
    for (const [rc, amount] of Object.entries(resources)) {
      if (!isCount(amount)) return undefined;
      usages[rc] = (usages[rc] ?? 0) + amount;
    }
  }
  return { usages };
}

/** Why the answers do not describe a site (a kind, and the request path at fault). */
export interface AnswerProblem {
  readonly kind: "MISSING_ANSWER" | "MALFORMED_ANSWER";
  readonly path: string;
  readonly message: string;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);
const isCount = (x: unknown): x is number => typeof x === "number" && Number.isSafeInteger(x) && x >= 0;

class Malformed extends Error {}
const need = (ok: boolean, what: string): void => {
  if (!ok) throw new Malformed(what);
};

/** The provider uuids GET /resource_providers lists (to walk next), or the problem. */
export function listedProviders(body: unknown): { ok: true; uuids: string[] } | { ok: false; problem: AnswerProblem } {
  try {
    return { ok: true, uuids: decodeProviderList(body).map((p) => p.uuid) };
  } catch (e) {
    return { ok: false, problem: malformed(PROVIDERS_PATH, e) };
  }
}

/** Consumer uuids allocated on any provider, sorted (for the GET /allocations/{consumer} walk). */
export function listedConsumers(allocationsBodies: readonly unknown[]): string[] {
  const out = new Set<string>();
  for (const body of allocationsBodies) if (isObj(body) && isObj(body["allocations"])) for (const c of Object.keys(body["allocations"])) out.add(c);
  return [...out].sort();
}

/** Reads the whole site through `lookup`; every missing or malformed provider answer is a problem. */
export function readPlacementSite(lookup: AnswerLookup): { ok: true; site: PlacementSite } | { ok: false; problems: AnswerProblem[] } {
  const problems: AnswerProblem[] = [];
  const listed = lookup(PROVIDERS_PATH);
  if (listed === undefined) return { ok: false, problems: [{ kind: "MISSING_ANSWER", path: PROVIDERS_PATH, message: "no answer" }] };
  let heads: ProviderHead[];
  try {
    heads = decodeProviderList(listed);
  } catch (e) {
    return { ok: false, problems: [malformed(PROVIDERS_PATH, e)] };
  }
  const providers: PlacementProvider[] = [];
  for (const head of heads) {
    const parts: Partial<Record<ProviderPart, unknown>> = {};
    for (const part of PROVIDER_PARTS) {
      const body = lookup(providerPath(head.uuid, part));
      if (body === undefined) problems.push({ kind: "MISSING_ANSWER", path: providerPath(head.uuid, part), message: `no answer for provider ${head.name}` });
      else parts[part] = body;
    }
    if (PROVIDER_PARTS.some((p) => parts[p] === undefined)) continue;
    const provider = decodeProvider(head, parts as Record<ProviderPart, unknown>, problems);
    if (provider !== undefined) providers.push(provider);
  }
  const consumers: Record<string, PlacementConsumer> = {};
  for (const consumer of listedConsumers(providers.map((p) => ({ allocations: p.allocations })))) {
    const body = lookup(consumerPath(consumer));
    if (body === undefined) continue; // optional: without it the consumer's project is unknown (reported)
    try {
      consumers[consumer] = decodeConsumer(body);
    } catch (e) {
      problems.push(malformed(consumerPath(consumer), e));
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  providers.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.uuid < b.uuid ? -1 : 1));
  return { ok: true, site: { providers, consumers } };
}

interface ProviderHead {
  readonly uuid: string;
  readonly name: string;
  readonly generation: number;
  readonly parentUuid: string | null;
  readonly rootUuid: string;
}

function decodeProviderList(body: unknown): ProviderHead[] {
  need(isObj(body) && Array.isArray(body["resource_providers"]), "expected { resource_providers: [...] }");
  return ((body as Obj)["resource_providers"] as unknown[]).map((p, i) => {
    need(isObj(p), `resource_providers[${i}] is not an object`);
    const o = p as Obj;
    const { uuid, name, generation, parent_provider_uuid: parent, root_provider_uuid: root } = o;
    need(typeof uuid === "string" && typeof name === "string" && isCount(generation), `resource_providers[${i}] needs uuid, name and generation`);
    need(parent === null || typeof parent === "string", `resource_providers[${i}].parent_provider_uuid must be a string or null`);
    need(typeof root === "string", `resource_providers[${i}].root_provider_uuid must be a string`);
    return { uuid: uuid as string, name: name as string, generation: generation as number, parentUuid: parent as string | null, rootUuid: root as string };
  });
}

function decodeProvider(head: ProviderHead, parts: Record<ProviderPart, unknown>, problems: AnswerProblem[]): PlacementProvider | undefined {
  const at = (part: ProviderPart, read: (body: Obj) => unknown): unknown => {
    try {
      need(isObj(parts[part]), "expected a JSON object");
      return read(parts[part] as Obj);
    } catch (e) {
      problems.push(malformed(providerPath(head.uuid, part), e));
      return undefined;
    }
  };
  const inventories = at("inventories", (b) => decodeRecord(b["inventories"], "inventories", decodeInventory));
  const aggregates = at("aggregates", (b) => decodeStrings(b["aggregates"], "aggregates"));
  const traits = at("traits", (b) => decodeStrings(b["traits"], "traits"));
  const usages = at("usages", (b) => decodeRecord(b["usages"], "usages", (x, where) => (need(isCount(x), `${where} must be a count`), x as number)));
  const allocations = at("allocations", (b) => decodeRecord(b["allocations"], "allocations", (x, where) => {
    need(isObj(x), `${where} must be an object`);
    return decodeRecord((x as Obj)["resources"], `${where}.resources`, (a, w) => (need(isCount(a), `${w} must be a count`), a as number));
  }));
  if ([inventories, aggregates, traits, usages, allocations].some((x) => x === undefined)) return undefined;
  return {
    ...head,
    inventories: inventories as Record<string, PlacementInventory>,
    aggregates: aggregates as string[],
    traits: traits as string[],
    usages: usages as Record<string, number>,
    allocations: allocations as Record<string, Record<string, number>>,
  };
}

function decodeInventory(x: unknown, where: string): PlacementInventory {
  need(isObj(x), `${where} must be an object`);
  const o = x as Obj;
  const count = (key: string): number => (need(isCount(o[key]), `${where}.${key} must be a count`), o[key] as number);
  const ratio = o["allocation_ratio"];
  need(typeof ratio === "number" && Number.isFinite(ratio) && ratio >= 0, `${where}.allocation_ratio must be a number ≥ 0`);
  return { total: count("total"), reserved: count("reserved"), allocationRatio: ratio as number, minUnit: count("min_unit"), maxUnit: count("max_unit"), stepSize: count("step_size") };
}

function decodeConsumer(body: unknown): PlacementConsumer {
  need(isObj(body), "expected a JSON object");
  const o = body as Obj;
  need(typeof o["project_id"] === "string" && typeof o["user_id"] === "string", "project_id and user_id must be strings");
  const type = o["consumer_type"];
  return { projectId: o["project_id"] as string, userId: o["user_id"] as string, consumerType: typeof type === "string" ? type : undefined };
}

/** A JSON object's entries decoded one by one, keys sorted. */
function decodeRecord<T>(x: unknown, where: string, item: (value: unknown, where: string) => T): Record<string, T> {
  need(isObj(x), `${where} must be an object`);
  const out: Record<string, T> = {};
  for (const key of Object.keys(x as Obj).sort()) out[key] = item((x as Obj)[key], `${where}.${key}`);
  return out;
}

function decodeStrings(x: unknown, where: string): string[] {
  need(Array.isArray(x) && x.every((s) => typeof s === "string"), `${where} must be a list of strings`);
  return [...(x as string[])].sort();
}

function malformed(path: string, e: unknown): AnswerProblem {
  if (!(e instanceof Malformed)) throw e;
  return { kind: "MALFORMED_ANSWER", path, message: e.message };
}
