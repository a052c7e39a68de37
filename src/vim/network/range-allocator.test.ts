import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RangeAllocator } from "./range-allocator.js";

describe("RangeAllocator", () => {
  it("hands out the lowest free value across ranges, and says when none is left", () => {
    const a = new RangeAllocator([{ first: 10n, last: 11n }, { first: 2n, last: 3n }]);
    expect([a.takeLowest(), a.takeLowest(), a.takeLowest()]).toEqual([2n, 3n, 10n]);
    expect(a.release(3n)).toBe(true);
    expect(a.takeLowest()).toBe(3n);
    expect(a.take(11n)).toBe(true);
    expect(a.takeLowest()).toBeUndefined();
    expect(a.take(12n)).toBe(false);
    expect(a.release(12n)).toBe(false);
  });

  it("agrees with a set-based reference on random take/release sequences", () => {
    const ops = fc.array(fc.oneof(fc.constant({ op: "lowest" as const }), fc.record({ op: fc.constant("release" as const), v: fc.integer({ min: 0, max: 20 }) }), fc.record({ op: fc.constant("take" as const), v: fc.integer({ min: 0, max: 20 }) })), { maxLength: 60 });
    fc.assert(
      fc.property(ops, (commands) => {
        const a = new RangeAllocator([{ first: 3n, last: 7n }, { first: 12n, last: 15n }]);
        const pool = [3, 4, 5, 6, 7, 12, 13, 14, 15];
        const used = new Set<number>();
        for (const c of commands) {
          if (c.op === "lowest") {
            const expected = pool.find((v) => !used.has(v));
            expect(a.takeLowest()).toBe(expected === undefined ? undefined : BigInt(expected));
            if (expected !== undefined) used.add(expected);
          } else if (c.op === "take") {
            const can = pool.includes(c.v) && !used.has(c.v);
            expect(a.take(BigInt(c.v))).toBe(can);
            if (can) used.add(c.v);
          } else {
            expect(a.release(BigInt(c.v))).toBe(used.delete(c.v));
          }
          expect(a.freeCount).toBe(BigInt(pool.length - used.size));
        }
      }),
    );
  });
});
