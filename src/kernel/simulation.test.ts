import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createStreams } from "./rng.js";
import { integerMsSampler } from "./distributions.js";
import { HIGH, LOW, NORMAL, Simulation, URGENT, type EventHandler } from "./simulation.js";

const record: EventHandler<{ log: string[]; label: string }> = (sim, { log, label }) => log.push(`${sim.nowMs}:${label}`);

describe("Simulation ordering", () => {
  it("fires events scheduled up front exactly in sorted (time, priority, seq) order", () => {
    const events = fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.constantFrom(URGENT, HIGH, NORMAL, LOW)), { maxLength: 200 });
    fc.assert(
      fc.property(events, (list) => {
        const sim = new Simulation();
        const fired: number[] = [];
        list.forEach(([delayMs, priority], seq) => sim.schedule(delayMs, (_s, n: number) => fired.push(n), seq, priority));
        sim.run();
        const reference = list.map(([timeMs, priority], seq) => ({ timeMs, priority, seq }));
        reference.sort((a, b) => a.timeMs - b.timeMs || a.priority - b.priority || a.seq - b.seq);
        expect(fired).toEqual(reference.map((e) => e.seq));
      }),
    );
  });

  it("fires by time, then priority, then insertion order", () => {
    const sim = new Simulation();
    const log: string[] = [];
    sim.schedule(10, record, { log, label: "a-normal" });
    sim.schedule(10, record, { log, label: "b-urgent" }, URGENT);
    sim.schedule(5, record, { log, label: "c-low" }, LOW);
    sim.schedule(10, record, { log, label: "d-normal" });
    sim.schedule(10, record, { log, label: "e-high" }, HIGH);
    sim.scheduleAt(10, record, { log, label: "f-urgent" }, URGENT);
    expect(sim.run()).toBe("empty");
    expect(log).toEqual(["5:c-low", "10:b-urgent", "10:f-urgent", "10:e-high", "10:a-normal", "10:d-normal"]);
  });

  it("agrees with sorting (time, priority, seq), also for events scheduled from handlers", () => {
    const plan = fc.array(fc.record({ delayMs: fc.integer({ min: 0, max: 30 }), priority: fc.constantFrom(URGENT, HIGH, NORMAL, LOW), children: fc.integer({ min: 0, max: 2 }) }), {
      minLength: 1,
      maxLength: 60,
    });
    fc.assert(
      fc.property(plan, (steps) => {
        const sim = new Simulation();
        const fired: Array<{ timeMs: number; priority: number; seq: number }> = [];
        const scheduled: Array<{ timeMs: number; priority: number; seq: number }> = [];
        let next = 0;
        const add = (delayMs: number, priority: number, depth: number): void => {
          const entry = { timeMs: sim.nowMs + delayMs, priority, seq: scheduled.length };
          scheduled.push(entry);
          sim.schedule(delayMs, fire, { entry, depth }, priority);
        };
        const fire: EventHandler<{ entry: (typeof scheduled)[number]; depth: number }> = (s, { entry, depth }) => {
          expect(s.nowMs).toBe(entry.timeMs);
          fired.push(entry);
          const step = steps[next++ % steps.length]!;
          if (depth < 3) for (let c = 0; c < step.children; c++) add(step.delayMs, step.priority, depth + 1);
        };
        for (const step of steps) add(step.delayMs, step.priority, 0);
        sim.run();
        // Each event must precede, in the total order, every event pending when it fired; checking
        // consecutive pairs of the fired list against the order is the simple model of that.
        for (let i = 1; i < fired.length; i++) {
          const [a, b] = [fired[i - 1]!, fired[i]!];
          const scheduledLater = b.seq > a.seq;
          const before = a.timeMs < b.timeMs || (a.timeMs === b.timeMs && (a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq)));
          // b may be "smaller" than a only if it was scheduled after a fired (by a's handler or later).
          expect(before || scheduledLater).toBe(true);
        }
        expect(fired.length).toBe(scheduled.length);
      }),
    );
  });
});

