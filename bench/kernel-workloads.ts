/**
 * Kernel workloads shared by the tinybench section and the anchor comparison. Each builds a fresh
 * Simulation, runs it, and reports the wall time of the event loop alone (setup excluded, as the
 * reference programs in shared/anchors do).
 */
import {
  HIGH,
  NORMAL,
  Simulation,
  createStreams,
  integerMsSampler,
  startProcess,
  type EventHandler,
  type ProcessGenerator,
} from "../src/kernel/index.js";

export interface WorkloadResult {
  readonly events: number;
  readonly simulatedTimeMs: number;
  readonly wallSeconds: number;
}

const wallSeconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;

/**
 * The anchors' `kernel` workload on the callback path: `timers` timers, each rescheduling itself after
 * an exponential delay (mean 1000 ms, rounded to integer ms: the reference uses real-valued time with
 * mean 1), until `events` events have fired. Payload = timer index; one module-level handler.
 */
export function timersCallback(events: number, timers: number, seed: number): WorkloadResult {
  const sim = new Simulation();
  const delayMs = integerMsSampler({ kind: "exponential", mean: 1000 }, createStreams(seed).stream("timers"));
  const fire: EventHandler<number> = (s, timer) => {
    s.schedule(delayMs(), fire, timer);
  };
  for (let timer = 0; timer < timers; timer++) sim.schedule(delayMs(), fire, timer);
  const start = process.hrtime.bigint();
  sim.run({ maxEvents: events });
  return { events: sim.eventsProcessed, simulatedTimeMs: sim.nowMs, wallSeconds: wallSeconds(start) };
}

/**
 * The same workload written as SimPy's reference writes it: one generator process per timer, each
 * yielding events / timers exponential delays. Counts timeouts only (the start and done events that
 * processes add are excluded, as SimPy's reference does).
 */
export function timersProcesses(events: number, timers: number, seed: number): WorkloadResult {
  const sim = new Simulation();
  const delayMs = integerMsSampler({ kind: "exponential", mean: 1000 }, createStreams(seed).stream("timers"));
  const perTimer = Math.floor(events / timers);
  function* timer(): ProcessGenerator {
    for (let i = 0; i < perTimer; i++) yield delayMs();
  }
  for (let t = 0; t < timers; t++) startProcess(sim, timer, "timer");
  const start = process.hrtime.bigint();
  sim.run();
  return { events: perTimer * timers, simulatedTimeMs: sim.nowMs, wallSeconds: wallSeconds(start) };
}

interface Entity {
  readonly id: number;
  timeoutHandle: number;
}

/**
 * A busier mix than identical timers, closer to a twin run: 10,000 entities; each event draws what
 * happens next — a same-ms follow-up (25 %), an exponential gap of mean 5 s (60 %), a HIGH-priority
 * 30 s step (10 %) or a lognormal hour-scale wait (5 %) — and one event in five arms a watchdog
 * timeout that the next event of the entity cancels (lazy deletion under load).
 */
export function mixedSchedule(events: number, seed: number): WorkloadResult {
  const sim = new Simulation();
  const streams = createStreams(seed);
  const pick = streams.stream("mix/pick");
  const shortMs = integerMsSampler({ kind: "exponential", mean: 5000 }, streams.stream("mix/short"));
  const longMs = integerMsSampler({ kind: "lognormal", mean: 3_600_000, sd: 1_800_000 }, streams.stream("mix/long"));
  const watchdog: EventHandler<Entity> = () => undefined;
  const step: EventHandler<Entity> = (s, entity) => {
    s.cancel(entity.timeoutHandle);
    const u = pick.next();
    if (u < 0.2) entity.timeoutHandle = s.schedule(60_000, watchdog, entity);
    if (u < 0.25) s.schedule(0, step, entity);
    else if (u < 0.85) s.schedule(shortMs(), step, entity);
    else if (u < 0.95) s.schedule(30_000, step, entity, HIGH);
    else s.schedule(longMs(), step, entity, NORMAL);
  };
  for (let id = 0; id < 10_000; id++) sim.schedule(shortMs(), step, { id, timeoutHandle: -1 });
  const start = process.hrtime.bigint();
  sim.run({ maxEvents: events });
  return { events: sim.eventsProcessed, simulatedTimeMs: sim.nowMs, wallSeconds: wallSeconds(start) };
}
