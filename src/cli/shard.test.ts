import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseShard, shardPlanIndices } from "./shard.js";

describe("--shard I/N", () => {
  it("accepts 1 ≤ I ≤ N and refuses the rest with a reason", () => {
    expect(parseShard("1/2")).toEqual({ index: 1, count: 2 });
    expect(parseShard("2/2")).toEqual({ index: 2, count: 2 });
    expect(parseShard("3/2")).toBe("--shard 3/2: the shard index must be between 1 and 2");
    expect(parseShard("0/2")).toBe("--shard 0/2: the shard index must be between 1 and 2");
    expect(parseShard("0/0")).toBe("--shard 0/0: the shard count N must be at least 1");
    expect(parseShard("a/b")).toBe('--shard expects I/N with whole numbers, e.g. 1/4; got "a/b"');
    expect(parseShard("-1/2")).toMatch(/^--shard expects I\/N/);
  });

  it("deals plan items round-robin: the shards partition the plan, each ascending", () => {
    expect(shardPlanIndices(7, { index: 2, count: 3 })).toEqual([1, 4]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 9 }), (size, count) => {
        const all = Array.from({ length: count }, (_, i) => shardPlanIndices(size, { index: i + 1, count })).flat();
        expect([...all].sort((a, b) => a - b)).toEqual(Array.from({ length: size }, (_, k) => k));
      }),
    );
  });
});