describe("Simulation cancellation", () => {
  it("never fires a cancelled event and keeps pendingCount right", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const a = sim.schedule(10, record, { log, label: "a" });
    const b = sim.schedule(20, record, { log, label: "b" });
    sim.schedule(5, (s) => expect(s.cancel(b)).toBe(true));
    expect(sim.pendingCount).toBe(3);
    expect(sim.cancel(a)).toBe(true);
    expect(sim.cancel(a)).toBe(false);
    expect(sim.pendingCount).toBe(2);
    expect(sim.run()).toBe("empty");
    expect(log).toEqual([]);
    expect(sim.pendingCount).toBe(0);
    expect(sim.eventsProcessed).toBe(1);
  });

  it("answers false for an event that already fired", () => {
    const sim = new Simulation();
    const handle = sim.schedule(1, () => undefined);
    sim.run();
    expect(sim.isPending(handle)).toBe(false);
    expect(sim.cancel(handle)).toBe(false);
  });
});

describe("Simulation run modes", () => {
  const ticker = (sim: Simulation, everyMs: number): void => {
    const tick: EventHandler<undefined> = (s) => s.schedule(everyMs, tick);
    sim.schedule(everyMs, tick);
  };

  it("stops at a horizon: events at exactly untilMs do not fire, the clock ends there", () => {
    const sim = new Simulation();
    const log: string[] = [];
    sim.schedule(100, record, { log, label: "at-horizon" });
    sim.schedule(99, record, { log, label: "before" });
    expect(sim.run({ untilMs: 100 })).toBe("horizon");
    expect(sim.nowMs).toBe(100);
    expect(log).toEqual(["99:before"]);
    expect(sim.run({ untilMs: 101 })).toBe("horizon");
    expect(log).toEqual(["99:before", "100:at-horizon"]);
    expect(sim.run({ untilMs: 500 })).toBe("horizon"); // an empty queue still runs the clock to the horizon
    expect(sim.nowMs).toBe(500);
  });

  it("stops after maxEvents, counted per call", () => {
    const sim = new Simulation();
    ticker(sim, 7);
    expect(sim.run({ maxEvents: 10 })).toBe("maxEvents");
    expect(sim.eventsProcessed).toBe(10);
    expect(sim.nowMs).toBe(70);
    expect(sim.run({ maxEvents: 5 })).toBe("maxEvents");
    expect(sim.eventsProcessed).toBe(15);
  });

  it("stops when the condition holds, checked before the first event and after each", () => {
    const sim = new Simulation();
    ticker(sim, 3);
    expect(sim.run({ until: (s) => s.nowMs >= 30 })).toBe("condition");
    expect(sim.nowMs).toBe(30);
    expect(sim.run({ until: () => true })).toBe("condition");
    expect(sim.nowMs).toBe(30);
  });

  it("stops from inside a handler, after URGENT events already queued for that ms", () => {
    const sim = new Simulation();
    const log: string[] = [];
    sim.schedule(10, record, { log, label: "urgent-first" }, URGENT);
    sim.schedule(10, (s) => s.stop(), undefined, HIGH);
    sim.schedule(10, record, { log, label: "same-ms-normal" });
    ticker(sim, 1);
    expect(sim.run()).toBe("stopped");
    expect(sim.nowMs).toBe(10);
    expect(log).toEqual(["10:urgent-first"]);
    expect(sim.run({ maxEvents: 1 })).toBe("maxEvents");
    expect(log).toEqual(["10:urgent-first", "10:same-ms-normal"]);
  });

  it("withdraws a stop request a condition run did not reach", () => {
    const sim = new Simulation();
    ticker(sim, 1);
    sim.schedule(1, (s) => s.stop(), undefined, URGENT);
    // The handler asks to stop, but the condition ends this run before the stop marker fires ...
    expect(sim.run({ until: (s) => s.nowMs >= 1 })).toBe("condition");
    // ... so the request is withdrawn and does not leak into the next run.
    expect(sim.pendingCount).toBe(1);
    expect(sim.run({ maxEvents: 3 })).toBe("maxEvents");
    sim.stop(); // outside a run: the next run stops at once
    expect(sim.run()).toBe("stopped");
  });

  it("keeps a stop request cut off by maxEvents, so a run in chunks stops where one run does", () => {
    const chunked = new Simulation();
    ticker(chunked, 1);
    chunked.schedule(1, (s) => s.stop(), undefined, URGENT);
    // The handler asks to stop; the count ends this chunk before the stop marker fires ...
    expect(chunked.run({ maxEvents: 1 })).toBe("maxEvents");
    // ... and the next chunk honours it first, as one uncut run would have.
    expect(chunked.run({ maxEvents: 1 })).toBe("stopped");
    const whole = new Simulation();
    ticker(whole, 1);
    whole.schedule(1, (s) => s.stop(), undefined, URGENT);
    expect(whole.run()).toBe("stopped");
    expect([chunked.nowMs, chunked.eventsProcessed, chunked.pendingCount]).toEqual([whole.nowMs, whole.eventsProcessed, whole.pendingCount]);
  });

  it("rejects negative, fractional and NaN delays, and times in the past, naming the value", () => {
    const sim = new Simulation();
    const noop = (): void => undefined;
    expect(() => sim.schedule(-1, noop)).toThrow("delayMs must be a non-negative integer (simulated time never goes backwards); got -1");
    expect(() => sim.schedule(1.5, noop)).toThrow("got 1.5");
    expect(() => sim.schedule(Number.NaN, noop)).toThrow("got NaN");
    sim.run({ untilMs: 10 });
    expect(() => sim.scheduleAt(9, noop)).toThrow("timeMs must be an integer >= nowMs (10) (simulated time never goes backwards); got 9");
    expect(() => sim.run({ untilMs: 5 })).toThrow("untilMs must be an integer >= nowMs (10)");
  });

  it("refuses a nested run from inside a handler", () => {
    const sim = new Simulation();
    sim.schedule(1, (s) => s.run());
    expect(() => sim.run()).toThrow("run() called from inside a handler; schedule an event instead");
    expect(sim.run()).toBe("empty"); // the failed run released the loop
  });
});

