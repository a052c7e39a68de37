/**
 * The discrete-event core: a clock, the pending-event queue, and `step()`, the one function that pops
 * and fires an event. `run()` is a loop over `step()`; so is every other way of driving the clock
 * (style rule 3: OpenDC's two diverging loops are the anti-model).
 *
 * Events carry no meaning here (rule 1): an event is (time, priority, seq, handler, payload), and the
 * handler gives it meaning. The callback path allocates nothing per event: pass a module-level handler
 * and the entity it acts on as payload, rather than a fresh closure.
 */
import { EventQueue, PRIORITY_MAX, type EventHandle } from "./event-queue.js";

export type { EventHandle } from "./event-queue.js";
export { PRIORITY_MAX, PRIORITY_MIN } from "./event-queue.js";

/**
 * Named priorities: among events at the same ms, the lower value fires first, then the earlier
 * scheduled (seq). Any integer in [PRIORITY_MIN, PRIORITY_MAX] is allowed; the gaps leave room
 * for a model to slot its own levels in between.
 */
export const URGENT = 0;
export const HIGH = 1024;
export const NORMAL = 2048;
export const LOW = 3072;
export const IDLE = PRIORITY_MAX;

/**
 * What runs when an event fires. P is the payload type: `schedule` only accepts a payload matching
 * the handler, so the queue can store the pair with its type erased and still call it soundly.
 */
export type EventHandler<P> = (sim: Simulation, payload: P) => void;

/** Why `run()` returned. */
export type StopReason = "horizon" | "maxEvents" | "condition" | "stopped" | "empty";

export interface RunOptions {
  /** Horizon in absolute simulated ms: events at t >= untilMs do not fire, and the clock ends at untilMs. */
  readonly untilMs?: number;
  /** Fire at most this many events in this call (the stop marker counts as one). */
  readonly maxEvents?: number;
  /** Checked before the first event and after each one; the run returns "condition" once it is true. */
  readonly until?: (sim: Simulation) => boolean;
}

type ErasedHandler = EventHandler<unknown>;

export class Simulation {
  private readonly queue: EventQueue<ErasedHandler>;
  private clockMs = 0;
  private processed = 0;
  private stopHandle: EventHandle = -1;
  private stopFired = false;
  private running = false;

  constructor(options: { readonly initialCapacity?: number } = {}) {
    this.queue = new EventQueue<ErasedHandler>(options.initialCapacity);
  }

  /** The simulated clock in integer ms; it never goes backwards. */
  get nowMs(): number {
    return this.clockMs;
  }

  /** Events fired so far, over all runs (the stop marker included). */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Events scheduled and neither fired nor cancelled. */
  get pendingCount(): number {
    return this.queue.size;
  }

  /** Schedules handler(sim, payload) after delayMs (a non-negative integer); returns a cancel handle. */
  schedule(delayMs: number, handler: EventHandler<undefined>): EventHandle;
  schedule<P>(delayMs: number, handler: EventHandler<P>, payload: P, priority?: number): EventHandle;
  schedule<P>(delayMs: number, handler: EventHandler<P>, payload?: P, priority: number = NORMAL): EventHandle {
    // One comparison rejects negatives, NaN and fractions alike; the message names the value.
    if (!(delayMs >= 0 && Math.floor(delayMs) === delayMs)) throw badTime("delayMs", delayMs, "a non-negative integer");
    return this.queue.push(this.clockMs + delayMs, priority, handler as ErasedHandler, payload);
  }

  /** Schedules handler(sim, payload) at absolute timeMs >= nowMs (an integer); returns a cancel handle. */
  scheduleAt(timeMs: number, handler: EventHandler<undefined>): EventHandle;
  scheduleAt<P>(timeMs: number, handler: EventHandler<P>, payload: P, priority?: number): EventHandle;
  scheduleAt<P>(timeMs: number, handler: EventHandler<P>, payload?: P, priority: number = NORMAL): EventHandle {
    if (!(timeMs >= this.clockMs && Math.floor(timeMs) === timeMs)) {
      throw badTime("timeMs", timeMs, `an integer >= nowMs (${this.clockMs})`);
    }
    return this.queue.push(timeMs, priority, handler as ErasedHandler, payload);
  }

