/**
 * A worker thread of the run pool: receives RunRequests, runs the scenario, posts back the result or
 * the error, and, when asked, the progress of the run about ten times a second. Results are plain
 * data (structured clone).
 */
import { parentPort } from "node:worker_threads";
import { RunInvariantViolation, runScenario, type RunInvariantViolationData, type RunResult, type RunSpec } from "../scenario/index.js";
import { loadSqliteEngine, specNeedsSqliteEngine, sqliteEngineStarted, traceLines } from "../lib/index.js";

export interface RunRequest {
  readonly index: number;
  readonly spec: RunSpec;
  /** Post progress replies while running (only the pool's only thread is asked). */
  readonly progress: boolean;
  readonly stopAfterRequest: number | undefined;
}

type Progress = [simTimeMs: number, horizonMs: number | undefined, requests: number, requestsTarget: number | undefined, events: number];

export type RunReply = { index: number; result: RunResult } | { index: number; error: string; violation?: RunInvariantViolationData } | { index: number; progress: Progress };

const PROGRESS_EVERY_MS = 100;

const post = (reply: RunReply) => parentPort?.postMessage(reply);

parentPort?.on("message", (request: RunRequest) => {
  // sql.js starts asynchronously: a run replaying a SQLite trace (azure-packing) waits for it once.
  if (specNeedsSqliteEngine(request.spec) && !sqliteEngineStarted()) void loadSqliteEngine().then(() => runRequest(request), (e: unknown) => post({ index: request.index, error: e instanceof Error ? e.message : String(e) }));
  else runRequest(request);
});

function runRequest({ index, spec, progress, stopAfterRequest }: RunRequest): void {
  let lastPostMs = 0;
  const onProgress = (...p: Progress) => {
    const nowMs = Date.now();
    if (nowMs - lastPostMs < PROGRESS_EVERY_MS) return;
    lastPostMs = nowMs;
    post({ index, progress: p });
  };
  try {
    // Replayed traces are opened here, inside the thread, from their paths (never sent as text).
    const options = { openTrace: traceLines, ...(progress ? { onProgress } : {}), ...(stopAfterRequest === undefined ? {} : { stopAfterRequest }) };
    post({ index, result: runScenario(spec, options) });
  } catch (e) {
    // A broken invariant crosses as its plain data (structured clone drops the class).
    const violation = e instanceof RunInvariantViolation ? { violation: e.data } : {};
    post({ index, error: e instanceof Error ? e.message : String(e), ...violation });
  }
}