describe("determinism", () => {
  // A small random model: a few customers arrive, wait a random service time, some cancel others.
  function trace(seed: number): string[] {
    const sim = new Simulation();
    const streams = createStreams(seed);
    const arrivals = integerMsSampler({ kind: "exponential", mean: 50 }, streams.stream("arrivals"));
    const service = integerMsSampler({ kind: "lognormal", mean: 80, sd: 40 }, streams.stream("service"));
    const pick = streams.stream("pick");
    const out: string[] = [];
    const handles: number[] = [];
    const depart: EventHandler<number> = (s, id) => out.push(`${s.nowMs} depart ${id}`);
    const arrive: EventHandler<number> = (s, id) => {
      out.push(`${s.nowMs} arrive ${id} pending=${s.pendingCount}`);
      handles.push(s.schedule(service(), depart, id));
      if (pick.next() < 0.2) out.push(`cancel ${String(s.cancel(handles[Math.floor(pick.next() * handles.length)]!))}`);
      if (id < 300) s.schedule(arrivals(), arrive, id + 1);
    };
    sim.schedule(0, arrive, 0);
    sim.run();
    return out;
  }

  it("gives an identical trace for the same seed, a different one for another seed", () => {
    expect(trace(42)).toEqual(trace(42));
    expect(trace(42)).not.toEqual(trace(43));
  });
});

describe("a cancelled event on top of the queue before a horizon", () => {
  it("does not fire, does not stop the run early, and the clock ends at the horizon", () => {
    const sim = new Simulation();
    const fired: number[] = [];
    const early = sim.scheduleAt(1, () => fired.push(1));
    sim.scheduleAt(10, () => fired.push(10));
    expect(sim.cancel(early)).toBe(true);
    expect(sim.run({ untilMs: 5 })).toBe("horizon");
    expect(fired).toEqual([]);
    expect(sim.nowMs).toBe(5);
    expect(sim.pendingCount).toBe(1);
    expect(sim.run({ untilMs: 10 })).toBe("horizon");
    expect(fired).toEqual([]);
    expect(sim.run({ untilMs: 11 })).toBe("horizon");
    expect(fired).toEqual([10]);
    expect(sim.nowMs).toBe(11);
  });

  it("an all-cancelled queue under a horizon runs to the horizon", () => {
    const sim = new Simulation();
    const a = sim.scheduleAt(2, () => {
      throw new Error("cancelled event fired");
    });
    sim.cancel(a);
    expect(sim.run({ untilMs: 7 })).toBe("horizon");
    expect(sim.nowMs).toBe(7);
    expect(sim.run()).toBe("empty");
  });
});
