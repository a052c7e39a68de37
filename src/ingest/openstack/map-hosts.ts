/**
 * Placement's root providers as the model's hosts: one rack per compute node (Placement knows no
 * racks), zones from Nova's availability-zone aggregates (or, without Nova, from Placement's
 * aggregates), profiles from the inventories (identical hosts share one), nested providers as devices,
 * traits as host traits. COMPUTE_STATUS_DISABLED and Nova's disabled/down hypervisors become the
 * scenario's host events at time 0.
 */
import type { NovaSite } from "./nova-answers.js";
import { Notes, toId, uniqueId } from "./notes.js";
import type { PlacementInventory, PlacementProvider, PlacementSite } from "./placement-answers.js";

/** The base classes the model's profiles carry; device classes live on nested providers. */
export const BASE_CLASSES = ["VCPU", "PCPU", "MEMORY_MB", "DISK_GB"] as const;
type BaseClass = (typeof BASE_CLASSES)[number];
const isBase = (rc: string): rc is BaseClass => (BASE_CLASSES as readonly string[]).includes(rc);

/** Nova's default availability zone (default_availability_zone): hosts in no AZ aggregate. */
export const DEFAULT_ZONE = "nova";
export const DISABLED_TRAIT = "COMPUTE_STATUS_DISABLED";

/** One imported compute node. */
export interface HostRow {
  readonly provider: string;
  readonly uuid: string;
  /** The model's host id: <zone>-<rack>-h001. */
  readonly hostId: string;
  readonly zone: string;
  readonly rack: string;
  readonly profile: string;
  readonly disabled: boolean;
  readonly down: boolean;
  readonly traits: readonly string[];
}

export interface MappedHosts {
  readonly hosts: readonly HostRow[];
  /** Model sections, in file order. */
  readonly profiles: readonly Record<string, unknown>[];
  readonly zones: readonly Record<string, unknown>[];
  readonly aggregates: readonly Record<string, unknown>[];
  /** Provider uuid → host id (nested providers map to their root's host). */
  readonly hostOfProvider: ReadonlyMap<string, string>;
}

/** Maps the providers of `site` (roots to hosts, children to devices); what cannot be mapped goes to `notes`. */
export function mapHosts(site: PlacementSite, nova: NovaSite, notes: Notes): MappedHosts {
  const byUuid = new Map(site.providers.map((p) => [p.uuid, p] as const));
  const children = new Map<string, PlacementProvider[]>();
  for (const p of site.providers) {
    if (p.parentUuid === null) continue;
    const root = byUuid.get(p.rootUuid);
    if (root === undefined) notes.add("provider", p.name, `its root provider ${p.rootUuid} is not in GET /resource_providers; not mapped`);
    else children.set(root.uuid, [...(children.get(root.uuid) ?? []), p]);
  }
  const roots = site.providers.filter((p) => p.parentUuid === null && isCompute(p, notes));
  const aggregateName = aggregateNames(site);
  const zoneOf = zonesOf(roots, nova, aggregateName, notes);
  const profileIds = new Set<string>();
  const profileByKey = new Map<string, Record<string, unknown>>();
  const rackIds = new Set<string>();
  const hosts: HostRow[] = [];
  const hostOfProvider = new Map<string, string>();
  for (const root of roots) {
    const body = profileBody(root, children.get(root.uuid) ?? [], notes);
    const key = JSON.stringify(body);
    let profile = profileByKey.get(key);
    if (profile === undefined) {
      profile = { id: uniqueId(toId(root.name, "host"), profileIds), ...body };
      profileByKey.set(key, profile);
    }
    const zone = zoneOf.get(root.uuid) ?? DEFAULT_ZONE;
    const rack = uniqueId(toId(root.name, "rack"), rackIds);
    const hostId = `${zone}-${rack}-h001`;
    const hypervisor = nova.hypervisors.find((h) => h.hostname === root.name);
    const disabled = root.traits.includes(DISABLED_TRAIT) || hypervisor?.status === "disabled";
    const down = hypervisor?.state === "down";
    hosts.push({ provider: root.name, uuid: root.uuid, hostId, zone, rack, profile: profile["id"] as string, disabled, down, traits: (profile["traits"] as string[] | undefined) ?? [] });
    hostOfProvider.set(root.uuid, hostId);
    for (const child of children.get(root.uuid) ?? []) hostOfProvider.set(child.uuid, hostId);
  }
  const zoneIds = [...new Set(hosts.map((h) => h.zone))].sort();
  const zones = zoneIds.map((id) => ({ id, racks: hosts.filter((h) => h.zone === id).map((h) => ({ id: h.rack, hosts: [{ profile: h.profile, count: 1 }] })) }));
  return { hosts, profiles: [...profileByKey.values()], zones, aggregates: mapAggregates(site, nova, hosts, aggregateName, notes), hostOfProvider };
}

