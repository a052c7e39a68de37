/**
 * Generator processes: the convenience layer over the callback core, in SimPy's style.
 *
 *   startProcess(sim, function* () {
 *     yield 100;                        // sleep 100 ms
 *     const vm = yield* wait(booted);   // wait for a Signal<Vm>, typed
 *     yield worker;                     // wait for another process to finish
 *   });
 *
 * Everything here goes through Simulation.schedule, so processes and callbacks share one clock and one
 * total order. Semantics follow SimPy 3: a process starts with an URGENT event at the current ms;
 * `succeed` fires waiters with a NORMAL event at the current ms (so waiters run in the order they
 * subscribed, after events already queued for that ms); yielding an already-fired signal resumes at
 * once; `interrupt` is delivered by an URGENT event and throws `Interrupt` at the process's `yield`.
 * An uncaught Interrupt ends the process as "interrupted"; any other uncaught error is a broken
 * invariant (rule 11) and propagates out of `sim.step()`, stopping the run. Each resume allocates
 * the generator's result object; hot paths that cannot afford that use the callback API.
 */
import { NORMAL, URGENT, type EventHandle, type EventHandler, type Simulation } from "./simulation.js";

/** What a process may yield: a delay in integer ms, a Signal to wait for, or a Process to wait for. */
export type ProcessYield = number | Signal<unknown> | Process<unknown>;
export type ProcessGenerator<R = void> = Generator<ProcessYield, R, unknown>;
export type ProcessBody<R = void> = ProcessGenerator<R> | (() => ProcessGenerator<R>);
export type ProcessState = "scheduled" | "running" | "waiting" | "completed" | "interrupted" | "cancelled";

/** Thrown into a process at its current `yield` by `interrupt(cause)`; catch it to carry on. */
export class Interrupt extends Error {
  override readonly name: string = "Interrupt";
  constructor(cause: unknown, message = `process interrupted: ${String(cause)}`) {
    super(message, { cause });
  }
}

/** The error a cancelled process's `done` signal fails with (an Interrupt to whoever waits on it). */
export class ProcessCancelled extends Interrupt {
  override readonly name: string = "ProcessCancelled";
  constructor(processName: string) {
    super("cancelled", `process "${processName}" was cancelled`);
  }
}

interface Waiter {
  wake(signal: Signal<unknown>): void;
}

/**
 * A one-shot event: pending until `succeed(value)` or `fail(error)`, after which its waiters resume
 * with the value (or the error thrown at their `yield`). Settling twice is a programmer error.
 */
export class Signal<T = void> {
  private phase: "pending" | "triggered" | "processed" = "pending";
  private ok = true;
  private outcome: unknown = undefined;
  private waiters: Waiter[] = [];

  constructor(
    private readonly sim: Simulation,
    readonly name = "signal",
  ) {}

  /** True once succeed or fail was called. */
  get settled(): boolean {
    return this.phase !== "pending";
  }

  /** True once settled and its waiters have been woken (yielding it then resumes at once). */
  get processed(): boolean {
    return this.phase === "processed";
  }

  /** True when settled by fail(). */
  get failed(): boolean {
    return this.settled && !this.ok;
  }

  /** The value given to succeed (undefined before, or after fail). */
  get value(): T | undefined {
    return this.settled && this.ok ? (this.outcome as T) : undefined;
  }

  /** The error given to fail (undefined otherwise). */
  get error(): unknown {
    return this.settled && !this.ok ? this.outcome : undefined;
  }

  /** Settles with a value; waiters resume at the current ms, after events already queued for it. */
  succeed(value: T): void {
    this.settle(true, value);
  }

  /** Settles with an error, thrown into every waiting process. Nobody waiting: it is dropped. */
  fail(error: unknown): void {
    this.settle(false, error);
  }

  /** Calls back once the signal has fired (at once if it already has). */
  onSettled(callback: (signal: Signal<T>) => void): void {
    if (this.phase === "processed") callback(this);
    else this.waiters.push({ wake: () => callback(this) });
  }

  private settle(ok: boolean, outcome: unknown): void {
    if (this.phase !== "pending") throw new Error(`signal "${this.name}" settled twice`);
    this.phase = "triggered";
    this.ok = ok;
    this.outcome = outcome;
    this.sim.schedule(0, Signal.fire, this as Signal<unknown>, NORMAL);
  }

  private static fire(this: void, _sim: Simulation, signal: Signal<unknown>): void {
    signal.phase = "processed";
    const waiters = signal.waiters;
    signal.waiters = [];
    for (const waiter of waiters) waiter.wake(signal);
  }

  /** @internal Used by Process: subscribes a waiter until it fires or is removed. */
  addWaiter(waiter: Waiter): void {
    this.waiters.push(waiter);
  }

  /** @internal Used by Process when an interrupt or cancel takes it off this signal. */
  removeWaiter(waiter: Waiter): void {
    const index = this.waiters.indexOf(waiter);
    if (index >= 0) this.waiters.splice(index, 1);
  }
}

/** `const v = yield* wait(signal)`: waits like `yield signal`, but the result is typed T. */
export function* wait<T>(awaitable: Signal<T> | Process<T>): Generator<ProcessYield, T, unknown> {
  return (yield awaitable as ProcessYield) as T;
}

