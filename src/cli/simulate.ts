/** Every simulation of a command, as an Effect: on the thread pool, failures mapped to exit codes. */
import * as Effect from "effect/Effect";
import type { RunResult, RunSpec } from "../scenario/index.js";
import { CommandFailure, EXIT_INTERNAL_ERROR } from "./exit-codes.js";
import { outOfMemoryFailure, RunOutOfMemory } from "./heap-limit.js";
import { runInPool, type PoolOptions } from "./worker-pool.js";

/**
 * Runs `runs` (plan items of `scenario`) on up to `workers` threads; results in `runs` order. Running
 * out of memory is exit 3 naming the scenario and the seed of the run that ran out; any other error
 * is `otherFailure`'s (by default exit 3 naming the scenario and its seed, to replay).
 */
export function simulate(
  scenario: RunSpec,
  runs: ReadonlyArray<RunSpec>,
  workers: number,
  options: PoolOptions,
  otherFailure: (e: unknown) => CommandFailure = (e) => internalFailure(scenario, e),
): Effect.Effect<RunResult[], CommandFailure> {
  return Effect.tryPromise({
    try: () => runInPool(runs, workers, options),
    catch: (e) => (e instanceof RunOutOfMemory ? outOfMemoryFailure(scenario, runs[e.index]?.seed ?? scenario.seed, e.limitMb) : otherFailure(e)),
  });
}

/** Exit 3 naming the scenario and its seed, to replay. */
export const internalFailure = (scenario: RunSpec, e: unknown): CommandFailure =>
  new CommandFailure(EXIT_INTERNAL_ERROR, [`nfvtwin: internal error in scenario ${scenario.name} (${scenario.file}, seed ${scenario.seed}): ${e instanceof Error ? e.message : String(e)}`]);
