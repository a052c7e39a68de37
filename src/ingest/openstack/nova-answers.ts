/**
 * Nova's API answers as its api_samples show them (and `openstack ... -f json` prints): flavours with
 * extra specs (GET /flavors/detail, 2.61+), host aggregates with availability zones and metadata
 * (GET /os-aggregates), hypervisors (GET /os-hypervisors/detail), server groups
 * (GET /os-server-groups) and servers (GET /servers/detail?all_tenants=1: each server's project, so the
 * Placement walk need not ask GET /allocations/{consumer} for it). A file is recognised by its top-level key; unknown files are reported.
 */

export interface NovaFlavour {
  readonly id: string;
  readonly name: string;
  readonly vcpus: number;
  readonly ramMb: number;
  readonly diskGb: number;
  readonly extraSpecs: Readonly<Record<string, string>>;
}

export interface NovaAggregate {
  readonly name: string;
  readonly uuid: string | undefined;
  readonly availabilityZone: string | undefined;
  /** Nova service host names, sorted. */
  readonly hosts: readonly string[];
  readonly metadata: Readonly<Record<string, string>>;
}

export interface NovaHypervisor {
  readonly hostname: string;
  readonly state: string | undefined;
  readonly status: string | undefined;
}

export interface NovaServerGroup {
  readonly id: string;
  readonly name: string;
  readonly policy: string;
  /** rules.max_server_per_host (anti-affinity, Nova 2.64+), when given. */
  readonly maxPerHost: number | undefined;
  readonly members: readonly string[];
}

/** A server of GET /servers/detail: its id is its Placement consumer uuid. */
export interface NovaServer {
  readonly id: string;
  readonly projectId: string;
  readonly userId: string;
}

export interface NovaSite {
  readonly flavours: readonly NovaFlavour[];
  readonly aggregates: readonly NovaAggregate[];
  readonly hypervisors: readonly NovaHypervisor[];
  readonly serverGroups: readonly NovaServerGroup[];
  /** Sorted by id. */
  readonly servers: readonly NovaServer[];
}

export const EMPTY_NOVA: NovaSite = { flavours: [], aggregates: [], hypervisors: [], serverGroups: [], servers: [] };

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);
const str = (x: unknown): string | undefined => (typeof x === "string" ? x : typeof x === "number" ? String(x) : undefined);
const count = (x: unknown): number | undefined => (typeof x === "number" && Number.isSafeInteger(x) && x >= 0 ? x : undefined);
const strings = (x: unknown): string[] => (Array.isArray(x) ? x.flatMap((s) => (typeof s === "string" ? [s] : [])).sort() : []);
const stringRecord = (x: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (isObj(x)) for (const k of Object.keys(x).sort()) if (typeof x[k] === "string") out[k] = x[k] as string;
  return out;
};

/**
 * Merges the Nova answers of several files (name → decoded JSON) into one site; `problems` names each
 * file or entry that could not be read, by file name and index.
 */
export function readNovaAnswers(files: ReadonlyArray<{ readonly name: string; readonly body: unknown }>): { site: NovaSite; problems: string[] } {
  const problems: string[] = [];
  const flavours: NovaFlavour[] = [];
  const aggregates: NovaAggregate[] = [];
  const hypervisors: NovaHypervisor[] = [];
  const serverGroups: NovaServerGroup[] = [];
  const servers: NovaServer[] = [];
  for (const { name, body } of [...files].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const each = (key: string, read: (x: Obj) => string | undefined) => {
      ((body as Obj)[key] as unknown[]).forEach((x, i) => {
        const problem = isObj(x) ? read(x) : "not an object";
        if (problem !== undefined) problems.push(`${name}: ${key}[${i}]: ${problem}`);
      });
    };
    if (!isObj(body)) problems.push(`${name}: not a JSON object`);
    else if (Array.isArray(body["flavors"])) each("flavors", (x) => push(flavours, flavour(x)));
    else if (Array.isArray(body["aggregates"])) each("aggregates", (x) => push(aggregates, aggregate(x)));
    else if (Array.isArray(body["hypervisors"])) each("hypervisors", (x) => push(hypervisors, hypervisor(x)));
    else if (Array.isArray(body["server_groups"])) each("server_groups", (x) => push(serverGroups, serverGroup(x)));
    else if (Array.isArray(body["servers"])) each("servers", (x) => push(servers, server(x)));
    else problems.push(`${name}: not a Nova answer nfvtwin reads (expected flavors, aggregates, hypervisors, server_groups or servers)`);
  }
  const byName = <T extends { name: string }>(xs: T[]) => xs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  hypervisors.sort((a, b) => (a.hostname < b.hostname ? -1 : 1));
  servers.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { site: { flavours: byName(flavours), aggregates: byName(aggregates), hypervisors, serverGroups: byName(serverGroups), servers }, problems };
}

function push<T>(list: T[], x: T | string): string | undefined {
  if (typeof x === "string") return x;
  list.push(x);
  return undefined;
}

function flavour(x: Obj): NovaFlavour | string {
  const id = str(x["id"]);
  const name = str(x["name"]);
  const vcpus = count(x["vcpus"]);
  const ramMb = count(x["ram"]);
  const diskGb = count(x["disk"]);
  if (id === undefined || name === undefined || vcpus === undefined || ramMb === undefined || diskGb === undefined) return "a flavour needs id, name, vcpus, ram and disk";
  return { id, name, vcpus, ramMb, diskGb, extraSpecs: stringRecord(x["extra_specs"]) };
}

function aggregate(x: Obj): NovaAggregate | string {
  const name = str(x["name"]);
  if (name === undefined) return "an aggregate needs a name";
  const metadata = stringRecord(x["metadata"]);
  const zone = str(x["availability_zone"]) ?? metadata["availability_zone"];
  return { name, uuid: str(x["uuid"]), availabilityZone: zone, hosts: strings(x["hosts"]), metadata };
}

function hypervisor(x: Obj): NovaHypervisor | string {
  const hostname = str(x["hypervisor_hostname"]);
  if (hostname === undefined) return "a hypervisor needs hypervisor_hostname";
  return { hostname, state: str(x["state"]), status: str(x["status"]) };
}

function serverGroup(x: Obj): NovaServerGroup | string {
  const id = str(x["id"]);
  const name = str(x["name"]);
  const policy = str(x["policy"]) ?? strings(x["policies"])[0];
  if (id === undefined || name === undefined || policy === undefined) return "a server group needs id, name and policy";
  const maxPerHost = isObj(x["rules"]) ? count(x["rules"]["max_server_per_host"]) : undefined;
  return { id, name, policy, maxPerHost: maxPerHost === 0 ? undefined : maxPerHost, members: strings(x["members"]) };
}

function server(x: Obj): NovaServer | string {
  const id = str(x["id"]);
  const projectId = str(x["tenant_id"]);
  if (id === undefined || projectId === undefined) return "a server needs id and tenant_id";
  return { id, projectId, userId: str(x["user_id"]) ?? "" };
}