/** Starts a generator process at the current ms (an URGENT event); returns its handle. */
export function startProcess<R>(sim: Simulation, body: ProcessBody<R>, name = "process"): Process<R> {
  return new Process(sim, typeof body === "function" ? body() : body, name);
}

interface PendingInterrupt {
  readonly target: Process<unknown>;
  readonly cause: unknown;
}

export class Process<R = void> implements Waiter {
  /** Fires when the process ends: succeeds with its return value, or fails with the Interrupt that ended it. */
  readonly done: Signal<R>;
  private phase: ProcessState = "scheduled";
  private wakeHandle: EventHandle;
  private waitingOn: Signal<unknown> | null = null;

  constructor(
    private readonly sim: Simulation,
    private readonly generator: ProcessGenerator<R>,
    readonly name: string,
  ) {
    this.done = new Signal<R>(sim, `${name}.done`);
    this.wakeHandle = sim.schedule(0, Process.wakeUp, this as Process<unknown>, URGENT);
  }

  get state(): ProcessState {
    return this.phase;
  }

  /** True until the process completes, is interrupted out, or is cancelled. */
  get isAlive(): boolean {
    return this.phase === "scheduled" || this.phase === "running" || this.phase === "waiting";
  }

  /** Throws Interrupt(cause) at the process's current yield, via an URGENT event now; false if it has ended. */
  interrupt(cause?: unknown): boolean {
    if (!this.isAlive) return false;
    const pending: PendingInterrupt = { target: this as Process<unknown>, cause };
    this.sim.schedule(0, Process.deliverInterrupt, pending, URGENT);
    return true;
  }

  /**
   * Ends the process now, from outside: its pending wake-up is withdrawn, its `finally` blocks run, and
   * `done` fails with ProcessCancelled. False if it has already ended.
   */
  cancel(): boolean {
    if (!this.isAlive) return false;
    if (this.phase === "running") throw new Error(`process "${this.name}" cannot cancel itself; return from it instead`);
    this.detach();
    this.phase = "cancelled";
    if (!this.generator.return(undefined as R).done) {
      throw new Error(`process "${this.name}" yielded inside a finally block while being cancelled`);
    }
    this.done.fail(new ProcessCancelled(this.name));
    return true;
  }

  /** @internal Resumes the process when the signal it waits on fires. */
  wake(signal: Signal<unknown>): void {
    if (this.waitingOn !== signal) return;
    this.waitingOn = null;
    this.advance(signal.failed, signal.failed ? signal.error : signal.value);
  }

  private static wakeUp: EventHandler<Process<unknown>> = (_sim, target) => {
    target.wakeHandle = -1;
    target.advance(false, undefined);
  };

  private static deliverInterrupt: EventHandler<PendingInterrupt> = (_sim, { target, cause }) => {
    if (!target.isAlive) return;
    target.detach();
    target.advance(true, new Interrupt(cause));
  };

  // Runs the generator until it waits on something not yet fired, or ends.
  private advance(throwing: boolean, input: unknown): void {
    let isThrow = throwing;
    let value = input;
    for (;;) {
      const result = this.resume(isThrow, value);
      if (result === undefined) return;
      if (result.done === true) {
        this.phase = "completed";
        this.done.succeed(result.value);
        return;
      }
      const signal = this.waitTarget(result.value);
      if (signal === undefined) return;
      isThrow = signal.failed;
      value = isThrow ? signal.error : signal.value;
    }
  }

  // One generator step; an escaping Interrupt ends the process, anything else propagates (rule 11).
  private resume(isThrow: boolean, value: unknown): IteratorResult<ProcessYield, R> | undefined {
    this.phase = "running";
    try {
      return isThrow ? this.generator.throw(value) : this.generator.next(value);
    } catch (error) {
      if (!(error instanceof Interrupt)) throw error;
      this.phase = "interrupted";
      this.done.fail(error);
      return undefined;
    }
  }

  // Subscribes to what was yielded; returns the signal only when it has already fired (resume at once).
  private waitTarget(target: ProcessYield): Signal<unknown> | undefined {
    if (typeof target === "number") {
      if (!(target >= 0 && Math.floor(target) === target)) {
        throw new Error(`process "${this.name}" yielded the delay ${target}; delays are integer ms >= 0`);
      }
      this.phase = "waiting";
      this.wakeHandle = this.sim.schedule(target, Process.wakeUp, this as Process<unknown>);
      return undefined;
    }
    const signal = target instanceof Process ? target.done : target;
    if (!(signal instanceof Signal)) {
      throw new Error(`process "${this.name}" yielded ${String(signal)}; expected a delay in ms, a Signal or a Process`);
    }
    if (signal.processed) return signal as Signal<unknown>;
    this.phase = "waiting";
    this.waitingOn = signal as Signal<unknown>;
    signal.addWaiter(this);
    return undefined;
  }

  // Withdraws whatever the process is waiting on, so it is resumed only by what detached it.
  private detach(): void {
    this.sim.cancel(this.wakeHandle);
    this.wakeHandle = -1;
    this.waitingOn?.removeWaiter(this);
    this.waitingOn = null;
  }
}
