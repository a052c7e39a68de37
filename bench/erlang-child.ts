/**
 * The simulation alone of `scenarios/placement/erlang-loss.yaml`, in a fresh process: the wall time of
 * runScenario (no start-up, loading or reports), so the e2e section can say how a whole-process run
 * divides between the simulation and everything around it.
 *   node dist/bench/erlang-child.js REPO_ROOT
 * Prints one JSON line: { wallSeconds, events, logRecords, rejectionRate, digest }.
 */
import { runScenario } from "../src/scenario/index.js";
import { specFrom } from "../src/testing/scenario-files.js";
import { erlangFiles } from "./erlang-files.js";

const root = process.argv[2] ?? ".";
const { scenario, model } = erlangFiles(root);
const spec = specFrom(scenario, model);
const started = process.hrtime.bigint();
const result = runScenario(spec);
const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(
  JSON.stringify({
    wallSeconds,
    events: result.summary.run.events,
    logRecords: result.summary.run.logRecords,
    rejectionRate: result.summary.requests.rejectionRate,
    digest: result.summary.run.digest,
  }),
);
