/**
 * Turns a decoded model file into concrete hosts, flavours and tenants, checking every cross reference
 * (unknown profile, zone or rack; duplicate ids; reserved above total) with the position it was written at.
 */
import { DEFAULT_ROLES, QUOTA_ITEMS } from "../../vim/index.js";
import { RESOURCE_CLASSES, type ResourceClass, didYouMean } from "../../domain/index.js";
import { ADD_OK, checkAdd } from "../../nfvi/index.js";
import type { InputIssue } from "../load/input-issue.js";
import { issueAt, type YamlSource } from "../load/yaml-source.js";
import type { HostProfile, InfrastructureModel } from "../schema/model.js";
import type { ModelOverrides } from "../schema/scenario.js";
import type { ResolvedFlavour, ResolvedHost, ResolvedInventory, ResolvedModel, ResolvedTenant } from "./resolved-model.js";
import { findDuplicates } from "./duplicates.js";
import { formatCount, MAX_HOSTS, MAX_MODEL_HANDLES } from "../schema/limits.js";
import { nfviInventory, profileInventories } from "./profile-inventory.js";
import { resolveNetwork } from "./resolve-network.js";
import { resolveAccelerators, withDeviceProfiles, withHostAccelerators } from "./resolve-accelerators.js";

type Path = Array<string | number>;

/**
 * The issue for a problem that a scenario's override causes, at the place the scenario wrote it
 * (`overrides.allocationRatios.VCPU`, a variant's, a sweep value). Absent: at the model's field.
 */
export type OverrideIssue = (field: "allocationRatios" | "hostCount", key: string, message: string) => InputIssue;

/** Resolves `model` with a scenario's `overrides` applied; issues carry positions in `source`. */
export function resolveModel(
  model: InfrastructureModel,
  source: YamlSource,
  overrides: ModelOverrides = {},
  overrideIssue?: OverrideIssue,
): { ok: true; value: ResolvedModel } | { ok: false; issues: InputIssue[] } {
  const issues: InputIssue[] = [];
  const err = (path: Path, message: string) => issues.push(issueAt(source, path, message));
  for (const [listName, list] of [
    ["profiles", model.profiles],
    ["zones", model.zones],
    ["aggregates", model.aggregates ?? []],
    ["flavours", model.flavours],
    ["tenants", model.tenants],
  ] as const) {
    for (const d of findDuplicates(list.map((x) => x.id))) err([listName, d.index, "id"], `duplicate id "${d.id}" (first defined at ${listName}.${d.firstIndex})`);
  }
  const inventories = new Map<string, Partial<Record<ResourceClass, ResolvedInventory>>>();
  const inventoryWarnings: string[] = [];
  model.profiles.forEach((p, i) => {
    const inv = profileInventories(p, overrides.allocationRatios ?? {});
    for (const w of inv.warnings) inventoryWarnings.push(warningAt(source, ["profiles", i, ...w.path], `profile ${p.id}: ${w.message}`));
    for (const problem of inv.problems) {
      const rc = problem.overriddenRatio;
      if (rc === undefined || overrideIssue === undefined) err(["profiles", i, ...problem.path], rc === undefined ? problem.message : `${problem.message} (the scenario overrides this ratio)`);
      else issues.push(overrideIssue("allocationRatios", rc, `profile ${p.id}: ${problem.message}`));
    }
    inventories.set(p.id, inv.inventories);
  });
  const tooMany = hostCountProblem(model, overrides.hostCount ?? {}, overrideIssue === undefined ? undefined : (key, message) => issues.push(overrideIssue("hostCount", key, message)));
  if (tooMany !== undefined) err(["zones"], tooMany);
  const withinLimit = countHosts(model, overrides.hostCount ?? {}) <= MAX_HOSTS;
  const hosts = withinLimit ? buildHosts(model, inventories, overrides.hostCount ?? {}, err) : [];
  checkHandles(model, hosts, err);
  const flavours = resolveFlavours(model, inventories, source, issues);
  const acc = resolveAccelerators(model, err);
  const accFlavours = withDeviceProfiles(model, flavours.flavours, acc, err);
  const network = resolveNetwork(model, err);
  // Users act through the VIM's roles (Keystone's defaults); an unknown role would fail at seeding.
  const roleNames = DEFAULT_ROLES.map((r) => r.name);
  const userIds = new Map<string, string>();
  model.tenants.forEach((t, i) =>
    (t.users ?? []).forEach((u, j) => {
      const other = userIds.get(u.id);
      if (other !== undefined) err(["tenants", i, "users", j, "id"], `user "${u.id}" is already a user of tenant ${other}`);
      userIds.set(u.id, t.id);
      u.roles.forEach((role, k) => {
        if (!roleNames.includes(role)) err(["tenants", i, "users", j, "roles", k], `unknown role "${role}"; ${didYouMean(role, roleNames)}roles: ${roleNames.join(", ")}`);
      });
    }),
  );
  model.tenants.forEach((t, i) =>
    Object.entries(t.quotas ?? {}).forEach(([item, limit]) => {
      if (!(QUOTA_ITEMS as readonly string[]).includes(item)) err(["tenants", i, "quotas", item], `unknown quota "${item}"; ${didYouMean(item, QUOTA_ITEMS)}quotas: ${QUOTA_ITEMS.join(", ")}`);
      else if (limit < -1) err(["tenants", i, "quotas", item], `a quota is a count ≥ 0, or -1 for unlimited; got ${limit}`);
    }),
  );
  const tenants = new Map<string, ResolvedTenant>(
    model.tenants.map((t) => [t.id, { id: t.id, users: t.users ?? [], quotas: t.quotas ?? {} }]),
  );
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: {
      name: model.name,
      file: source.file,
      profiles: model.profiles.map((p) => p.id),
      hosts: acc === undefined ? hosts : withHostAccelerators(hosts, acc),
      zones: model.zones.map((z) => ({ id: z.id, racks: zoneRacks(z).map((r) => r.id) })),
      aggregates: (model.aggregates ?? []).map((a) => ({ id: a.id, metadata: a.metadata })),
      flavours: accFlavours,
      tenants,
      warnings: [...inventoryWarnings, ...flavours.warnings],
      ...(acc === undefined ? {} : { accelerators: { images: acc.images, profiles: acc.profiles } }),
      ...(network === undefined ? {} : { network }),
    },
  };
}

