/**
 * The production state of a scenario (`initialServers:`): every server's tenant, flavour and host
 * must exist in the model; a residual lifetime needs a lifetime distribution. Servers are sorted by
 * id, the order in which the run places them (deterministic whatever the file's order).
 */
import type { DistributionSpec } from "../../kernel/index.js";
import { didYouMean } from "../../domain/index.js";
import type { Scenario } from "../schema/scenario.js";
import { toDistributionSpec } from "./distribution.js";
import { findDuplicates } from "./duplicates.js";
import type { ResolvedModel } from "./resolved-model.js";

type Path = Array<string | number>;

/** One server of the production state, resolved. */
export interface InitialServerSpec {
  readonly id: string;
  readonly tenant: string;
  readonly flavour: string;
  readonly host: string;
  /** The server group it is a member of, with the group's policy (created at time 0 before any member). */
  readonly group?: InitialGroupSpec;
  /** With lifetime residual: the distribution a full lifetime is drawn from; absent: the whole run. */
  readonly residualOf?: DistributionSpec;
}

/** A server group of the production state. */
export interface InitialGroupSpec {
  readonly id: string;
  readonly policy: "affinity" | "anti-affinity" | "soft-affinity" | "soft-anti-affinity";
  readonly maxPerHost: number;
}

/** The resolved `initialServers:` section (undefined when the scenario has none). */
export function resolveInitialServers(scenario: Scenario, model: ResolvedModel, report: (path: Path, message: string) => void): InitialServerSpec[] | undefined {
  const section = scenario.initialServers;
  if (section === undefined) return undefined;
  const hosts = new Set(model.hosts.map((h) => h.id));
  const residual = section.lifetime === "residual";
  if (!residual && section.residualOf !== undefined) report(["initialServers", "residualOf"], "residualOf needs lifetime: residual");
  const streams = scenario.workload.streams ?? [];
  const distributionOf = (tenant: string) => section.residualOf ?? (streams.find((w) => w.tenant === tenant) ?? streams[0])?.lifetime;
  if (residual && section.servers.some((s) => distributionOf(s.tenant) === undefined)) {
    report(["initialServers", "lifetime"], "lifetime residual needs a lifetime distribution: give residualOf, or a workload stream whose lifetime it takes");
  }
  for (const d of findDuplicates(section.servers.map((s) => s.id))) report(["initialServers", "servers", d.index, "id"], `duplicate server id "${d.id}" (first at initialServers.servers.${d.firstIndex})`);
  const groups = resolveGroups(scenario, report);
  const out = section.servers.map((s, i): InitialServerSpec => {
    const at = (field: string): Path => ["initialServers", "servers", i, field];
    if (!model.tenants.has(s.tenant)) report(at("tenant"), `unknown tenant "${s.tenant}"; ${didYouMean(s.tenant, [...model.tenants.keys()].sort())}defined tenants: ${[...model.tenants.keys()].sort().join(", ")}`);
    if (!model.flavours.has(s.flavour)) report(at("flavour"), `unknown flavour "${s.flavour}"; ${didYouMean(s.flavour, [...model.flavours.keys()].sort())}defined flavours: ${[...model.flavours.keys()].sort().join(", ")}`);
    if (!hosts.has(s.host)) report(at("host"), `unknown host "${s.host}"; host ids look like ${model.hosts[0]?.id ?? "<zone>-<rack>-h001"}`);
    const group = s.group === undefined ? undefined : groups.get(s.group);
    if (s.group !== undefined && group === undefined) report(at("group"), `unknown server group "${s.group}"; ${groups.size === 0 ? "initialServers.groups defines none" : `groups: ${[...groups.keys()].sort().join(", ")}`}`);
    const base = { id: s.id, tenant: s.tenant, flavour: s.flavour, host: s.host, ...(group === undefined ? {} : { group }) };
    if (!residual) return base;
    const of = distributionOf(s.tenant);
    return of === undefined ? base : { ...base, residualOf: toDistributionSpec(of) };
  });
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The groups of the production state by id. A timed request naming one of them joins it, so it must
 * ask for the same policy (the group exists already; its policy is not the request's to change).
 */
function resolveGroups(scenario: Scenario, report: (path: Path, message: string) => void): Map<string, InitialGroupSpec> {
  const list = scenario.initialServers?.groups ?? [];
  for (const d of findDuplicates(list.map((g) => g.id))) report(["initialServers", "groups", d.index, "id"], `duplicate server group id "${d.id}" (first at initialServers.groups.${d.firstIndex})`);
  const groups = new Map<string, InitialGroupSpec>();
  for (const g of list) if (!groups.has(g.id)) groups.set(g.id, { id: g.id, policy: g.policy, maxPerHost: g.maxPerHost ?? 1 });
  (scenario.workload.requests ?? []).forEach((r, i) => {
    const g = r.group === undefined ? undefined : groups.get(r.group.id);
    if (g === undefined || r.group === undefined) return;
    if (g.policy !== r.group.policy || g.maxPerHost !== (r.group.maxPerHost ?? 1)) {
      report(["workload", "requests", i, "group"], `server group "${g.id}" exists at time 0 (initialServers.groups) with policy ${g.policy}, maxPerHost ${g.maxPerHost}; a request joining it must ask for the same`);
    }
  });
  return groups;
}
