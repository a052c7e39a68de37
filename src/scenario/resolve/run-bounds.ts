/**
 * Limits that several fields decide together (issue 15): the expected server requests of a run
 * (rate × horizon × group size), the actions of operation streams, the samples of the utilisation
 * series (horizon / samplePeriod), and the simulated time of a run stopped by an arrival count.
 * A scenario that passes runs in bounded time and memory; each message names the limit.
 */
import { formatDurationMs } from "../../kernel/index.js";
import { formatCount, MAX_EXPECTED_REQUESTS, MAX_HORIZON_MS, MAX_SAMPLES } from "../schema/limits.js";
import type { OperationsSpec } from "./operations.js";
import type { ArrivalSpec, StreamSpec, TimedRequestSpec } from "./run-spec.js";

type Path = Array<string | number>;
type Report = (path: Path, message: string) => void;

const MS_PER_HOUR = 3_600_000;
const MS_PER_WEEK = 7 * 24 * MS_PER_HOUR;

/** Expected arrivals of a Poisson stream with this profile in [0, endMs) (the integrated rate). */
export function expectedArrivals(spec: ArrivalSpec, endMs: number): number {
  switch (spec.kind) {
    case "poisson":
      return spec.ratePerMs * endMs;
    case "schedule":
      return spec.steps.reduce((n, s, i) => {
        const to = Math.min(spec.steps[i + 1]?.fromMs ?? endMs, endMs);
        return to > s.fromMs ? n + s.ratePerMs * (to - s.fromMs) : n;
      }, 0);
    case "daily": {
      // The profile repeats weekly; the mean over a week times the span is exact for whole weeks and
      // within one week's arrivals otherwise, all a limit needs.
      const hourMean = spec.hourly.reduce((a, b) => a + b, 0) / 24;
      const weekMean = spec.weekly === undefined ? 1 : spec.weekly.reduce((a, b) => a + b, 0) / 7;
      const weekPeak = spec.ratePerMs * Math.max(0, ...spec.hourly) * Math.max(0, ...(spec.weekly ?? [1]));
      return spec.ratePerMs * hourMean * weekMean * endMs + weekPeak * Math.min(endMs, MS_PER_WEEK);
    }
  }
}

/** The long-run mean rate per ms of a profile (the last step of a schedule). */
function meanRatePerMs(spec: ArrivalSpec): number {
  if (spec.kind === "poisson") return spec.ratePerMs;
  if (spec.kind === "schedule") return spec.steps[spec.steps.length - 1]!.ratePerMs;
  return expectedArrivals(spec, 100 * MS_PER_WEEK) / (100 * MS_PER_WEEK);
}

/** What the run-wide checks read of a resolved scenario. */
export interface RunBoundsInput {
  readonly horizonMs: number | undefined;
  readonly stopArrivals: number | undefined;
  readonly samplePeriodMs: number;
  /** Whether output.samplePeriod was written (else the message points at the horizon). */
  readonly samplePeriodWritten: boolean;
  readonly streams: ReadonlyArray<StreamSpec>;
  readonly requests: ReadonlyArray<TimedRequestSpec>;
  readonly operations: OperationsSpec;
}

/**
 * The simulated span a run covers: its horizon, or, stopped by an arrival count only, the expected
 * time to reach it at the streams' mean rates (undefined when no stream ever arrives).
 */
function runSpanMs(input: RunBoundsInput, report: Report): number | undefined {
  if (input.horizonMs !== undefined) return input.horizonMs;
  if (input.stopArrivals === undefined) return undefined;
  const rate = input.streams.reduce((r, s) => r + meanRatePerMs(s.arrivals), 0);
  if (!(rate > 0)) return undefined;
  const spanMs = input.stopArrivals / rate;
  if (spanMs > MAX_HORIZON_MS) {
    report(["stop", "arrivals"], `${formatCount(input.stopArrivals)} arrivals at the streams' mean rate take ${formatDurationMs(spanMs)} on average; a run covers at most 36500d (100 years): give stop.horizon or higher rates`);
    return undefined;
  }
  return spanMs;
}

