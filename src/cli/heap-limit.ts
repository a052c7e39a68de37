/**
 * Running out of memory. A simulation that exhausts the main thread's heap kills the process with
 * V8's native stack trace and no word of which scenario and seed; the same in a worker thread with a
 * heap limit (resourceLimits) only ends that thread, with ERR_WORKER_OUT_OF_MEMORY. So every run goes
 * to a worker (worker-pool.ts) under the limit chosen here, and running out becomes exit 3 with the
 * scenario, the seed and what to change.
 */
import { getHeapStatistics } from "node:v8";
import type { RunSpec } from "../scenario/index.js";
import { CommandFailure, EXIT_INTERNAL_ERROR } from "./exit-codes.js";

const MIB = 1024 * 1024;

/**
 * The default heap limit of a simulation thread: this process's own (V8's default for the machine,
 * or what node's --max-old-space-size set), so a run may use as much as it could in this thread.
 */
export const defaultHeapLimitMb = (): number => Math.max(1, Math.floor(getHeapStatistics().heap_size_limit / MIB));

/** A run's thread reached its heap limit; `index` is the run's position in the list given to the pool. */
export class RunOutOfMemory extends Error {
  constructor(
    readonly index: number,
    readonly limitMb: number,
  ) {
    super(`run ${index} ran out of memory (heap limit ${limitMb} MiB)`);
  }
}

/** Whether `e` is the error a worker thread ends with when it reaches its heap limit. */
export const isWorkerOutOfMemory = (e: unknown): boolean => (e as { code?: unknown } | null)?.code === "ERR_WORKER_OUT_OF_MEMORY";

/** Exit 3, naming the scenario, its file and the seed of the run that ran out, the limit, and what to try. */
export function outOfMemoryFailure(scenario: RunSpec, seed: number, limitMb: number): CommandFailure {
  return new CommandFailure(EXIT_INTERNAL_ERROR, [
    `nfvtwin: scenario ${scenario.name} (${scenario.file}, seed ${seed}) ran out of memory (heap limit ${limitMb} MiB): ` +
      "raise it with --max-heap-mb or node's --max-old-space-size, or simulate fewer hosts or a shorter horizon",
  ]);
}