/** A root provider is a compute node when it has CPUs and memory; others (shared storage, networks) are reported. */
function isCompute(p: PlacementProvider, notes: Notes): boolean {
  const cpus = (p.inventories["VCPU"]?.total ?? 0) + (p.inventories["PCPU"]?.total ?? 0);
  if (cpus > 0 && (p.inventories["MEMORY_MB"]?.total ?? 0) > 0 && (p.inventories["DISK_GB"]?.total ?? 0) > 0) return true;
  notes.add("provider", p.name, "a root provider without VCPU or PCPU, MEMORY_MB and DISK_GB inventories (a sharing or network provider?): the model's hosts need all three; not mapped");
  return false;
}

/**
 * Zone of each root: the availability zone of Nova's aggregates naming the host; without any Nova
 * aggregate, the Placement aggregate the host shares with the most hosts (Placement knows no zones).
 */
function zonesOf(roots: readonly PlacementProvider[], nova: NovaSite, aggregateName: (uuid: string) => string, notes: Notes): Map<string, string> {
  const out = new Map<string, string>();
  const azAggregates = nova.aggregates.filter((a) => a.availabilityZone !== undefined);
  if (nova.aggregates.length > 0) {
    for (const root of roots) {
      const zones = [...new Set(azAggregates.filter((a) => a.hosts.includes(root.name)).map((a) => a.availabilityZone!))].sort();
      if (zones.length > 1) notes.add("aggregate", root.name, `the host is in several availability zones (${zones.join(", ")}); the model puts it in ${zones[0]}`);
      if (zones.length > 0) out.set(root.uuid, toId(zones[0]!, DEFAULT_ZONE));
    }
    return out;
  }
  const members = new Map<string, number>();
  for (const root of roots) for (const a of root.aggregates) members.set(a, (members.get(a) ?? 0) + 1);
  for (const root of roots) {
    const best = [...root.aggregates].sort((a, b) => members.get(b)! - members.get(a)! || (a < b ? -1 : 1))[0];
    if (best !== undefined) out.set(root.uuid, aggregateName(best));
  }
  if (roots.some((r) => r.aggregates.length > 0)) {
    notes.add("zone", "all", "no Nova aggregates given (--nova-dir): zones are guessed from Placement aggregates (each host's most shared one), named agg-<uuid prefix>; Placement knows no availability zones");
  }
  return out;
}

/**
 * Names of Placement's aggregates (uuids only): agg-<first 8 characters>, or agg-<whole uuid> when
 * another aggregate of the site shares those 8 characters.
 */
function aggregateNames(site: PlacementSite): (uuid: string) => string {
  const prefixes = new Map<string, Set<string>>();
  for (const p of site.providers) for (const a of p.aggregates) prefixes.set(a.slice(0, 8), (prefixes.get(a.slice(0, 8)) ?? new Set()).add(a));
  return (uuid) => `agg-${(prefixes.get(uuid.slice(0, 8))?.size ?? 1) > 1 ? uuid : uuid.slice(0, 8)}`;
}

/** Model aggregates: Nova's (name, metadata, hosts), then Placement aggregates Nova does not name. */
function mapAggregates(site: PlacementSite, nova: NovaSite, hosts: readonly HostRow[], aggregateName: (uuid: string) => string, notes: Notes): Record<string, unknown>[] {
  const rackOf = new Map(hosts.map((h) => [h.provider, h.rack] as const));
  const ids = new Set<string>();
  const out: Record<string, unknown>[] = [];
  const novaUuids = new Set(nova.aggregates.flatMap((a) => (a.uuid === undefined ? [] : [a.uuid])));
  for (const a of nova.aggregates) {
    const racks = a.hosts.flatMap((h) => rackOf.get(h) ?? []);
    for (const h of a.hosts) if (!rackOf.has(h)) notes.add("aggregate", `${a.name} host ${h}`, "no compute-node provider of that name in Placement; membership not mapped");
    if (racks.length === 0) {
      notes.add("aggregate", a.name, "none of its hosts is an imported compute node; not mapped");
      continue;
    }
    out.push({ id: uniqueId(toId(a.name, "aggregate"), ids), metadata: a.metadata, racks });
  }
  const placementAggs = new Map<string, string[]>();
  for (const p of site.providers) {
    const rack = rackOf.get(p.name);
    if (rack === undefined) continue;
    for (const a of p.aggregates) if (!novaUuids.has(a)) placementAggs.set(a, [...(placementAggs.get(a) ?? []), rack]);
  }
  for (const uuid of [...placementAggs.keys()].sort()) out.push({ id: uniqueId(aggregateName(uuid), ids), metadata: {}, racks: placementAggs.get(uuid)! });
  return out;
}

