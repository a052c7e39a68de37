/**
 * `nfvtwin import openstack` without the I/O: a Placement site, Nova's answers and nova.conf become a
 * model file, a scenario stub running the production state, and an import report. Same inputs, same
 * bytes: every list is sorted or in the order of the sorted inputs.
 */
import { stringify } from "yaml";
import { mapHosts, type HostRow } from "./map-hosts.js";
import { mapScheduler } from "./map-scheduler.js";
import { mapServers, type InitialServer } from "./map-servers.js";
import type { NovaConf } from "./nova-conf.js";
import { EMPTY_NOVA, type NovaServerGroup, type NovaSite } from "./nova-answers.js";
import { Notes, toId, type ImportNote } from "./notes.js";
import type { PlacementConsumer, PlacementSite } from "./placement-answers.js";
import { renderImportReport } from "./import-report.js";

/** In the first line of every file the importer writes: how the CLI knows a file is its own to replace. */
export const IMPORT_MARK = "Written by nfvtwin import openstack.";

/** Is `text` a file the importer wrote (its first line is a YAML or HTML comment with the mark)? */
export function isImportOutput(text: string): boolean {
  const first = text.slice(0, text.indexOf("\n") < 0 ? text.length : text.indexOf("\n"));
  return (first.startsWith("# ") || first.startsWith("<!-- ")) && first.includes(IMPORT_MARK);
}

export interface ImportInput {
  readonly placement: PlacementSite;
  readonly nova?: NovaSite;
  readonly conf?: NovaConf;
  /** Model name (an identifier is made of it). */
  readonly name: string;
  /** Where the answers came from, for the report (a URL without credentials, or folder names). */
  readonly sources: readonly string[];
  /** The model file's path as the scenario names it (relative to the scenario). */
  readonly modelRef: string;
}

export interface ImportOutput {
  readonly model: Record<string, unknown>;
  readonly scenario: Record<string, unknown>;
  readonly hosts: readonly HostRow[];
  readonly servers: readonly InitialServer[];
  readonly notes: readonly ImportNote[];
  /** The three files' text. */
  readonly modelText: string;
  readonly scenarioText: string;
  readonly reportText: string;
}

/**
 * The site with each Nova server's project for a consumer Placement did not describe (the walk skips
 * GET /allocations/{consumer} for the servers Nova lists); Placement's own answer wins when both do.
 */
export function withNovaProjects(site: PlacementSite, nova: NovaSite): PlacementSite {
  if (nova.servers.length === 0) return site;
  const consumers: Record<string, PlacementConsumer> = {};
  for (const s of nova.servers) consumers[s.id] = { projectId: s.projectId, userId: s.userId, consumerType: "INSTANCE" };
  return { providers: site.providers, consumers: { ...consumers, ...site.consumers } };
}