/** Hosts the model would have with these per-profile counts, without building them. */
function countHosts(model: InfrastructureModel, hostCount: Readonly<Record<string, number>>): number {
  const groupSum = (groups: ReadonlyArray<{ readonly profile: string; readonly count: number }>) => groups.reduce((n, g) => n + (hostCount[g.profile] ?? g.count), 0);
  let total = 0;
  for (const zone of model.zones) {
    for (const rack of zone.racks ?? []) total += groupSum(rack.hosts);
    if (zone.rackTemplate !== undefined) total += zone.rackTemplate.count * groupSum(zone.rackTemplate.hosts);
  }
  return total;
}

/**
 * The problem of a model with more than MAX_HOSTS hosts: reported at the scenario's hostCount
 * override when the model alone is within the limit (through `atOverride`), else returned.
 */
function hostCountProblem(
  model: InfrastructureModel,
  hostCount: Readonly<Record<string, number>>,
  atOverride: ((profile: string, message: string) => void) | undefined,
): string | undefined {
  const total = countHosts(model, hostCount);
  if (total <= MAX_HOSTS) return undefined;
  const message = `the model would have ${formatCount(total)} hosts; at most ${formatCount(MAX_HOSTS)} hosts`;
  const overridden = Object.keys(hostCount).sort();
  if (atOverride === undefined || overridden.length === 0 || countHosts(model, {}) > MAX_HOSTS) return message;
  for (const profile of overridden) atOverride(profile, message);
  return undefined;
}

/** Attach handles of the whole model (each device keeps one slot per handle) within MAX_MODEL_HANDLES. */
function checkHandles(model: InfrastructureModel, hosts: ReadonlyArray<ResolvedHost>, err: (path: Path, message: string) => void): void {
  const hostsOf = new Map<string, number>();
  for (const h of hosts) hostsOf.set(h.profile, (hostsOf.get(h.profile) ?? 0) + 1);
  const perProfile = model.profiles.map((p) => (hostsOf.get(p.id) ?? 0) * (p.accelerators ?? []).reduce((n, d) => n + (d.count ?? 1) * d.handles, 0));
  const total = perProfile.reduce((a, b) => a + b, 0);
  if (total <= MAX_MODEL_HANDLES) return;
  const largest = perProfile.indexOf(Math.max(...perProfile));
  err(["profiles", largest, "accelerators"], `the model would have ${formatCount(total)} accelerator attach handles (hosts × devices × handles); at most ${formatCount(MAX_MODEL_HANDLES)}`);
}

