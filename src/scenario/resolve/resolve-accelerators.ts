/**
 * Cross-checks the accelerator parts of a model (schema/accelerators.ts) with positions: images of
 * devices and device profiles exist and are of the device's type; every device profile asks for a
 * type, function and image some host can offer; flavours name known device profiles.
 */
import { DEVICE_PROFILE_SPEC, type AccRequestGroup, type DeviceProfile, didYouMean } from "../../domain/index.js";
import type { AcceleratorSpec, AccImageSpec } from "../../nfvi/index.js";
import { parseDurationMs } from "../../kernel/index.js";
import type { InfrastructureModel } from "../schema/model.js";
import { findDuplicates } from "./duplicates.js";
import type { ResolvedFlavour, ResolvedHost } from "./resolved-model.js";

type Path = Array<string | number>;
type Err = (path: Path, message: string) => void;

export interface ResolvedAccelerators {
  readonly images: readonly AccImageSpec[];
  readonly profiles: ReadonlyMap<string, DeviceProfile>;
  /** Devices of each host profile that has any. */
  readonly byHostProfile: ReadonlyMap<string, readonly AcceleratorSpec[]>;
}

/** The model's accelerators, or undefined when it declares none (then nothing about runs changes). */
export function resolveAccelerators(model: InfrastructureModel, err: Err): ResolvedAccelerators | undefined {
  const anyDevice = model.profiles.some((p) => (p.accelerators?.length ?? 0) > 0);
  if (!anyDevice && model.accImages === undefined && model.deviceProfiles === undefined) return undefined;
  for (const d of findDuplicates((model.accImages ?? []).map((i) => i.id))) err(["accImages", d.index, "id"], `duplicate id "${d.id}"`);
  for (const d of findDuplicates((model.deviceProfiles ?? []).map((i) => i.id))) err(["deviceProfiles", d.index, "id"], `duplicate id "${d.id}"`);
  const images: AccImageSpec[] = (model.accImages ?? []).map((i) => {
    const ms = parseDurationMs(String(i.onloadTime));
    return { id: i.id, type: i.type, functions: [...i.functions], onloadTimeMs: ms.ok ? ms.value : 0 };
  });
  const imageById = new Map(images.map((i) => [i.id, i]));
  const byHostProfile = new Map<string, AcceleratorSpec[]>();
  model.profiles.forEach((p, pi) => {
    const devices = hostDevices(p.accelerators ?? [], imageById, (path, m) => err(["profiles", pi, "accelerators", ...path], m));
    if (devices.length > 0) byHostProfile.set(p.id, devices);
  });
  const offered = [...byHostProfile.values()].flat();
  const profiles = new Map<string, DeviceProfile>();
  (model.deviceProfiles ?? []).forEach((dp, i) => {
    const groups = dp.groups.map((g, j): AccRequestGroup => {
      const at = (field: string, m: string) => err(["deviceProfiles", i, "groups", j, field], m);
      const image = g.image === undefined ? undefined : imageById.get(g.image);
      if (g.image !== undefined && image === undefined) at("image", `unknown accelerator image "${g.image}"; ${didYouMean(g.image, [...imageById.keys()].sort())}images: ${[...imageById.keys()].sort().join(", ") || "(none)"}`);
      else if (image !== undefined && image.type !== g.type) at("image", `image "${image.id}" is for ${image.type}, not ${g.type}`);
      const ofType = offered.filter((d) => d.type === g.type);
      if (ofType.length === 0) at("type", `no host profile has a ${g.type} accelerator`);
      else if (g.function !== undefined && !canOffer(ofType, images, g.function)) at("function", `no ${g.type} device or image offers function "${g.function}"`);
      return { type: g.type, ...(g.function === undefined ? {} : { function: g.function }), ...(g.image === undefined ? {} : { imageId: g.image }), count: g.count ?? 1 };
    });
    profiles.set(dp.id, { name: dp.id, groups });
  });
  return { images, profiles, byHostProfile };
}

/** A profile's devices, `count` expanded, with images checked. */
function hostDevices(input: NonNullable<InfrastructureModel["profiles"][number]["accelerators"]>, images: ReadonlyMap<string, AccImageSpec>, err: Err): AcceleratorSpec[] {
  const out: AcceleratorSpec[] = [];
  input.forEach((d, j) => {
    const image = d.image === undefined ? undefined : images.get(d.image);
    if (d.image !== undefined && image === undefined) err([j, "image"], `unknown accelerator image "${d.image}"; ${didYouMean(d.image, [...images.keys()].sort())}images: ${[...images.keys()].sort().join(", ") || "(none)"}`);
    else if (image !== undefined && image.type !== d.type) err([j, "image"], `image "${image.id}" is for ${image.type}, not ${d.type}`);
    const count = d.count ?? 1;
    for (let k = 0; k < count; k++) {
      out.push({
        name: count === 1 ? d.name : `${d.name}${k}`,
        type: d.type,
        vendor: d.vendor,
        model: d.model,
        functions: image?.functions ?? d.functions ?? [],
        handles: d.handles,
        handleType: d.handleType ?? "PCI",
        ...(d.image === undefined ? {} : { imageId: d.image }),
        numaNode: d.numaNode ?? 0,
      });
    }
  });
  for (const dup of findDuplicates(out.map((d) => d.name))) err([], `duplicate accelerator name "${dup.id}"`);
  return out;
}

const canOffer = (devices: readonly AcceleratorSpec[], images: readonly AccImageSpec[], fn: string): boolean =>
  devices.some((d) => d.functions.includes(fn)) || images.some((i) => i.functions.includes(fn) && devices.some((d) => d.type === i.type));

/** Hosts with their profile's devices. */
export function withHostAccelerators(hosts: readonly ResolvedHost[], acc: ResolvedAccelerators): ResolvedHost[] {
  return hosts.map((h) => {
    const devices = acc.byHostProfile.get(h.profile);
    return devices === undefined ? h : { ...h, accelerators: devices };
  });
}

/** Flavours with the device profile of `accel:device_profile`; unknown names are errors. */
export function withDeviceProfiles(model: InfrastructureModel, flavours: ReadonlyMap<string, ResolvedFlavour>, acc: ResolvedAccelerators | undefined, err: Err): Map<string, ResolvedFlavour> {
  const out = new Map(flavours);
  model.flavours.forEach((f, fi) => {
    const name = f.extraSpecs?.[DEVICE_PROFILE_SPEC];
    if (name === undefined) return;
    const profile = acc?.profiles.get(name);
    if (profile === undefined) {
      err(["flavours", fi, "extraSpecs", DEVICE_PROFILE_SPEC], `unknown device profile "${name}"; ${didYouMean(name, [...(acc?.profiles.keys() ?? [])].sort())}device profiles: ${[...(acc?.profiles.keys() ?? [])].sort().join(", ") || "(none)"}`);
      return;
    }
    out.set(f.id, { ...out.get(f.id)!, deviceProfile: profile });
  });
  return out;
}
