/**
 * A VIM on a real model, outside a scenario run: the NFVI of a model file, a compute service with a
 * named placement policy, a simulation clock and a log. For benchmarks and tests that drive the
 * VIM's operations directly (the typed library API) rather than through a scenario.
 */
import { Simulation } from "../kernel/index.js";
import { ComputeMetrics, EventLog } from "../metrics/index.js";
import type { NfviState } from "../nfvi/index.js";
import { buildNfvi, formatInputIssue, loadModel, makeSelector, memoryReader, type ResolvedModel } from "../scenario/index.js";
import { ComputeService, INSTANT_OPERATIONS, type FlavourSpec, type OperationTimings } from "../vim/index.js";

export interface VimWorld {
  readonly sim: Simulation;
  readonly nfvi: NfviState;
  readonly compute: ComputeService;
  readonly log: EventLog;
  readonly flavours: ReadonlyMap<string, FlavourSpec>;
  readonly model: ResolvedModel;
}

/** The world of a model given as YAML text (named `file` in error messages). */
export function vimWorld(modelYaml: string, options: { policy?: string; timings?: OperationTimings; keepRecords?: boolean } = {}): VimWorld {
  const loaded = loadModel(memoryReader({ "model.yaml": modelYaml }), "model.yaml");
  if (!loaded.ok) throw new Error(loaded.issues.map(formatInputIssue).join("\n"));
  const model = loaded.value;
  const sim = new Simulation();
  const nfvi = buildNfvi(model);
  const log = new EventLog({ keepRecords: options.keepRecords ?? false });
  const compute = new ComputeService(sim, nfvi, makeSelector(options.policy ?? "spread", nfvi), log, new ComputeMetrics(), {}, options.timings ?? INSTANT_OPERATIONS);
  const flavours = new Map([...model.flavours].map(([id, f]) => [id, { id, amounts: f.amounts, requiredMetadata: f.requiredMetadata }] as const));
  return { sim, nfvi, compute, log, flavours, model };
}
