/**
 * Flavours, tenants and the production state: Nova's flavours (or, without them, one flavour per
 * allocation shape), tenants from the consumers' project ids, and every consumer's allocations as a
 * server alive at time 0 on its host, with the flavour whose amounts match exactly (else an exact-size
 * flavour made for it). Consumers are sorted by uuid, so the order of placement is deterministic.
 */
import type { NovaFlavour, NovaSite } from "./nova-answers.js";
import { Notes, toId, uniqueId } from "./notes.js";
import type { PlacementSite } from "./placement-answers.js";
import { BASE_CLASSES, deviceKind } from "./map-hosts.js";

/** A server of the production state. */
export interface InitialServer {
  /** Placement's consumer uuid. */
  readonly id: string;
  readonly tenant: string;
  readonly flavour: string;
  readonly host: string;
  /** Device classes the server holds on nested providers (not carried: see the notes). */
  readonly devices: Readonly<Record<string, number>>;
}

export interface MappedServers {
  readonly flavours: readonly Record<string, unknown>[];
  /** Device profiles the flavours with devices name (accel:device_profile). */
  readonly deviceProfiles: readonly Record<string, unknown>[];
  readonly tenants: readonly Record<string, unknown>[];
  readonly servers: readonly InitialServer[];
}

/** Amounts of the base classes, the key a flavour and an allocation are matched on. */
type Shape = Record<(typeof BASE_CLASSES)[number], number>;
/** The base amounts and the device classes (sorted): a VGPU server matches only a flavour asking for the VGPU. */
const shapeKey = (s: Shape, devices: Readonly<Record<string, number>> = {}): string =>
  [...BASE_CLASSES.map((rc) => s[rc]), ...Object.keys(devices).sort().map((rc) => `${rc}:${devices[rc]}`)].join("/");

/** Device classes a flavour asks for with `resources:<CLASS>=<n>` extra specs (other than the base classes). */
function flavourDevices(f: NovaFlavour): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(f.extraSpecs)) {
    const rc = key.startsWith("resources:") ? key.slice("resources:".length) : undefined;
    if (rc !== undefined && !(BASE_CLASSES as readonly string[]).includes(rc) && /^\d+$/.test(value) && Number(value) > 0) out[rc] = Number(value);
  }
  return out;
}

/** The placement amounts of a Nova flavour (hw:cpu_policy=dedicated asks PCPU, as Nova's resources_from_flavor). */
function flavourShape(f: NovaFlavour): Shape {
  const dedicated = f.extraSpecs["hw:cpu_policy"] === "dedicated";
  return { VCPU: dedicated ? 0 : f.vcpus, PCPU: dedicated ? f.vcpus : 0, MEMORY_MB: f.ramMb, DISK_GB: f.diskGb };
}

/** Extra specs the twin interprets; others stay in the flavour but are listed as not interpreted. */
const KNOWN_SPEC = /^(hw:cpu_policy|aggregate_instance_extra_specs:.+|accel:device_profile|trait:.+|resources:.+)$/;

/** Maps flavours, tenants and the allocations of `site`; `hostOfProvider` from mapHosts. */
export function mapServers(site: PlacementSite, nova: NovaSite, hostOfProvider: ReadonlyMap<string, string>, notes: Notes): MappedServers {
  const catalogue = new FlavourCatalogue(notes);
  for (const f of nova.flavours) catalogue.addNova(f);
  const tenantIds = new Set<string>();
  const servers: InitialServer[] = [];
  for (const [consumer, perProvider] of consumerAllocations(site)) {
    const hosts = [...new Set([...perProvider.keys()].map((p) => hostOfProvider.get(p)))];
    if (hosts.length !== 1 || hosts[0] === undefined) {
      notes.add("allocation", consumer, hosts.length > 1 ? "allocations on several hosts (a migration in progress?): not placed" : "allocations on providers that are not imported hosts: not placed");
      continue;
    }
    const { shape, devices } = sumAllocations(perProvider.values());
    const flavour = catalogue.forAllocation(shape, devices, nova.flavours.length > 0);
    if (flavour === undefined) {
      notes.add("allocation", consumer, "no VCPU or PCPU, or no MEMORY_MB: no flavour can carry it; not placed");
      continue;
    }
    if (!catalogue.bindsDevices(flavour)) {
      for (const rc of Object.keys(devices).sort()) {
        notes.add("allocation", `${consumer} ${rc}`, `${devices[rc]} ${rc}: not a device class the model has; the server is placed with its CPU, memory and disk only`);
      }
    }
    const project = site.consumers[consumer]?.projectId;
    if (project === undefined) notes.add("allocation", consumer, "no GET /allocations/{consumer} answer, so its project is unknown: tenant unknown-project");
    const tenant = project === undefined ? "unknown-project" : toId(project, "unknown-project");
    tenantIds.add(tenant);
    servers.push({ id: consumer, tenant, flavour, host: hosts[0], devices });
  }
  if (tenantIds.size === 0) tenantIds.add("imported");
  return { flavours: catalogue.flavoursOrPlaceholder(), deviceProfiles: catalogue.profiles.list, tenants: [...tenantIds].sort().map((id) => ({ id })), servers };
}