/** Maps a whole site (pure). */
export function importOpenStack(input: ImportInput): ImportOutput {
  const notes = new Notes();
  const nova = input.nova ?? EMPTY_NOVA;
  const name = toId(input.name, "site");
  const placement = withNovaProjects(input.placement, nova);
  const mapped = mapHosts(placement, nova, notes);
  const servers = mapServers(placement, nova, mapped.hostOfProvider, notes);
  const groups = mapServerGroups(nova.serverGroups, servers.servers, notes);
  const policy = mapScheduler(input.conf, notes);
  if (mapped.hosts.length === 0) notes.add("provider", "all", "no compute node could be mapped: the model would have no hosts");
  const model: Record<string, unknown> = {
    kind: "InfrastructureModel",
    name,
    description: `Imported from OpenStack Placement (microversion 1.39): ${mapped.hosts.length} compute nodes.`,
    profiles: mapped.profiles,
    zones: mapped.zones,
    ...(mapped.aggregates.length > 0 ? { aggregates: mapped.aggregates } : {}),
    ...(servers.deviceProfiles.length > 0 ? { deviceProfiles: servers.deviceProfiles } : {}),
    flavours: servers.flavours,
    tenants: servers.tenants,
  };
  const disabled = mapped.hosts.filter((h) => h.disabled).map((h) => h.hostId);
  const down = mapped.hosts.filter((h) => h.down).map((h) => h.hostId);
  const hostEvents = [
    ...(disabled.length > 0 ? [{ at: "0ms", hosts: disabled, enabled: false }] : []),
    ...(down.length > 0 ? [{ at: "0ms", hosts: down, state: "DOWN" }] : []),
  ];
  const scenario: Record<string, unknown> = {
    kind: "Scenario",
    name: toId(`${name}-production`, "site-production"),
    description: "The imported site as it is now: its servers alive at time 0, no new demand yet (add workload streams).",
    model: input.modelRef,
    seed: 1,
    stop: { horizon: "1d" },
    placement: { policy },
    workload: { requests: [] },
    ...(hostEvents.length > 0 ? { hostEvents } : {}),
    ...(servers.servers.length > 0
      ? {
          initialServers: {
            lifetime: "wholeRun",
            ...(groups.groups.length > 0 ? { groups: groups.groups } : {}),
            servers: servers.servers.map(({ id, tenant, flavour, host }) => ({ id, tenant, flavour, host, ...(groups.groupOf.has(id) ? { group: groups.groupOf.get(id) } : {}) })),
          },
        }
      : {}),
  };
  const sortedNotes = notes.sorted();
  return {
    model,
    scenario,
    hosts: mapped.hosts,
    servers: servers.servers,
    notes: sortedNotes,
    modelText: yamlFile(model, "the infrastructure model"),
    scenarioText: yamlFile(scenario, "a scenario stub"),
    reportText: `<!-- ${IMPORT_MARK} Re-running the import replaces it. -->\n` + renderImportReport({ name, sources: input.sources, hosts: mapped.hosts, servers: servers.servers, notes: sortedNotes, site: input.placement }),
  };
}

const GROUP_POLICIES = new Set(["affinity", "anti-affinity", "soft-affinity", "soft-anti-affinity"]);

/**
 * Nova's server groups rebuilt around the imported servers (`initialServers.groups`, members named by
 * `group:`), so later requests naming the group's id obey its policy. Groups of another policy, with
 * no imported member, or whose id is not a valid identifier, and members that are not imported
 * servers, are listed in the report.
 */
function mapServerGroups(list: readonly NovaServerGroup[], servers: readonly InitialServer[], notes: Notes): { groups: Array<Record<string, unknown>>; groupOf: Map<string, string> } {
  const imported = new Set(servers.map((s) => s.id));
  const groups: Array<Record<string, unknown>> = [];
  const groupOf = new Map<string, string>();
  for (const g of [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const members = g.members.filter((m) => imported.has(m) && !groupOf.has(m));
    const missing = g.members.filter((m) => !members.includes(m));
    if (!GROUP_POLICIES.has(g.policy)) {
      notes.add("server group", g.name, `policy ${g.policy} is not one the twin models (affinity, anti-affinity, soft-affinity, soft-anti-affinity); its ${g.members.length} members are imported without it`);
      continue;
    }
    if (!/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(g.id) || members.length === 0) {
      notes.add("server group", g.name, members.length === 0 ? `policy ${g.policy}: none of its ${g.members.length} members is an imported server; not created` : `id ${JSON.stringify(g.id)} is not an identifier; not created`);
      continue;
    }
    groups.push({ id: g.id, policy: g.policy, ...(g.maxPerHost !== undefined && g.maxPerHost > 1 ? { maxPerHost: g.maxPerHost } : {}) });
    for (const m of members) groupOf.set(m, g.id);
    if (missing.length > 0) notes.add("server group member", `${g.name}: ${missing.join(", ")}`, "not an imported server (no allocation mapped to a host, or already in another group): not a member in the twin");
  }
  return { groups, groupOf };
}

function yamlFile(doc: Record<string, unknown>, what: string): string {
  return `# ${IMPORT_MARK} ${what[0]!.toUpperCase()}${what.slice(1)}; re-running the import replaces it.\n${stringify(doc, { lineWidth: 0 })}`;
}