type Zone = InfrastructureModel["zones"][number];
type Rack = { readonly id: string; readonly hosts: ReadonlyArray<{ readonly profile: string; readonly count: number }> };

/** The racks of a zone, expanding `rackTemplate` into r01, r02, ... */
function zoneRacks(zone: Zone): Rack[] {
  const explicit: Rack[] = [...(zone.racks ?? [])];
  const template = zone.rackTemplate;
  if (template === undefined) return explicit;
  const width = String(template.count).length < 2 ? 2 : String(template.count).length;
  for (let i = 1; i <= template.count; i++) explicit.push({ id: `r${String(i).padStart(width, "0")}`, hosts: template.hosts });
  return explicit;
}

function buildHosts(
  model: InfrastructureModel,
  inventories: ReadonlyMap<string, Partial<Record<ResourceClass, ResolvedInventory>>>,
  hostCount: Readonly<Record<string, number>>,
  err: (path: Path, message: string) => void,
): ResolvedHost[] {
  const profiles = new Map(model.profiles.map((p) => [p.id, p] as const));
  const hosts: ResolvedHost[] = [];
  model.zones.forEach((zone, zi) => {
    if (zone.racks === undefined && zone.rackTemplate === undefined) err(["zones", zi], "a zone needs racks or rackTemplate");
    const racks = zoneRacks(zone);
    for (const d of findDuplicates(racks.map((r) => r.id))) err(["zones", zi, "racks", d.index, "id"], `duplicate rack id "${d.id}" in zone ${zone.id}`);
    racks.forEach((rack, ri) => {
      // A hostCount override replaces the count of every group of that profile (hosts per rack).
      const groups = rack.hosts.map((g) => ({ profile: g.profile, count: hostCount[g.profile] ?? g.count }));
      const count = groups.reduce((n, g) => n + g.count, 0);
      const width = Math.max(3, String(count).length);
      let n = 0;
      groups.forEach((group, gi) => {
        const profile = profiles.get(group.profile);
        if (profile === undefined) {
          const where: Path = zone.racks !== undefined && ri < zone.racks.length ? ["zones", zi, "racks", ri, "hosts", gi, "profile"] : ["zones", zi, "rackTemplate", "hosts", gi, "profile"];
          err(where, `unknown host profile "${group.profile}"; ${didYouMean(group.profile, [...profiles.keys()].sort())}defined profiles: ${[...profiles.keys()].sort().join(", ")}`);
          return;
        }
        for (let k = 0; k < group.count; k++) {
          n++;
          hosts.push(makeHost(`${zone.id}-${rack.id}-h${String(n).padStart(width, "0")}`, zone.id, rack.id, profile, inventories.get(profile.id) ?? {}));
        }
      });
    });
  });
  applyAggregates(model, hosts, err);
  hosts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return hosts;
}

function makeHost(
  id: string,
  zone: string,
  rack: string,
  profile: HostProfile,
  inventories: Partial<Record<ResourceClass, ResolvedInventory>>,
): ResolvedHost & { aggregates: string[]; metadata: Record<string, string> } {
  const cpu = profile.cpu;
  return {
    id,
    zone,
    rack,
    profile: profile.id,
    aggregates: [],
    metadata: {},
    physicalCpus: cpu.sockets * cpu.coresPerSocket * (cpu.threadsPerCore ?? 1),
    numaNodes: profile.numaNodes ?? cpu.sockets,
    hypervisor: profile.hypervisor ?? "kvm",
    inventories,
    ...(profile.traits === undefined || profile.traits.length === 0 ? {} : { traits: [...new Set(profile.traits)].sort() }),
  };
}

/** A warning line at the YAML node of `path`: `file:line:column: warning: a.b.c: message`. */
function warningAt(source: YamlSource, path: Path, message: string): string {
  const at = issueAt(source, path, "", { severity: "warning" });
  return `${at.file}:${at.line}:${at.column}: warning: ${path.join(".")}: ${message}`;
}

