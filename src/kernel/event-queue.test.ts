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

type Op = { kind: "push"; timeMs: number; priority: number } | { kind: "pop" } | { kind: "cancel"; pick: number };

/** Runs `ops` on `queue` and on a sorted list, expecting the same pops, cancels, sizes and handles. */
function checkAgainstModel(queue: EventQueue<number>, ops: readonly Op[]): void {
  let pending: Array<RefEvent & { handle: number }> = [];
  const fired = new Set<number>();
  let seq = 0;
  for (const o of ops) {
    if (o.kind === "push") {
      const handle = queue.push(o.timeMs, o.priority, seq, undefined);
      expect(Number.isSafeInteger(handle) && handle >= 0).toBe(true);
      expect(queue.isPending(handle)).toBe(true);
      pending.push({ timeMs: o.timeMs, priority: o.priority, seq, handle });
      seq++;
    } else if (o.kind === "pop") {
      pending.sort(byTotalOrder);
      const expected = pending.shift();
      expect(queue.pop()).toBe(expected !== undefined);
      if (expected !== undefined) {
        expect(queue.poppedHandler).toBe(expected.seq);
        expect(queue.poppedTimeMs).toBe(expected.timeMs);
        expect(queue.isPending(expected.handle)).toBe(false);
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
  for (const e of pending) expect(queue.isPending(e.handle)).toBe(true);
}

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
    fc.assert(fc.property(fc.array(op, { maxLength: 400 }), (ops) => checkAgainstModel(new EventQueue<number>(16), ops)));
  });

  it("matches the model past its limits: wide handles past the narrow slots, renumbering past 2^40 sequence numbers", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), fc.integer({ min: 1, max: 60 }), (ops, seqLeft) => {
        // 8 narrow slots: every slot from the 9th pending event on takes the wide handle form.
        const wide = new EventQueue<number>(16, { narrowSlots: 8 });
        checkAgainstModel(wide, ops);
        const renumbered = new EventQueue<number>(16);
        (renumbered as unknown as { nextSeq: number }).nextSeq = 2 ** 40 - seqLeft;
        checkAgainstModel(renumbered, ops);
      }),
      { numRuns: 60 },
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

