/**
 * The data path of one virtual accelerator (IFA 002 AccSendData / AccData on a bound handle): a FIFO
 * queue with one server whose service times are drawn per request (the function's distribution, from
 * a named stream). Kernel events only: an arrival starts service when the server is idle, each
 * completion starts the next. With exponential service and Poisson arrivals this is M/M/1, which the
 * tests check (mean sojourn 1/(μ−λ)). The queue has no capacity limit: nothing is refused while it is
 * open; what is waiting when it closes is dropped. The numbers waiting and in the system are
 * integrated over time at each change (exact time averages, Little's law holds to the ms).
 */
import type { Simulation } from "../../kernel/index.js";

export interface DataItem {
  readonly arrivedAtMs: number;
  readonly payload: unknown;
}

export interface DataPathListener {
  /** A request finished: `latencyMs` is its sojourn (waiting + service). */
  onServed(item: DataItem, latencyMs: number, serviceMs: number): void;
}

export class DataPathQueue {
  private readonly waiting: DataItem[] = [];
  private head = 0;
  private busy = false;
  private closed = false;
  /** Total simulated ms the server was busy (utilisation = busyMs / elapsed). */
  busyMs = 0;
  served = 0;
  /** Requests submitted while open. */
  offered = 0;
  /** ∫ requests waiting dt and ∫ requests waiting or in service dt, up to `lastChangeMs` (request·ms). */
  private waitingAreaMs = 0;
  private systemAreaMs = 0;
  private lastChangeMs: number;

  constructor(
    private readonly sim: Simulation,
    private readonly drawServiceMs: () => number,
    private readonly listener: DataPathListener,
  ) {
    this.lastChangeMs = sim.nowMs;
  }

  /** ∫ waiting dt and ∫ in system dt from creation to `nowMs` (≥ the last change), without changing state. */
  areasUntil(nowMs: number): { readonly waitingMs: number; readonly systemMs: number } {
    const dt = nowMs - this.lastChangeMs;
    return { waitingMs: this.waitingAreaMs + dt * (this.waiting.length - this.head), systemMs: this.systemAreaMs + dt * this.length };
  }

  /** Books the areas up to now: called before every change of the counts (no allocation: per request). */
  private advance(): void {
    const now = this.sim.nowMs;
    const dt = now - this.lastChangeMs;
    this.waitingAreaMs += dt * (this.waiting.length - this.head);
    this.systemAreaMs += dt * this.length;
    this.lastChangeMs = now;
  }

  /** Requests waiting or in service. */
  get length(): number {
    return this.waiting.length - this.head + (this.busy ? 1 : 0);
  }

  /** Enqueues a request now; it is served in arrival order. */
  submit(payload: unknown): void {
    if (this.closed) return;
    this.advance();
    this.offered++;
    this.waiting.push({ arrivedAtMs: this.sim.nowMs, payload });
    if (!this.busy) this.startNext();
  }

  /** Stops the queue (ReleaseAcc, unbind): waiting requests are dropped, the one in service finishes. */
  close(): number {
    this.closed = true;
    this.advance();
    const dropped = this.waiting.length - this.head;
    this.waiting.length = 0;
    this.head = 0;
    return dropped;
  }

  private startNext(): void {
    if (this.head >= this.waiting.length) {
      this.busy = false;
      return;
    }
    const item = this.waiting[this.head++]!;
    if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting.splice(0, this.head);
      this.head = 0;
    }
    this.busy = true;
    const serviceMs = this.drawServiceMs();
    this.sim.schedule(serviceMs, DataPathQueue.onDone, { queue: this, item, serviceMs });
  }

  private static onDone(sim: Simulation, p: { queue: DataPathQueue; item: DataItem; serviceMs: number }): void {
    const q = p.queue;
    q.advance();
    q.busyMs += p.serviceMs;
    q.served++;
    q.listener.onServed(p.item, sim.nowMs - p.item.arrivedAtMs, p.serviceMs);
    q.startNext();
  }
}