function applyAggregates(
  model: InfrastructureModel,
  hosts: ReadonlyArray<ResolvedHost>,
  err: (path: Path, message: string) => void,
): void {
  const zoneIds = new Set(model.zones.map((z) => z.id));
  const rackIds = new Set(model.zones.flatMap((z) => zoneRacks(z).map((r) => r.id)));
  const profileIds = new Set(model.profiles.map((p) => p.id));
  (model.aggregates ?? []).forEach((agg, ai) => {
    const check = (field: "zones" | "racks" | "profiles", known: Set<string>) =>
      (agg[field] ?? []).forEach((ref, k) => {
        if (!known.has(ref)) err(["aggregates", ai, field, k], `unknown ${field.slice(0, -1)} "${ref}"`);
      });
    check("zones", zoneIds);
    check("racks", rackIds);
    check("profiles", profileIds);
    for (const host of hosts as Array<ResolvedHost & { aggregates: string[]; metadata: Record<string, string> }>) {
      const inZone = agg.zones === undefined || agg.zones.includes(host.zone);
      const inRack = agg.racks === undefined || agg.racks.includes(host.rack);
      const ofProfile = agg.profiles === undefined || agg.profiles.includes(host.profile);
      if (!(inZone && inRack && ofProfile)) continue;
      host.aggregates.push(agg.id);
      for (const key of Object.keys(agg.metadata).sort()) host.metadata[key] = agg.metadata[key]!;
    }
  });
}

const AGGREGATE_SPEC_PREFIX = "aggregate_instance_extra_specs:";
const TRAIT_SPEC_PREFIX = "trait:";

function resolveFlavours(
  model: InfrastructureModel,
  inventories: ReadonlyMap<string, Partial<Record<ResourceClass, ResolvedInventory>>>,
  source: YamlSource,
  issues: InputIssue[],
): { flavours: Map<string, ResolvedFlavour>; warnings: string[] } {
  const flavours = new Map<string, ResolvedFlavour>();
  const warnings: string[] = [];
  model.flavours.forEach((f, fi) => {
    const extraSpecs = f.extraSpecs ?? {};
    const dedicatedCpus = extraSpecs["hw:cpu_policy"] === "dedicated";
    const requiredMetadata: Record<string, string> = {};
    const requiredTraits: string[] = [];
    const forbiddenTraits: string[] = [];
    for (const key of Object.keys(extraSpecs).sort()) {
      if (key.startsWith(AGGREGATE_SPEC_PREFIX)) requiredMetadata[key.slice(AGGREGATE_SPEC_PREFIX.length)] = extraSpecs[key]!;
      if (!key.startsWith(TRAIT_SPEC_PREFIX)) continue;
      // Nova's trait:<NAME>=required|forbidden (any other value is refused by Nova's extra-spec validation).
      const value = extraSpecs[key]!;
      if (value === "required") requiredTraits.push(key.slice(TRAIT_SPEC_PREFIX.length));
      else if (value === "forbidden") forbiddenTraits.push(key.slice(TRAIT_SPEC_PREFIX.length));
      else issues.push(issueAt(source, ["flavours", fi, "extraSpecs", key], `a trait extra spec is required or forbidden; got ${JSON.stringify(value)}`));
    }
    const amounts: Record<ResourceClass, number> = {
      VCPU: dedicatedCpus ? 0 : f.vcpus,
      PCPU: dedicatedCpus ? f.vcpus : 0,
      MEMORY_MB: f.ramMb,
      DISK_GB: f.diskGb,
    };
    const traits = requiredTraits.length + forbiddenTraits.length === 0 ? {} : { requiredTraits, forbiddenTraits };
    flavours.set(f.id, { id: f.id, family: f.family ?? "", vcpus: f.vcpus, ramMb: f.ramMb, diskGb: f.diskGb, dedicatedCpus, extraSpecs, amounts, requiredMetadata, ...traits });
    const fitsSome = [...inventories.values()].some((inv) => fitsEmpty(amounts, inv));
    if (!fitsSome) {
      const at = issueAt(source, ["flavours", fi, "id"], "", { severity: "warning" });
      warnings.push(`${at.file}:${at.line}:${at.column}: warning: flavours.${fi}.id: flavour "${f.id}" fits no host profile even on an empty host`);
    }
  });
  return { flavours, warnings };
}

/** Whether `amounts` fit an empty host with these inventories (the NFVI's one capacity rule). */
function fitsEmpty(amounts: Readonly<Record<ResourceClass, number>>, inv: Partial<Record<ResourceClass, ResolvedInventory>>): boolean {
  return RESOURCE_CLASSES.every((rc) => {
    const r = inv[rc];
    return checkAdd(r === undefined ? undefined : nfviInventory(r), 0, amounts[rc]) === ADD_OK;
  });
}