/** One consumer's amounts over its providers: base classes summed, device classes apart. */
function sumAllocations(perProvider: Iterable<Readonly<Record<string, number>>>): { shape: Shape; devices: Record<string, number> } {
  const shape: Shape = { VCPU: 0, PCPU: 0, MEMORY_MB: 0, DISK_GB: 0 };
  const devices: Record<string, number> = {};
  for (const resources of perProvider) {
    for (const [rc, amount] of Object.entries(resources)) {
      if ((BASE_CLASSES as readonly string[]).includes(rc)) shape[rc as keyof Shape] += amount;
      else devices[rc] = (devices[rc] ?? 0) + amount;
    }
  }
  return { shape, devices };
}

/** The model's flavours: Nova's first, then exact sizes made for allocations no Nova flavour matches. */
class FlavourCatalogue {
  readonly profiles = new DeviceProfiles();
  private readonly flavours: Record<string, unknown>[] = [];
  private readonly ids = new Set<string>();
  /** Shape key (base amounts and device classes) → the first flavour of that shape. */
  private readonly byShape = new Map<string, string>();
  /** Flavours that bind devices: their servers hold the device handles in the twin too. */
  private readonly withDevices = new Set<string>();

  constructor(private readonly notes: Notes) {}

  /** A Nova flavour; `resources:<device class>` extra specs become a device profile it names. */
  addNova(f: NovaFlavour): void {
    if (f.vcpus === 0 || f.ramMb === 0) {
      this.notes.add("flavour", f.name, "0 vCPUs or 0 MB of memory: the model's flavours need both; not mapped");
      return;
    }
    const id = uniqueId(toId(f.name, "flavour"), this.ids);
    for (const key of Object.keys(f.extraSpecs)) if (!KNOWN_SPEC.test(key)) this.notes.add("flavour", `${f.name} ${key}`, "an extra spec the twin does not interpret (kept in the flavour)");
    const devices = flavourDevices(f);
    const extraSpecs = { ...f.extraSpecs };
    if (Object.keys(devices).length > 0 && extraSpecs["accel:device_profile"] === undefined) {
      const profile = this.profiles.profileFor(devices);
      if (profile === undefined) this.notes.add("flavour", f.name, `resources:${Object.keys(devices).join(", resources:")}: not device classes the model has; the flavour asks CPU, memory and disk only`);
      else {
        extraSpecs["accel:device_profile"] = profile;
        this.withDevices.add(id);
      }
    }
    this.flavours.push({ id, vcpus: f.vcpus, ramMb: f.ramMb, diskGb: f.diskGb, ...(Object.keys(extraSpecs).length > 0 ? { extraSpecs: sortedSpecs(extraSpecs) } : {}) });
    const key = shapeKey(flavourShape(f), devices);
    if (!this.byShape.has(key)) this.byShape.set(key, id);
  }

  /** The flavour of an allocation: an exact match, else an exact-size flavour made now; undefined when none can carry it. */
  forAllocation(shape: Shape, devices: Readonly<Record<string, number>>, haveNova: boolean): string | undefined {
    const key = shapeKey(shape, devices);
    const known = this.byShape.get(key);
    if (known !== undefined) return known;
    const profile = Object.keys(devices).length === 0 ? undefined : this.profiles.profileFor(devices);
    const made = exactFlavour(shape, key, profile, this.flavours, this.ids, this.byShape, haveNova, this.notes);
    if (made !== undefined && profile !== undefined) this.withDevices.add(made);
    return made;
  }

