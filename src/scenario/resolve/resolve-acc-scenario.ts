/**
 * Checks a scenario's `accelerators:` section against the model (images, hosts, devices, functions)
 * with positions, and converts it to the run's accelerator plan.
 */
import { didYouMean } from "../../domain/index.js";
import type { DistributionSpec } from "../../kernel/index.js";
import type { AcceleratorSection } from "../schema/acc-scenario.js";
import { ms, perMs, toDistributionSpec } from "./distribution.js";
import { findDuplicates } from "./duplicates.js";
import type { ResolvedModel } from "./resolved-model.js";

type Report = (path: Array<string | number>, message: string) => void;

export interface AccOnloadSpec {
  readonly atMs: number;
  readonly imageId: string;
  readonly fromImageId: string | undefined;
  readonly devices: number;
  readonly hosts: readonly string[] | undefined;
}

export interface AccScenarioSpec {
  readonly onloads: readonly AccOnloadSpec[];
  readonly faults: readonly { readonly atMs: number; readonly deviceId: string; readonly repairAfterMs: number | undefined }[];
  readonly offload: readonly { readonly function: string; readonly ratePerMs: number; readonly serviceTime: DistributionSpec }[];
}

/** The plan, or undefined when the scenario has no section (nothing about the run changes). */
export function resolveAccScenario(section: AcceleratorSection | undefined, model: ResolvedModel, report: Report): AccScenarioSpec | undefined {
  if (section === undefined) return undefined;
  const acc = model.accelerators;
  const devices = model.hosts.flatMap((h) => (h.accelerators ?? []).map((d) => ({ id: `${h.id}/${d.name}`, spec: d })));
  if (acc === undefined || devices.length === 0) {
    report(["accelerators"], `model ${model.name} has no accelerators`);
    return undefined;
  }
  const images = new Map(acc.images.map((i) => [i.id, i]));
  const imageList = [...images.keys()].sort().join(", ") || "(none)";
  const hostIds = new Set(model.hosts.map((h) => h.id));
  const onloads = (section.onload ?? []).map((o, i): AccOnloadSpec => {
    const known = [...images.keys()].sort();
    if (!images.has(o.image)) report(["accelerators", "onload", i, "image"], `unknown accelerator image "${o.image}"; ${didYouMean(o.image, known)}images: ${imageList}`);
    if (o.from !== undefined && !images.has(o.from)) report(["accelerators", "onload", i, "from"], `unknown accelerator image "${o.from}"; ${didYouMean(o.from, known)}images: ${imageList}`);
    (o.hosts ?? []).forEach((h, k) => {
      if (!hostIds.has(h)) report(["accelerators", "onload", i, "hosts", k], `unknown host "${h}"`);
    });
    return { atMs: ms(o.at), imageId: o.image, fromImageId: o.from, devices: o.devices ?? 1, hosts: o.hosts };
  });
  const deviceIds = new Set(devices.map((d) => d.id));
  const faults = (section.faults ?? []).map((f, i) => {
    if (!deviceIds.has(f.device)) report(["accelerators", "faults", i, "device"], `unknown accelerator "${f.device}" (write <host>/<device name>)`);
    return { atMs: ms(f.at), deviceId: f.device, repairAfterMs: f.repairAfter === undefined ? undefined : ms(f.repairAfter) };
  });
  const functions = new Set([...devices.flatMap((d) => d.spec.functions), ...acc.images.flatMap((i) => i.functions)]);
  const offload = (section.offload ?? []).map((o, i) => {
    if (!functions.has(o.function)) report(["accelerators", "offload", i, "function"], `no accelerator or image offers function "${o.function}"; functions: ${[...functions].sort().join(", ")}`);
    return { function: o.function, ratePerMs: perMs(o.rate), serviceTime: toDistributionSpec(o.serviceTime) };
  });
  for (const d of findDuplicates(offload.map((o) => o.function))) report(["accelerators", "offload", d.index, "function"], `function "${d.id}" already has offload traffic`);
  return { onloads: [...onloads].sort((a, b) => a.atMs - b.atMs), faults: [...faults].sort((a, b) => a.atMs - b.atMs), offload };
}
