/**
 * `nfvtwin import openstack`: the I/O around ingest's pure import. Reads Placement's answers over
 * HTTP (microversion 1.39, token from OS_TOKEN, never printed) or from a folder of recorded answers,
 * Nova's answers from a folder and a nova.conf; checks that the model and scenario it would write
 * load; then writes the model, the scenario stub and the import report, each atomically. Nothing is
 * written on bad input (exit 2), and no file nfvtwin did not write is ever replaced.
 */
import * as Effect from "effect/Effect";
import { existsSync, lstatSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { env } from "node:process";
import {
  ASSOCIATED_TRAITS_PATH,
  consumerPath,
  importOpenStack,
  isImportOutput,
  listedConsumers,
  listedProviders,
  parseNovaConf,
  PLACEMENT_MICROVERSION,
  PROVIDERS_PATH,
  providerPath,
  providersWithTraitPath,
  readNovaAnswers,
  readPlacementSite,
  traitAnswersFromListings,
  usagesAnswerFrom,
  type NovaConf,
  type NovaSite,
  type PlacementSite,
} from "../ingest/index.js";
import { formatInputIssue, loadScenario, memoryReader } from "../scenario/index.js";
import { printOut } from "./cli-io.js";
import { CommandFailure, EXIT_INVALID_INPUT } from "./exit-codes.js";
import { writeFileAtomic } from "./write-output.js";
import { cloudCredentials, findCloudsYaml } from "./os-cloud.js";
import { keepAliveClient, type HttpAnswer, type KeepAliveClient } from "./http-get.js";

export interface ImportOpenStackOptions {
  readonly placementUrl: string | undefined;
  readonly placementDir: string | undefined;
  /** A clouds.yaml entry: the token (and the endpoint when --placement-url is not given). */
  readonly osCloud?: string | undefined;
  readonly novaDir: string | undefined;
  readonly novaConf: string | undefined;
  readonly outModel: string;
  readonly outScenario: string | undefined;
  readonly name: string | undefined;
}

const refuse = (lines: string[]) => new CommandFailure(EXIT_INVALID_INPUT, lines.map((l) => `nfvtwin: ${l}`));

/** The handler: read, map, check, write. */
export function importOpenStackHandler(o: ImportOpenStackOptions) {
  return Effect.gen(function* () {
    const live = o.placementUrl !== undefined || o.osCloud !== undefined;
    if (live === (o.placementDir !== undefined)) return yield* Effect.fail(refuse(["import openstack takes one of --placement-url URL (or --os-cloud NAME) or --placement-dir DIR"]));
    const outScenario = o.outScenario ?? `${o.outModel.replace(/\.ya?ml$/, "")}.scenario.yaml`;
    const outReport = `${o.outModel.replace(/\.ya?ml$/, "")}.import.md`;
    const targets = [o.outModel, outScenario, outReport];
    const guard = targetProblems(targets);
    if (guard.length > 0) return yield* Effect.fail(refuse(guard));
    const endpoint = live ? yield* liveEndpoint(o.placementUrl, o.osCloud) : undefined;
    const nova = o.novaDir === undefined ? undefined : yield* Effect.try({ try: () => novaFromDir(o.novaDir!), catch: asFailure });
    // Nova's servers name their projects: the walk skips GET /allocations/{consumer} for them.
    const known = new Set(nova?.servers.map((s) => s.id) ?? []);
    const placement = endpoint !== undefined ? yield* fetchPlacement(endpoint.url, endpoint.token, known) : yield* Effect.try({ try: () => placementFromDir(o.placementDir!), catch: asFailure });
    const conf = o.novaConf === undefined ? undefined : yield* Effect.try({ try: () => confFromFile(o.novaConf!), catch: asFailure });
    const sources = [endpoint === undefined ? `Placement answers in ${basename(o.placementDir!)}` : `Placement API ${safeUrl(endpoint.url)}`];
    if (o.novaDir !== undefined) sources.push(`Nova answers in ${basename(o.novaDir)}`);
    if (o.novaConf !== undefined) sources.push(basename(o.novaConf));
    const modelRef = relative(dirname(outScenario), o.outModel).split(sep).join("/") || basename(o.outModel);
    const name = o.name ?? basename(o.outModel).replace(/\.ya?ml$/, "").replace(/\.model$/, "");
    const out = importOpenStack({ placement, ...(nova === undefined ? {} : { nova }), ...(conf === undefined ? {} : { conf }), name, sources, modelRef });
    // The files must load as they are: a site the model cannot express is refused here, not at `run`.
    // In memory, at their absolute paths, so the scenario's relative `model:` resolves as it will on disk.
    const [scenarioKey, modelKey] = [resolve(outScenario), resolve(o.outModel)].map((p) => p.split(sep).join("/"));
    const loaded = loadScenario(memoryReader({ [scenarioKey!]: out.scenarioText, [modelKey!]: out.modelText }), scenarioKey!, () => undefined);
    if (!loaded.ok) return yield* Effect.fail(refuse(["the imported site does not load as a model and scenario (please report this):", ...loaded.issues.map(formatInputIssue)]));
    yield* Effect.sync(() => {
      writeFileAtomic(o.outModel, out.modelText);
      writeFileAtomic(outScenario, out.scenarioText);
      writeFileAtomic(outReport, out.reportText);
    });
    yield* printOut(
      `nfvtwin: wrote ${o.outModel} (${out.hosts.length} hosts), ${outScenario} (${out.servers.length} servers at time 0) and ${outReport} (${out.notes.length} items not mapped)\n`,
    );
  });
}

const asFailure = (e: unknown): CommandFailure => (e instanceof CommandFailure ? e : refuse([e instanceof Error ? e.message : String(e)]));

/** Targets that exist and are not the importer's own output (or cannot be read): never replaced. */
export function targetProblems(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    if (!existsSync(path)) return [];
    try {
      if (!lstatSync(path).isFile()) return [`refusing to write ${path}: it exists and is not a file; choose another --out-model/--out-scenario or remove it`];
      if (isImportOutput(readFileSync(path, "utf8"))) return [];
    } catch (e) {
      return [`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`];
    }
    return [`refusing to write ${path}: it exists and nfvtwin import did not write it; choose another --out-model/--out-scenario or remove it`];
  });
}

