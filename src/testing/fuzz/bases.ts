/**
 * The shipped scenarios the fuzzer mutates, each prepared for a fast run: its model copied beside it
 * as model.yaml, the horizon cut short, one replication. A prepared base is valid input (the fuzz test
 * checks it), so every refusal of a mutated case comes from its mutations.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import { REPO_ROOT } from "../cli-process.js";

/** Shipped scenarios small enough (no variants or sweeps: a plan of one run) to run in a few tens of milliseconds with a short horizon. */
export const BASE_SCENARIOS: ReadonlyArray<string> = [
  "scenarios/demo/hello-lab.yaml",
  "scenarios/placement/lab-pack.yaml",
  "scenarios/placement/lab-spread.yaml",
  "scenarios/placement/lab-overcommit-4x.yaml",
  "scenarios/placement/anti-affinity-overflow.yaml",
  "scenarios/placement/maintenance-window.yaml",
  "scenarios/quota/tenant-hits-quota.yaml",
  "scenarios/quota/quota-lowered-below-usage.yaml",
  "scenarios/lifecycle/maintenance-drain.yaml",
  "scenarios/lifecycle/resize-storm.yaml",
  "scenarios/lifecycle/image-first-boot.yaml",
  "scenarios/lifecycle/ip-pool-exhaustion.yaml",
  "scenarios/lifecycle/role-not-allowed.yaml",
  "scenarios/lifecycle/tenant-day.yaml",
  "scenarios/lifecycle/tenant-resources.yaml",
  "scenarios/faults/flapping-host.yaml",
  "scenarios/faults/zone-outage.yaml",
  "scenarios/faults/rack-power-loss.yaml",
  "scenarios/faults/accelerator-faults.yaml",
  "scenarios/reservation/back-to-back-leases.yaml",
  "scenarios/reservation/burst-vs-reserved.yaml",
  "scenarios/reservation/expire-unused.yaml",
  "scenarios/reservation/update-terminate.yaml",
  "scenarios/reservation/network-lease.yaml",
  "scenarios/reservation/storage-lease.yaml",
  "scenarios/accelerators/gpu-vs-cpu.yaml",
  "scenarios/accelerators/gpu-pool-lease.yaml",
];

/** A base ready to mutate: the scenario and its model as text, the scenario naming `model.yaml`. */
export interface PreparedBase {
  readonly source: string;
  readonly scenario: string;
  readonly model: string;
}

/** The horizon of every prepared base: long enough for some requests, short enough to run in milliseconds. */
export const BASE_HORIZON = "3h";

/** Reads and prepares one shipped scenario (relative to the repository root). */
export function prepareBase(source: string): PreparedBase {
  const doc = parseDocument(readFileSync(join(REPO_ROOT, source), "utf8"));
  const modelRel = String(doc.get("model"));
  const model = readFileSync(join(REPO_ROOT, source, "..", modelRel), "utf8");
  doc.set("model", "model.yaml");
  doc.set("stop", doc.createNode({ horizon: BASE_HORIZON }));
  doc.delete("replications");
  doc.delete("precision");
  dropWrittenWindows(doc);
  return { source, scenario: doc.toString(), model };
}

/**
 * Written time windows may end after the cut horizon (a load error): they go, with the expectations
 * naming them. Automatic ones (faults.windows: true) stay: they are clipped to the run.
 */
function dropWrittenWindows(doc: ReturnType<typeof parseDocument>): void {
  const windows = doc.get("windows");
  if (!isMap(windows)) return;
  const names = new Set(windows.items.map((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key)));
  doc.delete("windows");
  const expect = doc.get("expect");
  if (!isSeq(expect)) return;
  expect.items = expect.items.filter((e) => !(isMap(e) && names.has(String(e.get("metric")).split(".")[1] ?? "")));
}

let prepared: ReadonlyArray<PreparedBase> | undefined;

/** Every base, prepared once per process. */
export function preparedBases(): ReadonlyArray<PreparedBase> {
  prepared ??= BASE_SCENARIOS.map(prepareBase);
  return prepared;
}
