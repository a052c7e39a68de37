import { describe, expect, it } from "vitest";
import type { NfviView } from "../nfvi/index.js";
import { makeRequest } from "./request.js";
import type { Weigher, WeigherUse } from "./types.js";
import { bestOf, normalize, ranking, weigh, type Weighing } from "./weigh.js";

const request = (() => {
  const r = makeRequest({ resources: { VCPU: 1 } });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
})();
const noView = { topology: { hosts: [], aggregates: [] } } as unknown as NfviView;
/** A weigher whose raw weight is read from a table by host index. */
const table = (name: string, weights: Record<number, number>): Weigher => ({ name, defaultMultiplier: 1, multiplierKey: `${name}_weight_multiplier`, raw: (_r, _v, h) => weights[h]! });
const use = (weigher: Weigher, multiplier: number): WeigherUse => ({ weigher, multiplier });

describe("normalize", () => {
  it("maps [lo, hi] onto [0, 1] and a flat set to 0", () => {
    expect(normalize(5, 5, 15)).toBe(0);
    expect(normalize(15, 5, 15)).toBe(1);
    expect(normalize(7.5, 5, 15)).toBe(0.25);
    expect(normalize(3, 3, 3)).toBe(0);
    expect(normalize(-2, -4, 0)).toBe(0.5);
  });
});

describe("weigh", () => {
  it("normalises each weigher over the candidates, multiplies and adds in order", () => {
    const cpu = table("cpu", { 1: 10, 4: 30, 6: 20 });
    const ram = table("ram", { 1: 100, 4: 100, 6: 300 });
    const w = weigh([use(cpu, 2), use(ram, -1)], noView, request, [1, 4, 6]);
    expect(w.candidates).toEqual([1, 4, 6]);
    expect(w.raw.map((r) => [...r])).toEqual([[10, 30, 20], [100, 100, 300]]);
    expect(w.lo).toEqual([10, 100]);
    expect(w.hi).toEqual([30, 300]);
    // One row of multipliers per weigher (no aggregate overrides here: the configured ones).
    expect(w.multipliers.map((m) => [...m])).toEqual([[2, 2, 2], [-1, -1, -1]]);
    expect([...w.totals]).toEqual([0, 2, 0]);
    expect(bestOf(w)).toBe(4);
    expect(ranking(w)).toEqual([1, 0, 2]);
  });

  it("negative weights and a single candidate: min and max come from the values, not from 0", () => {
    const neg = table("neg", { 0: -5, 1: -1, 2: -3 });
    const w = weigh([use(neg, 1)], noView, request, [0, 1, 2]);
    expect(w.lo).toEqual([-5]);
    expect(w.hi).toEqual([-1]);
    expect([...w.totals]).toEqual([0, 1, 0.5]);
    const one = weigh([use(neg, 3)], noView, request, [2]);
    expect([one.lo, one.hi, [...one.totals]]).toEqual([[-3], [-3], [0]]);
    expect(bestOf(one)).toBe(2);
  });

  it("no weighers leaves every total 0 and the lowest host wins; no candidates gives −1", () => {
    const w = weigh([], noView, request, [3, 5, 8]);
    expect([...w.totals]).toEqual([0, 0, 0]);
    expect(w.raw).toEqual([]);
    expect(bestOf(w)).toBe(3);
    expect(ranking(w)).toEqual([0, 1, 2]);
    const empty = weigh([use(table("x", {}), 1)], noView, request, []);
    expect(empty.totals.length).toBe(0);
    expect(bestOf(empty)).toBe(-1);
    expect(ranking(empty)).toEqual([]);
  });
});

describe("weigh: Nova's minval (weights.py weigh_objects + normalize)", () => {
  it("a minval-0 weigher raises negatives to 0 and normalises x / max, so mixed signs pick Nova's host", () => {
    const cpu: Weigher = { ...table("cpu", { 0: 10, 1: 20, 2: -5 }), minval: 0 };
    const disk: Weigher = { ...table("disk", { 0: 100, 1: 40, 2: 90 }), minval: 0 };
    const w = weigh([use(cpu, 2), use(disk, -2.31)], noView, request, [0, 1, 2]);
    expect(w.lo).toEqual([0, 0]);
    expect(w.hi).toEqual([20, 100]);
    // Host 0: 2 × 0.5 − 2.31 × 1; host 1: 2 × 1 − 2.31 × 0.4; host 2: 2 × 0 − 2.31 × 0.9.
    expect([...w.totals]).toEqual([2 * 0.5 + -2.31 * 1, 2 * 1 + -2.31 * 0.4, 2 * 0 + -2.31 * 0.9]);
    expect(bestOf(w)).toBe(1);
  });
  it("x / max, not min-max: nearly equal CPU keeps most of its weight (min-max would pick host 1)", () => {
    const cpu: Weigher = { ...table("cpu", { 0: 19, 1: 20 }), minval: 0 };
    const disk: Weigher = { ...table("disk", { 0: 50, 1: 100 }), minval: 0 };
    const w = weigh([use(cpu, 2), use(disk, -1)], noView, request, [0, 1]);
    expect([...w.totals]).toEqual([2 * (19 / 20) - 0.5, 2 - 1]);
    expect(bestOf(w)).toBe(0);
  });
  it("all raw weights at or below minval normalise to 0", () => {
    const ram: Weigher = { ...table("ram", { 0: -3, 1: 0 }), minval: 0 };
    expect([...weigh([use(ram, 1)], noView, request, [0, 1]).totals]).toEqual([0, 0]);
  });
});

describe("bestOf and ranking tie-breaks", () => {
  const weighing = (candidates: number[], totals: number[]): Weighing => ({ candidates, raw: [], multipliers: [], lo: [], hi: [], totals: Float64Array.from(totals) });

  it("the highest total wins; ties go to the lowest host index wherever it sits", () => {
    expect(bestOf(weighing([2, 5, 9], [0.5, 0.7, 0.7]))).toBe(5);
    expect(bestOf(weighing([9, 5, 2], [0.7, 0.7, 0.7]))).toBe(2);
    expect(bestOf(weighing([9, 5, 2], [0.7, 0.9, 0.1]))).toBe(5);
    expect(bestOf(weighing([4], [-3]))).toBe(4);
    expect(bestOf(weighing([4, 1], [-3, -3]))).toBe(1);
    expect(bestOf(weighing([1, 4], [-3, -2]))).toBe(4);
    // A NaN total (a weigher gone wrong) never hides the candidates: the first one is taken.
    expect(bestOf(weighing([4, 1], [Number.NaN, Number.NaN]))).toBe(4);
  });

  it("ranking orders by total descending, then host index ascending", () => {
    expect(ranking(weighing([9, 5, 2, 7], [0.1, 0.7, 0.1, 0.7]))).toEqual([1, 3, 2, 0]);
    expect(ranking(weighing([3, 1, 2], [-1, 0, -2]))).toEqual([1, 0, 2]);
  });
});