describe("EventQueue edges", () => {
  const SLOT = 2 ** 24;

  it("a cancelled event on top is dropped by peek, so the next live time shows (a horizon check sees it)", () => {
    const queue = new EventQueue<string>(16);
    const a = queue.push(1, 0, "a", "pa");
    queue.push(5, 0, "b", "pb");
    expect(queue.peekTimeMs()).toBe(1);
    expect(queue.cancel(a)).toBe(true);
    expect(queue.size).toBe(1);
    expect(queue.peekTimeMs()).toBe(5);
    expect(queue.size).toBe(1);
    expect(queue.pop()).toBe(true);
    expect([queue.poppedTimeMs, queue.poppedHandler, queue.poppedPayload]).toEqual([5, "b", "pb"]);
    expect(queue.size).toBe(0);
    expect(queue.peekTimeMs()).toBe(Infinity);
    expect(queue.pop()).toBe(false);
  });

  it("pop skips several cancelled events on top, and an all-cancelled queue is empty", () => {
    const queue = new EventQueue<string>(16);
    const hs = [1, 2, 3].map((t) => queue.push(t, 0, `e${t}`, undefined));
    queue.push(9, 0, "last", undefined);
    for (const h of hs) queue.cancel(h);
    expect(queue.pop()).toBe(true);
    expect(queue.poppedHandler).toBe("last");
    const only = queue.push(4, 0, "x", undefined);
    queue.cancel(only);
    expect(queue.size).toBe(0);
    expect(queue.pop()).toBe(false);
    expect(queue.peekTimeMs()).toBe(Infinity);
  });

  it("a stale handle stays stale after its slot is recycled by a cancel and a push", () => {
    const queue = new EventQueue<string>(16);
    const a = queue.push(1, 0, "a", undefined);
    const keep = queue.push(3, 0, "keep", undefined);
    expect(queue.cancel(a)).toBe(true);
    // Cancellation is lazy: the slot is freed when the dead entry surfaces (here, at a peek).
    expect(queue.peekTimeMs()).toBe(3);
    const b = queue.push(2, 0, "b", undefined);
    expect(b % SLOT).toBe(a % SLOT); // same slot, reused
    expect(b).not.toBe(a);
    expect(queue.isPending(a)).toBe(false);
    expect(queue.cancel(a)).toBe(false);
    expect(queue.isPending(b)).toBe(true);
    expect(queue.isPending(keep)).toBe(true);
    expect(queue.size).toBe(2);
    expect(queue.pop()).toBe(true);
    expect(queue.poppedHandler).toBe("b");
    expect(queue.cancel(b)).toBe(false);
  });

  it("forged handles are refused: even stamps, out-of-range slots, wrong stamps, non-integers", () => {
    const queue = new EventQueue<string>(16);
    const h = queue.push(1, 0, "a", undefined);
    const slot = h % SLOT;
    const stamp = (h - slot) / SLOT;
    expect(stamp % 2).toBe(1);
    expect(queue.pop()).toBe(true);
    // After firing the slot's stamp is stamp + 1 (even): a handle forged with it names no event.
    const even = (stamp + 1) * SLOT + slot;
    expect(queue.isPending(even)).toBe(false);
    expect(queue.cancel(even)).toBe(false);
    const live = queue.push(2, 0, "b", undefined);
    expect(queue.cancel(live - SLOT)).toBe(false);
    expect(queue.isPending(live - SLOT)).toBe(false);
    expect(queue.cancel(live + 2 * SLOT)).toBe(false);
    expect(queue.cancel(stamp * SLOT + 1000)).toBe(false);
    expect(queue.cancel(1 * SLOT + (SLOT - 1))).toBe(false);
    expect(queue.isPending(1 * SLOT + (SLOT - 1))).toBe(false);
    expect(queue.isPending(-1)).toBe(false);
    expect(queue.isPending(0.5)).toBe(false);
    expect(queue.isPending(Number.MAX_SAFE_INTEGER + 2)).toBe(false);
    expect(queue.cancel(Number.MAX_SAFE_INTEGER + 2)).toBe(false);
    expect(queue.size).toBe(1);
    expect(queue.isPending(live)).toBe(true);
  });

  it("ties break by priority then push order, in both sift directions and through the hole refill", () => {
    const queue = new EventQueue<string>(16);
    queue.push(5, 2, "p2", undefined);
    queue.push(5, 1, "p1-first", undefined);
    queue.push(5, 1, "p1-second", undefined);
    queue.push(5, 0, "p0", undefined);
    queue.push(4, 3, "t4", undefined);
    const out: string[] = [];
    while (queue.pop()) {
      out.push(queue.poppedHandler!);
      // A handler rescheduling at the same time fills the hole: it fires after its equals already queued.
      if (queue.poppedHandler === "p0") queue.push(5, 0, "p0-again", undefined);
    }
    expect(out).toEqual(["t4", "p0", "p0-again", "p1-first", "p1-second", "p2"]);
  });

  it("priority bounds: 0 and 4095 are accepted", () => {
    const queue = new EventQueue<string>(16);
    queue.push(1, PRIORITY_MAX, "max", undefined);
    queue.push(1, 0, "min", undefined);
    queue.pop();
    expect(queue.poppedHandler).toBe("min");
  });

  it("compaction under random cancels keeps exactly the live events, in order", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1100, maxLength: 1300 }), fc.array(fc.boolean(), { minLength: 1300, maxLength: 1300 }), (times, kill) => {
        const queue = new EventQueue<number>(16);
        const handles = times.map((t, i) => queue.push(t, i % 3, i, i));
        // Pop one first so a hole is pending when compaction may run.
        expect(queue.pop()).toBe(true);
        const first = queue.poppedHandler!;
        const live = times.map((t, i) => ({ t, p: i % 3, i })).filter(({ i }) => i !== first && !kill[i]);
        for (let i = 0; i < handles.length; i++) if (kill[i] && i !== first) expect(queue.cancel(handles[i]!)).toBe(true);
        expect(queue.size).toBe(live.length);
        live.sort((a, b) => a.t - b.t || a.p - b.p || a.i - b.i);
        const order: number[] = [];
        while (queue.pop()) {
          order.push(queue.poppedHandler!);
          expect(queue.poppedPayload).toBe(queue.poppedHandler);
        }
        expect(order).toEqual(live.map((e) => e.i));
      }),
      { numRuns: 20 },
    );
  });
});

