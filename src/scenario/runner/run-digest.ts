/**
 * The run digest (issue 4, item 8): one SHA-256 over the decoded inputs that determine a run and the
 * event log's always-on shape digest, so CI can assert that a replay is identical and a reader can
 * tell two runs apart. It leaves out what changes only what is written, not what happens: file
 * paths (a checkout elsewhere replays the same run), the trace and explain switches, expectations,
 * report windows and the replication count; so `--trace` on a replay gives the same digest.
 */
import { canonicalJson, sha256Hex, type EventLog } from "../../metrics/index.js";
import type { ResolvedModel } from "../resolve/resolved-model.js";
import type { RunSpec } from "../resolve/run-spec.js";

/** Names the digest's recipe: bump it when what goes into the digest changes. */
export const RUN_DIGEST_RECIPE = "nfvtwin.run-digest/1";

/** Model digests by model object: replications and variants share one model, which may hold 100,000 hosts. */
const modelDigests = new WeakMap<ResolvedModel, string>();

/** Hex SHA-256 of the decoded model (Maps as sorted entry lists), less its path and warnings. */
export function modelDigest(model: ResolvedModel): string {
  const cached = modelDigests.get(model);
  if (cached !== undefined) return cached;
  const { file: _file, warnings: _warnings, flavours, tenants, ...rest } = model;
  const entries = <V>(m: ReadonlyMap<string, V>): Array<[string, V]> => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const digest = sha256Hex(canonicalJson({ ...rest, flavours: entries(flavours), tenants: entries(tenants) }));
  modelDigests.set(model, digest);
  return digest;
}

/** The simulation-relevant part of a RunSpec as plain JSON data, the model by its digest. */
export function simulationInputs(spec: RunSpec): unknown {
  // Windows change only what is reported, not what happens.
  const { file: _file, expectations: _expectations, precision: _precision, replications: _replications, variants: _variants, warnings: _warnings, windows: _windows, output, model, traces, ...rest } = spec;
  // A replayed trace by its settings, not its path: what its rows make happen is in the event log's digest.
  const replayed = traces === undefined ? {} : { traces: traces.map(({ file: _f, display: _d, at: _a, ...t }) => t) };
  return { ...rest, ...replayed, output: { samplePeriodMs: output.samplePeriodMs }, model: modelDigest(model) };
}

/** Hex SHA-256 of the recipe name, the simulation inputs and the event log's count and shape digest. */
export function runDigest(spec: RunSpec, log: EventLog): string {
  return sha256Hex(canonicalJson({ recipe: RUN_DIGEST_RECIPE, inputs: simulationInputs(spec), eventLog: { records: log.count, shape: log.shapeDigest } }));
}
