import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ThresholdWatches, type Crossing, type WatchSource } from "./threshold-watches.js";

/** The list with its protected `watch` opened for the test. */
class Watches<R> extends ThresholdWatches<R> {
  subscribe(source: WatchSource<R>, targetValue: number, unreadable: string) {
    return this.watch(source, targetValue, unreadable);
  }
}

describe("ThresholdWatches (INV-K1)", () => {
  it("notifies exactly when the side of the target changes between evaluations, never while it stays", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 5 }),
        fc.integer({ min: -5, max: 5 }),
        // undefined: the measure cannot be read at that evaluation (the side stays as it was)
        fc.array(fc.option(fc.integer({ min: -5, max: 5 }), { nil: undefined }), { maxLength: 40 }),
        (target, first, values) => {
          let current: number | undefined = first;
          const seen: Crossing[] = [];
          const watches = new Watches<number>("sub-", "chg-");
          const id = watches.subscribe({ read: () => current, measure: (x) => x, notify: (c) => seen.push(c) }, target, "gone");
          expect(id).toEqual({ ok: true, value: "sub-1" });
          // The reference: the side after each readable evaluation, a crossing at each change.
          let below = first < target;
          const expected: Array<{ direction: "DOWN" | "UP"; value: number }> = [];
          for (const v of values) {
            current = v;
            watches.evaluate();
            if (v === undefined || v < target === below) continue;
            below = v < target;
            expected.push({ direction: below ? "DOWN" : "UP", value: v });
          }
          expect(seen.map(({ direction, value }) => ({ direction, value }))).toEqual(expected);
          expect(seen.map((c) => c.changeId)).toEqual(expected.map((_, i) => `chg-${i + 1}`));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses a target that is not a number and a measure that cannot be read; unsubscribes once", () => {
    const watches = new Watches<number>("sub-", "chg-");
    const source = { read: () => 1, measure: (x: number) => x, notify: () => undefined };
    expect(watches.subscribe(source, Number.NaN, "gone")).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
    expect(watches.subscribe({ ...source, read: () => undefined }, 0, "the pool is gone")).toMatchObject({ ok: false, error: { kind: "NOT_FOUND", message: "the pool is gone" } });
    expect(watches.subscribe(source, 0, "gone")).toEqual({ ok: true, value: "sub-1" });
    expect(watches.subscribe(source, 0, "gone")).toEqual({ ok: true, value: "sub-2" });
    expect(watches.ids()).toEqual(["sub-1", "sub-2"]);
    expect(watches.unsubscribe("sub-1").ok).toBe(true);
    expect(watches.unsubscribe("sub-1")).toMatchObject({ ok: false, error: { kind: "NOT_FOUND" } });
    expect([watches.size, watches.has("sub-2")]).toEqual([1, true]);
  });
});