describe("EventQueue slots, compaction trigger and limits", () => {
  const SLOT = 2 ** 24;
  const slotOf = (handle: number): number => handle % SLOT;

  it("hands out the lowest free slot first, stamp 1 for a fresh slot, and keeps doing so after growing", () => {
    for (const initial of [16, 0, -5, 3.7]) {
      const queue = new EventQueue<number>(initial);
      const handles = Array.from({ length: 20 }, (_, i) => queue.push(i, 0, i, undefined));
      expect(handles.map(slotOf)).toEqual([...Array(20).keys()]);
      expect(handles[0]).toBe(1 * SLOT + 0);
      const order: number[] = [];
      while (queue.pop()) order.push(queue.poppedHandler!);
      expect(order).toEqual([...Array(20).keys()]);
    }
  });

  it("a peek or pop on an emptied queue leaves it usable", () => {
    const queue = new EventQueue<string>(16);
    queue.push(1, 0, "a", undefined);
    expect(queue.pop()).toBe(true);
    expect(queue.peekTimeMs()).toBe(Infinity);
    expect(queue.peekTimeMs()).toBe(Infinity);
    expect(queue.pop()).toBe(false);
    queue.push(2, 0, "b", undefined);
    expect(queue.size).toBe(1);
    expect(queue.peekTimeMs()).toBe(2);
    expect(queue.pop()).toBe(true);
    expect(queue.poppedHandler).toBe("b");
  });

  // Compaction is visible only through slot reuse: it frees every dead slot at once, so the next push
  // takes a cancelled event's slot (the last freed) instead of a fresh one.
  const afterCancels = (events: number, cancels: number): number => {
    const queue = new EventQueue<number>(16);
    const handles = Array.from({ length: events }, (_, i) => queue.push(i, 0, i, undefined));
    // Cancel from the back, so no dead entry reaches the top and nothing else frees a slot.
    for (let i = 0; i < cancels; i++) expect(queue.cancel(handles[events - 1 - i]!)).toBe(true);
    const next = slotOf(queue.push(0, 0, -1, undefined));
    const order: number[] = [];
    while (queue.pop()) order.push(queue.poppedHandler!);
    // The new event ties with event 0 at time 0 and was pushed later.
    expect(order).toEqual([0, -1, ...Array.from({ length: events - cancels - 1 }, (_, i) => i + 1)]);
    return next;
  };

  it("compacts once more than half of a heap of at least 1,024 entries is dead, not before", () => {
    // 1,024 entries, 512 dead: exactly half, no compaction: the next push takes a fresh slot.
    expect(afterCancels(1024, 512)).toBe(1024);
    // One more dead: compaction frees the dead slots; the next push reuses one of them.
    expect(afterCancels(1024, 513)).toBeGreaterThanOrEqual(1024 - 513);
    expect(afterCancels(1024, 513)).toBeLessThan(1024);
    // A small heap is never compacted, however much of it is dead.
    expect(afterCancels(1023, 1000)).toBe(1023);
    expect(afterCancels(10, 9)).toBe(10);
  });

  it("renumbers its pending events past 2^40 sequence numbers, keeping their order (was: refused the push)", () => {
    const queue = new EventQueue<number>(16);
    (queue as unknown as { nextSeq: number }).nextSeq = 2 ** 40 - 2;
    // Equal times: only priority and seq order them, across the renumbering.
    queue.push(1, 1, 1, undefined);
    queue.push(1, 0, 2, undefined);
    queue.push(1, 1, 3, undefined); // the renumbering push
    queue.push(1, 1, 4, undefined);
    queue.push(1, 0, 5, undefined);
    expect((queue as unknown as { nextSeq: number }).nextSeq).toBe(5);
    const order: number[] = [];
    while (queue.pop()) order.push(queue.poppedHandler!);
    expect(order).toEqual([2, 5, 1, 3, 4]);
  });
});

describe("EventQueue past 2^24 pending events (the wide handle form, shown with 8 narrow slots)", () => {
  const WIDE_BASE = 2 ** 52;

  it("hands narrow handles to the first slots and wide ones after, each naming its own event", () => {
    const queue = new EventQueue<number>(4, { narrowSlots: 8 });
    const handles = Array.from({ length: 40 }, (_, i) => queue.push(100 - i, 0, i, undefined));
    expect(handles.slice(0, 8).every((h) => h < WIDE_BASE)).toBe(true);
    expect(handles.slice(8).every((h) => h >= WIDE_BASE && Number.isSafeInteger(h))).toBe(true);
    expect(new Set(handles).size).toBe(40);
    // Cancel every third event; the rest fire latest-pushed first (earliest time).
    for (let i = 0; i < 40; i += 3) expect(queue.cancel(handles[i]!)).toBe(true);
    const order: number[] = [];
    while (queue.pop()) order.push(queue.poppedHandler!);
    expect(order).toEqual([...Array(40).keys()].reverse().filter((i) => i % 3 !== 0));
  });

  it("a stale wide handle stays stale after its slot is reused; a forged one is refused", () => {
    const queue = new EventQueue<string>(16, { narrowSlots: 8 });
    for (let i = 0; i < 8; i++) queue.push(50, 0, `n${i}`, undefined);
    const a = queue.push(1, 0, "a", undefined);
    expect(a).toBeGreaterThanOrEqual(WIDE_BASE);
    expect(queue.pop()).toBe(true);
    expect(queue.poppedHandler).toBe("a");
    const b = queue.push(2, 0, "b", undefined); // fills the hole: a's slot again, next stamp
    expect(b).not.toBe(a);
    expect(b - WIDE_BASE).toBeGreaterThan(0);
    expect(queue.isPending(a)).toBe(false);
    expect(queue.cancel(a)).toBe(false);
    expect(queue.isPending(b)).toBe(true);
    expect(queue.cancel(b + 2 ** 28)).toBe(false); // the slot's even stamp
    expect(queue.cancel(b + 1)).toBe(false); // the next slot: never used
    expect(queue.cancel(2 ** 53 - 1)).toBe(false);
    expect(queue.cancel(b)).toBe(true);
    expect(queue.size).toBe(8);
  });
});