  bindsDevices(flavour: string): boolean {
    return this.withDevices.has(flavour);
  }

  /** The flavours, or a placeholder (reported) when there is none: a model needs one. */
  flavoursOrPlaceholder(): Record<string, unknown>[] {
    if (this.flavours.length > 0) return this.flavours;
    this.notes.add("flavour", "m1.small", "neither Nova flavours nor allocations to derive flavours from: a placeholder flavour (1 vCPU, 2048 MB, 20 GB) keeps the model valid");
    return [{ id: "m1.small", vcpus: 1, ramMb: 2048, diskGb: 20 }];
  }
}

/** Extra specs with sorted keys (stable file bytes). */
function sortedSpecs(specs: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.keys(specs).sort().map((k) => [k, specs[k]!]));
}

/**
 * Device profiles made from Placement device classes (VGPU:1 → one GPU handle), one per distinct set,
 * named dp-<class>-<count>[-...]: the model's flavours bind devices through accel:device_profile.
 */
class DeviceProfiles {
  readonly list: Record<string, unknown>[] = [];
  private readonly byKey = new Map<string, string>();
  private readonly ids = new Set<string>();

  /** The profile asking exactly `devices`, made on first use; undefined when a class is no device. */
  profileFor(devices: Readonly<Record<string, number>>): string | undefined {
    const classes = Object.keys(devices).sort();
    if (classes.some((rc) => deviceKind(rc) === undefined)) return undefined;
    const key = classes.map((rc) => `${rc}-${devices[rc]}`).join("-");
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const id = uniqueId(toId(`dp-${key.toLowerCase()}`, "dp"), this.ids);
    this.list.push({ id, description: `imported: ${classes.map((rc) => `${rc}:${devices[rc]}`).join(", ")}`, groups: classes.map((rc) => ({ type: deviceKind(rc)!.type, count: devices[rc]! })) });
    this.byKey.set(key, id);
    return id;
  }
}

/** A flavour of exactly this size (named by it), added to `flavours`; undefined when the shape has no CPUs or memory. */
function exactFlavour(
  shape: Shape,
  key: string,
  deviceProfile: string | undefined,
  flavours: Record<string, unknown>[],
  ids: Set<string>,
  byShape: Map<string, string>,
  haveNova: boolean,
  notes: Notes,
): string | undefined {
  const cpus = shape.VCPU + shape.PCPU;
  if (cpus === 0 || shape.MEMORY_MB === 0 || (shape.VCPU > 0 && shape.PCPU > 0)) return undefined;
  const pinned = shape.PCPU > 0;
  const id = uniqueId(`imported-${cpus}c-${shape.MEMORY_MB}m-${shape.DISK_GB}g${pinned ? "-pinned" : ""}${deviceProfile === undefined ? "" : `-${deviceProfile}`}`, ids);
  const extraSpecs = { ...(deviceProfile === undefined ? {} : { "accel:device_profile": deviceProfile }), ...(pinned ? { "hw:cpu_policy": "dedicated" } : {}) };
  flavours.push({ id, vcpus: cpus, ramMb: shape.MEMORY_MB, diskGb: shape.DISK_GB, ...(Object.keys(extraSpecs).length > 0 ? { extraSpecs } : {}) });
  byShape.set(key, id);
  if (haveNova) notes.add("flavour", id, "allocations of this size match no Nova flavour exactly: an exact-size flavour was made for them");
  return id;
}

/** Consumer → provider uuid → resources, consumers sorted by uuid. */
function consumerAllocations(site: PlacementSite): Map<string, Map<string, Readonly<Record<string, number>>>> {
  const out = new Map<string, Map<string, Readonly<Record<string, number>>>>();
  for (const p of site.providers) {
    for (const [consumer, resources] of Object.entries(p.allocations)) {
      const perProvider = out.get(consumer) ?? new Map<string, Readonly<Record<string, number>>>();
      perProvider.set(p.uuid, resources);
      out.set(consumer, perProvider);
    }
  }
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}
