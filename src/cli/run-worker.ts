/**
 * A worker thread of the run pool: receives { index, spec }, runs the scenario, posts back
 * { index, result } or { index, error }. Results are plain data (structured clone).
 */
import { parentPort } from "node:worker_threads";
import { RunInvariantViolation, runScenario, type RunSpec } from "../scenario/index.js";

parentPort?.on("message", (message: { index: number; spec: RunSpec }) => {
  try {
    parentPort?.postMessage({ index: message.index, result: runScenario(message.spec) });
  } catch (e) {
    // A broken invariant crosses as its plain data (structured clone drops the class).
    const violation = e instanceof RunInvariantViolation ? { violation: e.data } : {};
    parentPort?.postMessage({ index: message.index, error: e instanceof Error ? e.message : String(e), ...violation });
  }
});