/** Reports every run-wide limit the scenario exceeds. */
export function checkRunBounds(input: RunBoundsInput, report: Report): void {
  const spanMs = runSpanMs(input, report);
  checkRequests(input, report);
  checkActions(input, report);
  if (input.samplePeriodMs < 1) report(["output", "samplePeriod"], "samplePeriod must be at least 1ms");
  else if (spanMs !== undefined && spanMs / input.samplePeriodMs > MAX_SAMPLES) {
    const samples = Math.ceil(spanMs / input.samplePeriodMs);
    const minimum = formatDurationMs(Math.ceil(spanMs / MAX_SAMPLES));
    const where: Path = input.samplePeriodWritten ? ["output", "samplePeriod"] : ["stop", "horizon"];
    report(where, `${formatDurationMs(spanMs)} sampled every ${formatDurationMs(input.samplePeriodMs)} is ${formatCount(samples)} samples; at most ${formatCount(MAX_SAMPLES)} samples per run: use a samplePeriod of at least ${minimum}`);
  }
}

/** Expected server requests: streams (capped by maxArrivals and stop.arrivals) × group size, bursts, timed requests. */
function checkRequests(input: RunBoundsInput, report: Report): void {
  if (input.horizonMs === undefined && input.stopArrivals === undefined) return; // refused as a missing stop
  const perStream = input.streams.map((s) => {
    const expected = input.horizonMs === undefined ? Number.POSITIVE_INFINITY : expectedArrivals(s.arrivals, input.horizonMs);
    const arrivals = Math.min(expected, s.maxArrivals ?? Number.POSITIVE_INFINITY, input.stopArrivals ?? Number.POSITIVE_INFINITY);
    const size = s.group?.size ?? 1;
    return arrivals * size + s.bursts.reduce((n, b) => n + b.count * size, 0);
  });
  // stop.arrivals ends the run after that many arrivals of all streams together.
  const largestSize = Math.max(1, ...input.streams.map((s) => s.group?.size ?? 1));
  const streamsTotal = Math.min(perStream.reduce((a, b) => a + b, 0), (input.stopArrivals ?? Number.POSITIVE_INFINITY) * largestSize);
  const total = streamsTotal + input.requests.reduce((n, r) => n + r.count, 0);
  if (!(total > MAX_EXPECTED_REQUESTS)) return;
  const largest = perStream.reduce((best, n, i) => (n > (perStream[best] ?? -1) ? i : best), 0);
  const where: Path = perStream.length > 0 ? ["workload", "streams", largest, "arrivals"] : ["workload", "requests"];
  const over = input.horizonMs === undefined ? "" : ` over the ${formatDurationMs(input.horizonMs)} horizon`;
  report(where, `the workload asks for ${formatCount(Math.round(total))} servers on average${over} (rate × horizon × group size, all streams and requests); at most ${formatCount(MAX_EXPECTED_REQUESTS)} per run`);
}

/** Expected actions of the operation streams over their active windows. */
function checkActions(input: RunBoundsInput, report: Report): void {
  input.operations.streams.forEach((s, i) => {
    const endMs = Math.min(s.untilMs, input.horizonMs ?? Number.POSITIVE_INFINITY);
    const expected = Math.min(s.ratePerMs * Math.max(0, endMs - s.fromMs), s.maxActions ?? Number.POSITIVE_INFINITY);
    if (expected > MAX_EXPECTED_REQUESTS) {
      report(["operations", "streams", i, "rate"], `the stream asks for ${formatCount(Math.round(expected))} actions on average; at most ${formatCount(MAX_EXPECTED_REQUESTS)} per run (lower the rate, or give until or maxActions)`);
    }
  });
}