  /** Cancels a pending event: it will never fire. False if it already fired or was cancelled. */
  cancel(handle: EventHandle): boolean {
    return this.queue.cancel(handle);
  }

  /** Whether the event named by handle is still waiting to fire. */
  isPending(handle: EventHandle): boolean {
    return this.queue.isPending(handle);
  }

  /** Time of the next event to fire, Infinity when none is pending. */
  peekTimeMs(): number {
    return this.queue.peekTimeMs();
  }

  /** Pops the earliest event, advances the clock to it and fires it; false when nothing is pending. */
  step(): boolean {
    const queue = this.queue;
    if (!queue.pop()) return false;
    this.clockMs = queue.poppedTimeMs;
    this.processed++;
    (queue.poppedHandler as ErasedHandler)(this, queue.poppedPayload);
    return true;
  }

  /**
   * Asks the running loop to return "stopped". The request is an URGENT event at nowMs (rule 3), so it
   * takes effect after the current handler and any URGENT events already queued for this ms, before
   * anything else. Called outside a run, it stops the next run at once. A request that the run did
   * not reach because it ended first on a horizon or condition is withdrawn when run() returns; one
   * cut off by maxEvents stays pending, so a run driven in chunks of events (progress, invariant
   * checks) stops exactly where one run would.
   */
  stop(): void {
    if (this.queue.isPending(this.stopHandle)) return;
    this.stopHandle = this.schedule(0, Simulation.fireStop, undefined, URGENT);
  }

  /**
   * Fires events until one of: a stop request ("stopped"), the condition ("condition"), maxEvents
   * ("maxEvents"), the next event at or past untilMs ("horizon"; the clock is then set to untilMs,
   * SimPy's `run(until=t)`), or no event left ("empty"; with a horizon this is also "horizon").
   * After each event the checks run in that order, so an event that both stops and satisfies the
   * condition reports "stopped". maxEvents counts events fired by this call only.
   */
  run(options: RunOptions = {}): StopReason {
    const untilMs = options.untilMs ?? Infinity;
    const maxEvents = options.maxEvents ?? Infinity;
    const until = options.until;
    if (untilMs !== Infinity && !(untilMs >= this.clockMs && Math.floor(untilMs) === untilMs)) {
      throw badTime("untilMs", untilMs, `an integer >= nowMs (${this.clockMs})`);
    }
    if (!(maxEvents >= 0)) throw new Error(`maxEvents must be >= 0; got ${String(maxEvents)}`);
    if (this.running) throw new Error("run() called from inside a handler; schedule an event instead");
    this.running = true;
    this.stopFired = false;
    let reason: StopReason | undefined;
    try {
      reason = this.loop(untilMs, maxEvents, until);
      return reason;
    } finally {
      this.running = false;
      this.stopFired = false;
      if (reason !== "maxEvents") this.queue.cancel(this.stopHandle);
    }
  }

  private loop(untilMs: number, maxEvents: number, until: RunOptions["until"]): StopReason {
    const horizon = untilMs !== Infinity;
    let fired = 0;
    if (until !== undefined && until(this)) return "condition";
    for (;;) {
      if (fired >= maxEvents) return "maxEvents";
      // Without a horizon there is no need to look before stepping: step() itself says "empty".
      if (horizon && this.queue.peekTimeMs() >= untilMs) {
        this.clockMs = untilMs;
        return "horizon";
      }
      if (!this.step()) return "empty";
      fired++;
      if (this.stopFired) return "stopped";
      if (until !== undefined && until(this)) return "condition";
    }
  }

  // The stop marker's handler: static so stop() allocates no closure, inside the class to reach the flag.
  private static fireStop(sim: Simulation): void {
    sim.stopFired = true;
  }
}

function badTime(name: string, value: number, expected: string): Error {
  return new Error(`${name} must be ${expected} (simulated time never goes backwards); got ${String(value)}`);
}
