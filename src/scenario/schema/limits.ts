/**
 * Limits on the numbers of input files. Each lies far beyond any real study (a region of 100,000
 * hosts, a year simulated at one-minute samples, a few hundred replications) yet keeps every run
 * finite in time and memory: input that validates must run (issue 15). docs/file-formats.md lists them.
 * Data only (rule 12): the schema checks what one field decides, resolve/ what several decide together.
 */
import { Schema } from "effect";

/** A scenario name becomes the name of its report folder: short enough for any file system. */
export const MAX_NAME_LENGTH = 100;
/** Hosts of one model, overrides and sweep points included. */
export const MAX_HOSTS = 1_000_000;
/** Independent replications of one scenario. */
export const MAX_REPLICATIONS = 10_000;
/** Runs of one scenario: replications × variants (or sweep points). */
export const MAX_RUNS = 100_000;
/** Utilisation samples of one run: horizon / samplePeriod. */
export const MAX_SAMPLES = 1_000_000;
/** Expected server requests of one run (Σ arrival rate × horizon × group size, bursts and timed requests). */
export const MAX_EXPECTED_REQUESTS = 100_000_000;
/** Arrival and action rates: 1,000,000 per second. */
export const MAX_RATE_PER_HOUR = 3_600_000_000;
/** Daily and weekly rate factors, flavour and choice weights: relative numbers. */
export const MAX_FACTOR = 1_000_000;
/** Simulated time of a run (horizon, or the expected end of an arrival-stopped run): 100 years. */
export const MAX_HORIZON_MS = 100 * 365 * 86_400_000;
/** Expected failures of one run: fault-process cycles and storm flaps. */
export const MAX_FAILURES = 1_000_000;
/** Values one PM job collects: collections × objects × metrics. */
export const MAX_PM_VALUES = 10_000_000;
/** Accelerator devices of one profile entry, and attach handles (VFs, mdevs) per device. */
export const MAX_DEVICES_PER_ENTRY = 1_024;
export const MAX_HANDLES_PER_DEVICE = 4_096;
/** Attach handles of a whole model: hosts × devices × handles. */
export const MAX_MODEL_HANDLES = 10_000_000;
/** Servers asked for by one request (group size, timed request count, burst count). */
export const MAX_REQUEST_SERVERS = 100_000;

/** `1,000,000` for counts; other numbers as written, huge ones to 3 digits (`1.00e30`). */
export function formatCount(n: number): string {
  if (Number.isSafeInteger(n)) return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  if (Number.isFinite(n) && Math.abs(n) < 1e15) return String(n);
  return n.toPrecision(3).replace("e+", "e");
}

/**
 * `value ≤ maximum` with a message naming the limit and the unit counted ("at most 1,000,000 hosts");
 * the JSON Schema carries the maximum. Non-finite numbers are left to Schema.Finite's own message.
 */
export const atMost = (maximum: number, unit: string) =>
  Schema.makeFilter((x: number) => (!Number.isFinite(x) || x <= maximum ? undefined : `at most ${formatCount(maximum)} ${unit}; got ${formatCount(x)}`), {
    toJsonSchema: () => ({ maximum }),
  });