/** The profile of one compute node (without its id): CPUs, memory, disk, reserved, ratios, unit rules, traits, devices. */
function profileBody(root: PlacementProvider, children: readonly PlacementProvider[], notes: Notes): Record<string, unknown> {
  const inv = root.inventories;
  const vcpus = inv["VCPU"]?.total ?? 0;
  const pcpus = inv["PCPU"]?.total ?? 0;
  const reserved: Record<string, number> = {};
  const ratios: Record<string, number> = {};
  const units: Record<string, Record<string, number>> = {};
  for (const rc of BASE_CLASSES) {
    const r = inv[rc];
    if (r === undefined) continue;
    // Written even when 0: the model's default reserves 512 MB of memory.
    if (r.reserved > 0 || rc === "MEMORY_MB") reserved[rc] = r.reserved;
    if (rc !== "PCPU" || r.allocationRatio !== 1) ratios[rc] = r.allocationRatio;
    if (r.minUnit !== 1 || r.maxUnit !== r.total || r.stepSize !== 1) units[rc] = { minUnit: r.minUnit, maxUnit: r.maxUnit, stepSize: r.stepSize };
  }
  for (const rc of Object.keys(inv)) if (!isBase(rc)) notes.add("inventory", `${root.name} ${rc}`, "a class on a compute node other than VCPU, PCPU, MEMORY_MB, DISK_GB: the model has no such host class; not mapped");
  const cpu: Record<string, number> = { sockets: 1, coresPerSocket: vcpus + pcpus, threadsPerCore: 1 };
  if (pcpus > 0) cpu["dedicated"] = pcpus;
  const traits = [...new Set([...root.traits, ...children.flatMap((c) => c.traits)])].filter((t) => t !== DISABLED_TRAIT).sort();
  if (children.some((c) => c.traits.length > 0)) notes.add("trait", root.name, "traits of nested providers are kept as traits of the host (the model has no per-device traits)");
  const devices = children.flatMap((c) => childDevices(root, c, notes));
  return {
    cpu,
    memoryMb: inv["MEMORY_MB"]!.total,
    diskGb: inv["DISK_GB"]!.total,
    reserved,
    allocationRatios: ratios,
    ...(Object.keys(units).length > 0 ? { units } : {}),
    ...(traits.length > 0 ? { traits } : {}),
    ...(devices.length > 0 ? { accelerators: devices } : {}),
  };
}

/** Accelerator type and attach-handle type of a nested provider's resource class (undefined: not a device class). */
export function deviceKind(rc: string): { type: string; handleType: string } | undefined {
  if (rc === "VGPU") return { type: "GPU", handleType: "MDEV" };
  if (rc === "FPGA" || rc.startsWith("CUSTOM_FPGA")) return { type: "FPGA", handleType: "PCI" };
  if (rc === "SRIOV_NET_VF") return { type: "NIC", handleType: "VF" };
  if (rc === "PCI_DEVICE") return { type: "PCI", handleType: "PCI" };
  if (rc.startsWith("CUSTOM_") && rc.includes("GPU")) return { type: "GPU", handleType: "PCI" };
  return undefined;
}

/** The devices of one nested provider: one device per device class, its handles the usable units. */
function childDevices(root: PlacementProvider, child: PlacementProvider, notes: Notes): Record<string, unknown>[] {
  const prefix = `${root.name}_`;
  const base = toId(child.name.startsWith(prefix) ? child.name.slice(prefix.length) : child.name, "dev");
  return Object.entries(child.inventories).flatMap(([rc, r]): Record<string, unknown>[] => {
    const kind = deviceKind(rc);
    if (kind === undefined) {
      notes.add("inventory", `${child.name} ${rc}`, "a nested provider's class that is not a device (VGPU, FPGA/CUSTOM_FPGA_*, SRIOV_NET_VF, PCI_DEVICE); not mapped");
      return [];
    }
    const handles = usableUnits(r);
    if (handles !== r.total) notes.add("inventory", `${child.name} ${rc}`, `total ${r.total}, reserved ${r.reserved}, allocation_ratio ${r.allocationRatio}: the device gets ${handles} attach handles (capacity)`);
    if (r.maxUnit < r.total || r.stepSize !== 1 || r.minUnit !== 1) notes.add("inventory", `${child.name} ${rc}`, `min_unit ${r.minUnit}, max_unit ${r.maxUnit}, step_size ${r.stepSize}: devices have no unit rules in the model; one server may take up to its device profile's count`);
    if (handles <= 0) {
      notes.add("inventory", `${child.name} ${rc}`, "no usable units; no device");
      return [];
    }
    const name = Object.keys(child.inventories).length > 1 ? `${base}-${rc.toLowerCase()}` : base;
    return [{ name: toId(name, "dev"), type: kind.type, vendor: "unknown", model: rc, handles, handleType: kind.handleType }];
  });
}

/** Placement's capacity of a record: int((total − reserved) × allocation_ratio), never below 0. */
export const usableUnits = (r: PlacementInventory): number => Math.max(0, Math.floor((r.total - r.reserved) * r.allocationRatio));
