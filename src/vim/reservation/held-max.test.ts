/**
 * The kept maximum from now on (held-max.ts) equals a sweep of the index at every ask, through
 * admissions reported with `added`, removals, and the clock passing window ends (a fast-check
 * property against a brute-force maximum over the instants).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CommitmentIndex } from "./commitment-index.js";
import { HeldMax } from "./held-max.js";

/** The most committed at any instant from `nowMs` on, by brute force over the instants. */
function sweep(windows: ReadonlyMap<string, { fromMs: number; toMs: number; amount: number }>, nowMs: number): number {
  let most = 0;
  for (let t = nowMs; t < nowMs + 200; t++) most = Math.max(most, [...windows.values()].filter((w) => w.fromMs <= t && t < w.toMs).reduce((s, w) => s + w.amount, 0));
  return most;
}

type Op = { kind: "add"; fromMs: number; lengthMs: number; amount: number } | { kind: "remove"; no: number } | { kind: "wait"; ms: number } | { kind: "ask" };

describe("HeldMax", () => {
  it("answers what a sweep answers, without re-scanning on admissions", () => {
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant("add" as const), fromMs: fc.integer({ min: 0, max: 40 }), lengthMs: fc.integer({ min: 1, max: 40 }), amount: fc.integer({ min: 1, max: 50 }) }),
      fc.record({ kind: fc.constant("remove" as const), no: fc.integer({ min: 1, max: 10 }) }),
      fc.record({ kind: fc.constant("wait" as const), ms: fc.integer({ min: 1, max: 15 }) }),
      fc.constant({ kind: "ask" as const }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const index = new CommitmentIndex(1);
        const held = new HeldMax(index);
        const windows = new Map<string, { fromMs: number; toMs: number; amount: number }>();
        let nowMs = 0;
        let n = 0;
        for (const o of ops) {
          if (o.kind === "add") {
            const id = `r${++n}`;
            const w = { fromMs: nowMs + o.fromMs, toMs: nowMs + o.fromMs + o.lengthMs, amount: o.amount };
            const windowMax = index.maxOver(0, w.fromMs, w.toMs, new Float64Array(1))[0]!;
            index.add(0, { reservationId: id, fromMs: w.fromMs, toMs: w.toMs, amounts: Float64Array.of(w.amount) });
            held.added(0, nowMs, w.fromMs, w.toMs, windowMax + w.amount);
            windows.set(id, w);
          } else if (o.kind === "remove") {
            if (index.remove(0, `r${o.no}`) > 0) held.removed(0);
            windows.delete(`r${o.no}`);
          } else if (o.kind === "wait") nowMs += o.ms;
          expect(held.from(0, nowMs)).toBe(sweep(windows, nowMs));
        }
      }),
      { numRuns: 100 },
    );
  });
});
