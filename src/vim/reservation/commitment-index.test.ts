/** The interval index against brute force: the per-class maximum of the committed sum over any window. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RESOURCE_CLASS_COUNT } from "../../domain/index.js";
import { CommitmentIndex } from "./commitment-index.js";

const C = RESOURCE_CLASS_COUNT;
const entry = fc.record({ host: fc.integer({ min: 0, max: 2 }), from: fc.integer({ min: 0, max: 50 }), length: fc.integer({ min: 1, max: 30 }), vcpu: fc.integer({ min: 0, max: 8 }), ram: fc.integer({ min: 0, max: 8 }), unbounded: fc.boolean() });

describe("CommitmentIndex", () => {
  it("gives the same per-class maxima as evaluating every millisecond of the window", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 25 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 40 }), fc.array(fc.nat(), { maxLength: 5 }), (entries, from, length, removals) => {
        const index = new CommitmentIndex(3);
        const live = entries.map((e, i) => ({ ...e, id: `r${i}`, to: e.unbounded ? Number.POSITIVE_INFINITY : e.from + e.length }));
        for (const e of live) index.add(e.host, { reservationId: e.id, fromMs: e.from, toMs: e.to, amounts: Float64Array.of(e.vcpu, 0, e.ram, 0) });
        const removed = new Set(removals.filter(() => live.length > 0).map((k) => live[k % live.length]!.id));
        for (const e of live) if (removed.has(e.id)) index.remove(e.host, e.id);
        const kept = live.filter((e) => !removed.has(e.id));
        expect(index.count).toBe(kept.length);
        for (let h = 0; h < 3; h++) {
          const got = index.maxOver(h, from, from + length, new Float64Array(C));
          const want = new Float64Array(C);
          for (let t = from; t < from + length; t++) {
            const at = kept.filter((e) => e.host === h && e.from <= t && t < e.to);
            want[0] = Math.max(want[0]!, at.reduce((s, e) => s + e.vcpu, 0));
            want[2] = Math.max(want[2]!, at.reduce((s, e) => s + e.ram, 0));
          }
          expect(Array.from(got), `host ${h} [${from}, ${from + length})`).toEqual(Array.from(want));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("treats windows as half-open: back-to-back commitments never add up (INV-C7)", () => {
    const index = new CommitmentIndex(1);
    index.add(0, { reservationId: "a", fromMs: 0, toMs: 10, amounts: Float64Array.of(4, 0, 0, 0) });
    index.add(0, { reservationId: "b", fromMs: 10, toMs: 20, amounts: Float64Array.of(4, 0, 0, 0) });
    expect(index.maxOver(0, 0, 20, new Float64Array(C))[0]).toBe(4);
  });
});
