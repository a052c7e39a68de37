/**
 * Runs independent single runs on a pool of worker threads. Results come back in completion order
 * but are stored by plan index, so the caller folds them in plan order: the bytes written never
 * depend on the worker count or on timing.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { RunInvariantViolation, type RunInvariantViolationData, type RunResult, type RunSpec } from "../scenario/index.js";

/** The default worker count: every core. */
export const defaultWorkers = (): number => Math.max(1, availableParallelism());

/**
 * A worker running run-worker beside this file. Built (.js): the script itself. From sources under tsx
 * (tests): a worker thread does not inherit the parent's loader hooks, so a small bootstrap registers
 * tsx in the worker first, then imports the .ts script.
 */
function startWorker(): Worker {
  return startWorkerScript("run-worker");
}

/** A worker running the script `name` (run-worker, report-worker) beside this file; see startWorker. */
export function startWorkerScript(name: string): Worker {
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL(`./${name}.js`, import.meta.url));
  const script = new URL(`./${name}.ts`, import.meta.url).href;
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(bootstrap, { eval: true });
}

/** Runs `specs` on up to `workers` threads; resolves with the results in `specs` order. */
export function runInPool(specs: ReadonlyArray<RunSpec>, workers: number, onDone?: (done: number) => void): Promise<RunResult[]> {
  const results: Array<RunResult | undefined> = new Array(specs.length);
  let next = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    const pool = Array.from({ length: Math.min(workers, specs.length) }, startWorker);
    let failed = false;
    const finish = (error?: Error) => {
      for (const w of pool) void w.terminate();
      if (error !== undefined) reject(error);
      else resolve(results as RunResult[]);
    };
    const feed = (w: Worker) => {
      if (next < specs.length) {
        const index = next++;
        w.postMessage({ index, spec: specs[index] });
      }
    };
    for (const w of pool) {
      w.on("message", (m: { index: number; result?: RunResult; error?: string; violation?: RunInvariantViolationData }) => {
        if (failed) return;
        if (m.error !== undefined) {
          failed = true;
          finish(m.violation === undefined ? new Error(m.error) : new RunInvariantViolation(m.violation));
          return;
        }
        results[m.index] = m.result;
        done++;
        onDone?.(done);
        if (done === specs.length) finish();
        else feed(w);
      });
      w.on("error", (e) => {
        if (failed) return;
        failed = true;
        finish(e);
      });
      feed(w);
    }
  });
}
