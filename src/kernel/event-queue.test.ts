import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventQueue, PRIORITY_MAX } from "./event-queue.js";

/** The reference model: a plain list sorted by (time, priority, seq) — deliberately not a heap. */
interface RefEvent {
  readonly timeMs: number;
  readonly priority: number;
  readonly seq: number;
}
const byTotalOrder = (a: RefEvent, b: RefEvent): number => a.timeMs - b.timeMs || a.priority - b.priority || a.seq - b.seq;

const op = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("push" as const), timeMs: fc.integer({ min: 0, max: 50 }), priority: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("pop" as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("cancel" as const), pick: fc.nat() }) },
);

describe("EventQueue", () => {
  it("pops in (time, priority, seq) order, like sorting a list", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: PRIORITY_MAX })), { maxLength: 300 }), (events) => {
        const queue = new EventQueue<number>(16);
        const reference: RefEvent[] = [];
        events.forEach(([timeMs, priority], seq) => {
          queue.push(timeMs, priority, seq, undefined);
          reference.push({ timeMs, priority, seq });
        });
        reference.sort(byTotalOrder);
        const popped: number[] = [];
        while (queue.pop()) popped.push(queue.poppedHandler!);
        expect(popped).toEqual(reference.map((e) => e.seq));
      }),
    );
  });

  it("matches the reference model under interleaved push, pop and cancel", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const queue = new EventQueue<number>(16);
        let pending: Array<RefEvent & { handle: number }> = [];
        const fired = new Set<number>();
        let seq = 0;
        for (const o of ops) {
          if (o.kind === "push") {
            const handle = queue.push(o.timeMs, o.priority, seq, undefined);
            pending.push({ timeMs: o.timeMs, priority: o.priority, seq, handle });
            seq++;
          } else if (o.kind === "pop") {
            pending.sort(byTotalOrder);
            const expected = pending.shift();
            expect(queue.pop()).toBe(expected !== undefined);
            if (expected !== undefined) {
              expect(queue.poppedHandler).toBe(expected.seq);
              expect(queue.poppedTimeMs).toBe(expected.timeMs);
              fired.add(expected.handle);
            }
          } else if (pending.length > 0) {
            const victim = pending[o.pick % pending.length]!;
            expect(queue.cancel(victim.handle)).toBe(true);
            expect(queue.cancel(victim.handle)).toBe(false);
            pending = pending.filter((e) => e !== victim);
          }
          expect(queue.size).toBe(pending.length);
        }
        for (const handle of fired) expect(queue.cancel(handle)).toBe(false);
      }),
    );
  });

  it("rejects priorities outside [0, 4095] and fractional ones", () => {
    const queue = new EventQueue<number>();
    for (const bad of [-1, 4096, 1.5, Number.NaN]) {
      expect(() => queue.push(0, bad, 0, undefined)).toThrow(`event priority must be an integer in [0, 4095]; got ${bad}`);
    }
  });

  it("grows past its initial capacity and compacts heavy cancellation", () => {
    const queue = new EventQueue<number>(16);
    const handles: number[] = [];
    for (let i = 0; i < 5000; i++) handles.push(queue.push(5000 - i, 0, i, undefined));
    // Cancelling two thirds crosses the "more than half dead" line, so compaction runs.
    for (let i = 0; i < 5000; i++) if (i % 3 !== 0) expect(queue.cancel(handles[i]!)).toBe(true);
    expect(queue.size).toBe(1667);
    const order: number[] = [];
    while (queue.pop()) order.push(queue.poppedHandler!);
    expect(order).toEqual(Array.from({ length: 1667 }, (_, i) => 4998 - 3 * i));
  });

  it("treats foreign or malformed handles as not pending", () => {
    const queue = new EventQueue<number>();
    const handle = queue.push(1, 0, 0, undefined);
    expect(queue.cancel(-1)).toBe(false);
    expect(queue.cancel(1.5)).toBe(false);
    expect(queue.cancel(handle + 1)).toBe(false);
    expect(queue.isPending(handle)).toBe(true);
    expect(queue.pop()).toBe(true);
    expect(queue.isPending(handle)).toBe(false);
    const reused = queue.push(2, 0, 1, undefined);
    expect(reused).not.toBe(handle); // same slot, next generation
    expect(queue.cancel(handle)).toBe(false);
  });
});