/** A URL as printed: no user, password, query or fragment (a token never reaches the output). */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`.replace(/\/$/, "");
  } catch {
    return "(an unparsable URL)";
  }
}

/** A folder of recorded answers ({request: "GET /path", microversion, response}) as a site. */
function placementFromDir(dir: string): PlacementSite {
  const answers = new Map<string, unknown>();
  for (const file of jsonFiles(dir)) {
    const doc = parseJson(join(dir, file)) as { request?: unknown; microversion?: unknown; response?: unknown } | null;
    const request = typeof doc?.request === "string" ? /^GET (\S+)$/.exec(doc.request)?.[1] : undefined;
    if (request === undefined || doc?.response === undefined) throw refuse([`${join(dir, file)}: not a recorded answer ({"request": "GET /...", "microversion", "response"})`]);
    if (doc.microversion !== PLACEMENT_MICROVERSION) throw refuse([`${join(dir, file)}: microversion ${JSON.stringify(doc.microversion)}; nfvtwin reads Placement ${PLACEMENT_MICROVERSION}`]);
    answers.set(request, doc.response);
  }
  return siteOrFail(readPlacementSite((path) => answers.get(path)), dir);
}

function siteOrFail(r: ReturnType<typeof readPlacementSite>, where: string): PlacementSite {
  if (r.ok) return r.site;
  throw refuse(r.problems.map((p) => `${where}: ${p.path}: ${p.kind === "MISSING_ANSWER" ? "missing answer" : "malformed answer"}: ${p.message}`));
}

function novaFromDir(dir: string): NovaSite {
  const files = jsonFiles(dir).map((name) => {
    const doc = parseJson(join(dir, name)) as Record<string, unknown> | null;
    // Recorded answers ({request, response}) or plain API bodies.
    const body = doc !== null && typeof doc === "object" && "response" in doc && "request" in doc ? doc["response"] : doc;
    return { name, body };
  });
  const { site, problems } = readNovaAnswers(files);
  if (problems.length > 0) throw refuse(problems.map((p) => `${dir}/${p}`));
  return site;
}

function confFromFile(path: string): NovaConf {
  try {
    return parseNovaConf(readFileSync(path, "utf8"));
  } catch (e) {
    throw refuse([`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`]);
  }
}

function jsonFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  } catch (e) {
    throw refuse([`cannot read the folder ${dir}: ${e instanceof Error ? e.message : String(e)}`]);
  }
}

function parseJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw refuse([`${path}: not JSON: ${e instanceof Error ? e.message : String(e)}`]);
  }
}

/**
 * Requests in flight at once, each on its own kept-alive connection: a large site is thousands of GETs,
 * and a deployed Placement answers them in parallel (several uwsgi/mod_wsgi processes; 8 keeps 2-4 of
 * them busy while answers travel, and is modest for an API shared with Nova's scheduler).
 */
const CONCURRENCY = 8;

/** The Placement URL and token: from --os-cloud's clouds.yaml entry, else --placement-url and OS_TOKEN. */
function liveEndpoint(placementUrl: string | undefined, osCloud: string | undefined) {
  if (osCloud === undefined) return Effect.succeed({ url: placementUrl!, token: env["OS_TOKEN"] });
  return Effect.tryPromise({ try: () => cloudCredentials(findCloudsYaml(), osCloud, placementUrl), catch: asFailure });
}

/** Walks a live Placement. */
function fetchPlacement(url: string, token: string | undefined, known: ReadonlySet<string>) {
  return Effect.tryPromise({ try: () => readPlacementOverHttp(url, token, undefined, known), catch: asFailure });
}

/** The per-provider requests of the walk; traits and usages come from bulk answers (see below). */
const WALKED_PARTS = ["inventories", "aggregates", "allocations"] as const;

/**
 * Walks a live Placement: the providers; the traits any provider has and, per trait, the providers
 * having it; each provider's inventories, aggregates and allocations (its usages are their sums, as
 * Placement computes them); then the allocations of each consumer not in `known` (the servers Nova
 * listed with their projects; a consumer gone meanwhile, 404, is skipped). 1 + 1 + traits +
 * 3 × providers + unknown consumers requests (5 × providers + consumers before: each request costs
 * 10-20 ms on a Python Placement). Rejects with a CommandFailure (exit 2) naming the URL and the
 * status; the token goes in X-Auth-Token only. `stats.requests` counts the GETs sent.
 */
export async function readPlacementOverHttp(url: string, token: string | undefined, stats?: { requests: number }, known: ReadonlySet<string> = new Set()): Promise<PlacementSite> {
  const client = keepAliveClient(CONCURRENCY);
  try {
    return await walkPlacement(url.replace(/\/+$/, ""), token, client, stats, known);
  } finally {
    client.close();
  }
}

async function walkPlacement(base: string, token: string | undefined, client: KeepAliveClient, stats: { requests: number } | undefined, known: ReadonlySet<string>): Promise<PlacementSite> {
  const answers = new Map<string, unknown>();
  const get = async (path: string, optional = false): Promise<void> => {
    if (stats !== undefined) stats.requests++;
    const body = await getJson(client, base, path, token, optional);
    if (body !== undefined) answers.set(path, body);
  };
  await get(PROVIDERS_PATH);
  await get(ASSOCIATED_TRAITS_PATH);
  const listed = listedProviders(answers.get(PROVIDERS_PATH));
  if (!listed.ok) throw refuse([`${safeUrl(base + PROVIDERS_PATH)}: malformed answer: ${listed.problem.message}`]);
  const traitNames = traitNamesOf(answers.get(ASSOCIATED_TRAITS_PATH));
  await inParallel([
    ...traitNames.map((trait) => () => get(providersWithTraitPath(trait))),
    ...listed.uuids.flatMap((uuid) => WALKED_PARTS.map((part) => () => get(providerPath(uuid, part)))),
  ]);
  const traits = traitAnswersFromListings(listed.uuids, (path) => answers.get(path));
  if (!traits.ok) throw refuse([`${safeUrl(base + traits.problem.path)}: malformed answer: ${traits.problem.message}`]);
  for (const uuid of listed.uuids) {
    answers.set(providerPath(uuid, "traits"), traits.answers.get(uuid));
    // Malformed inventories or allocations give no sums: an empty answer, so the reader names those instead.
    const usages = usagesAnswerFrom(answers.get(providerPath(uuid, "inventories")), answers.get(providerPath(uuid, "allocations")));
    answers.set(providerPath(uuid, "usages"), usages ?? { usages: {} });
  }
  const consumers = listedConsumers(listed.uuids.map((uuid) => answers.get(providerPath(uuid, "allocations"))));
  await inParallel(consumers.filter((c) => !known.has(c)).map((c) => () => get(consumerPath(c), true)));
  return siteOrFail(readPlacementSite((path) => answers.get(path)), safeUrl(base));
}

/** The trait names of GET /traits?associated=true (a malformed answer is reported by traitAnswersFromListings). */
function traitNamesOf(body: unknown): string[] {
  const traits = typeof body === "object" && body !== null ? (body as { traits?: unknown }).traits : undefined;
  return Array.isArray(traits) ? traits.filter((t): t is string => typeof t === "string").sort() : [];
}

async function inParallel(tasks: ReadonlyArray<() => Promise<void>>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, tasks.length) }, worker));
}

/** One GET at microversion 1.39; an error status or another microversion is exit 2 naming the URL (never the token). */
async function getJson(client: KeepAliveClient, base: string, path: string, token: string | undefined, optional: boolean): Promise<unknown> {
  const url = base + path;
  let response: HttpAnswer;
  try {
    const headers: Record<string, string> = { Accept: "application/json", "OpenStack-API-Version": `placement ${PLACEMENT_MICROVERSION}` };
    if (token !== undefined && token !== "") headers["X-Auth-Token"] = token;
    response = await client.get(url, headers);
  } catch (e) {
    throw refuse([`cannot reach Placement at ${safeUrl(url)}: ${e instanceof Error ? e.message : String(e)}`]);
  }
  if (optional && response.status === 404) return undefined;
  if (response.status < 200 || response.status > 299) throw refuse([`Placement at ${safeUrl(url)} answered ${response.status} ${response.statusText}`.trimEnd()]);
  const version = response.header("openstack-api-version") ?? null;
  if (version !== `placement ${PLACEMENT_MICROVERSION}`) {
    throw refuse([`Placement at ${safeUrl(url)} answered microversion ${JSON.stringify(version)}; nfvtwin needs placement ${PLACEMENT_MICROVERSION} (Placement 8.0, Zed, or later)`]);
  }
  try {
    return JSON.parse(response.bodyText) as unknown;
  } catch {
    throw refuse([`Placement at ${safeUrl(url)} answered ${response.status} with a body that is not JSON`]);
  }
}
