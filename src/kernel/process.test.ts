import { describe, expect, it } from "vitest";
import { Interrupt, ProcessCancelled, Signal, startProcess, wait } from "./process.js";
import { NORMAL, Simulation, URGENT } from "./simulation.js";

describe("processes", () => {
  it("runs a sequence of timeouts", () => {
    const sim = new Simulation();
    const log: number[] = [];
    const proc = startProcess(sim, function* () {
      log.push(sim.nowMs);
      yield 100;
      log.push(sim.nowMs);
      yield 0;
      log.push(sim.nowMs);
      yield 250;
      log.push(sim.nowMs);
      return "done";
    });
    expect(proc.state).toBe("scheduled");
    sim.run();
    expect(log).toEqual([0, 100, 100, 350]);
    expect(proc.state).toBe("completed");
    expect(proc.done.value).toBe("done");
  });

  it("waits on a signal and receives its value, typed through wait()", () => {
    const sim = new Simulation();
    const booted = new Signal<{ host: string }>(sim, "booted");
    const seen: string[] = [];
    startProcess(sim, function* () {
      const vm = yield* wait(booted);
      seen.push(`${sim.nowMs}:${vm.host}`);
    });
    startProcess(sim, function* () {
      const untyped = yield booted;
      seen.push(`${sim.nowMs}:second:${(untyped as { host: string }).host}`);
    });
    sim.schedule(40, () => booted.succeed({ host: "h1" }));
    sim.run();
    expect(seen).toEqual(["40:h1", "40:second:h1"]);
  });

  it("resumes at once on a signal that has already fired", () => {
    const sim = new Simulation();
    const ready = new Signal<number>(sim);
    ready.succeed(7);
    const log: string[] = [];
    sim.run();
    startProcess(sim, function* () {
      yield 5;
      const before = sim.eventsProcessed;
      const value = yield ready;
      log.push(`${String(value)} after ${sim.eventsProcessed - before} events`);
    });
    sim.run();
    expect(log).toEqual(["7 after 0 events"]);
  });

  it("waits on another process's completion", () => {
    const sim = new Simulation();
    const worker = startProcess(sim, function* () {
      yield 30;
      return 42;
    }, "worker");
    let result: unknown;
    startProcess(sim, function* () {
      result = yield worker;
      expect(sim.nowMs).toBe(30);
    });
    sim.run();
    expect(result).toBe(42);
  });

  it("delivers an interrupt at the current yield; a caught interrupt lets the process carry on", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const proc = startProcess(sim, function* () {
      try {
        yield 1000;
        log.push("not reached");
      } catch (error) {
        if (!(error instanceof Interrupt)) throw error;
        log.push(`${sim.nowMs}: interrupted (${String(error.cause)})`);
      }
      yield 10;
      log.push(`${sim.nowMs}: carried on`);
    });
    sim.schedule(100, () => expect(proc.interrupt("host failed")).toBe(true));
    sim.run();
    expect(log).toEqual(["100: interrupted (host failed)", "110: carried on"]);
    expect(sim.nowMs).toBe(110); // the withdrawn 1000 ms timeout never fired
    expect(proc.interrupt("again")).toBe(false);
  });

  it("ends an uncaught interrupt as 'interrupted' and fails done for waiters", () => {
    const sim = new Simulation();
    const gate = new Signal(sim);
    const victim = startProcess(sim, function* () {
      yield gate;
    }, "victim");
    let waiterSaw: unknown;
    startProcess(sim, function* () {
      try {
        yield victim;
      } catch (error) {
        waiterSaw = error;
      }
    });
    sim.schedule(5, () => victim.interrupt("stop"));
    sim.schedule(6, () => gate.succeed()); // must not resume the interrupted process
    sim.run();
    expect(victim.state).toBe("interrupted");
    expect(waiterSaw).toBeInstanceOf(Interrupt);
  });

  it("cancels a process: finally blocks run, its wake-up is withdrawn, waiters see ProcessCancelled", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const proc = startProcess(sim, function* () {
      try {
        yield 500;
      } finally {
        log.push(`cleanup at ${sim.nowMs}`);
      }
    }, "job");
    let waiterSaw: unknown;
    startProcess(sim, function* () {
      try {
        yield proc;
      } catch (error) {
        waiterSaw = error;
      }
    });
    sim.schedule(20, () => expect(proc.cancel()).toBe(true));
    sim.run();
    expect(log).toEqual(["cleanup at 20"]);
    expect(proc.state).toBe("cancelled");
    expect(proc.cancel()).toBe(false);
    expect(waiterSaw).toBeInstanceOf(ProcessCancelled);
    expect(sim.nowMs).toBe(20);
  });

  it("propagates a non-interrupt error out of step (a broken invariant stops the run)", () => {
    const sim = new Simulation();
    startProcess(sim, function* () {
      yield 1;
      throw new Error("capacity negative");
    });
    expect(() => sim.run()).toThrow("capacity negative");
  });

  it("rejects a bad yield with the process name and value", () => {
    const sim = new Simulation();
    startProcess(sim, function* () {
      yield -5;
    }, "boot");
    expect(() => sim.run()).toThrow('process "boot" yielded the delay -5; delays are integer ms >= 0');
  });

  it("orders like SimPy: start is URGENT, succeed wakes waiters with a NORMAL event", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const signal = new Signal<string>(sim);
    sim.schedule(0, () => log.push("normal event queued first"), undefined, NORMAL);
    startProcess(sim, function* () {
      log.push("process started");
      log.push(`got ${String(yield signal)}`);
    });
    sim.schedule(0, () => {
      signal.succeed("x");
      log.push("succeed called");
    }, undefined, URGENT);
    sim.run();
    expect(log).toEqual(["process started", "succeed called", "normal event queued first", "got x"]);
  });

  it("rejects settling a signal twice", () => {
    const sim = new Simulation();
    const signal = new Signal<number>(sim, "once");
    signal.succeed(1);
    expect(() => signal.succeed(2)).toThrow('signal "once" settled twice');
  });
});
