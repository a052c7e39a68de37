/**
 * The kernel's public surface: other rooms import only this file (`../kernel/index.js`). The event
 * queue, special functions and sampler internals stay private to the room.
 */
export {
  MS_PER_SECOND,
  MS_PER_MINUTE,
  MS_PER_HOUR,
  MS_PER_DAY,
  parseDurationMs,
  parseRatePerHour,
  DURATION_PATTERN,
  RATE_PATTERN,
  ratePerHourToPerMs,
  meanIntervalMs,
  formatDurationMs,
  type ParseResult,
} from "./time.js";
export {
  Simulation,
  URGENT,
  HIGH,
  NORMAL,
  LOW,
  IDLE,
  PRIORITY_MIN,
  PRIORITY_MAX,
  type EventHandle,
  type EventHandler,
  type RunOptions,
  type StopReason,
} from "./simulation.js";
export {
  Signal,
  Process,
  Interrupt,
  ProcessCancelled,
  startProcess,
  wait,
  type ProcessBody,
  type ProcessGenerator,
  type ProcessState,
  type ProcessYield,
} from "./process.js";
export { createStreams, createStream, type RandomStream, type RandomStreams, type UniformSource } from "./rng.js";
export {
  sampler,
  integerMsSampler,
  roundToMs,
  DISTRIBUTION_KINDS,
  type DistributionSpec,
  type DistributionKind,
} from "./distributions.js";
export { distributionMean, distributionVariance } from "./distribution-moments.js";
export { validateDistribution } from "./distribution-validation.js";
