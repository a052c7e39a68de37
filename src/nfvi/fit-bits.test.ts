import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FitBits } from "./fit-bits.js";

/** The reference: one boolean per (shape, leaf), searched by a plain scan. */
function naiveNext(model: boolean[][], k: number, from: number): number {
  for (let p = Math.max(0, from); p < model[k]!.length; p++) if (model[k]![p]) return p;
  return -1;
}

describe("FitBits", () => {
  it("answers every nextFrom as a scan of a boolean model does, over several summary words", () => {
    const world = fc
      .record({ leaves: fc.integer({ min: 1, max: 3_000 }), shapes: fc.integer({ min: 1, max: 3 }) })
      .chain(({ leaves, shapes }) =>
        fc.record({
          leaves: fc.constant(leaves),
          shapes: fc.constant(shapes),
          // Runs of set positions make whole words and summary words fill and empty.
          ops: fc.array(
            fc.record({ k: fc.integer({ min: 0, max: shapes - 1 }), pos: fc.integer({ min: 0, max: leaves - 1 }), run: fc.integer({ min: 1, max: 70 }), fits: fc.boolean() }),
            { maxLength: 40 },
          ),
          probes: fc.array(fc.integer({ min: 0, max: leaves + 40 }), { maxLength: 20 }),
        }),
      );
    fc.assert(
      fc.property(world, ({ leaves, shapes, ops, probes }) => {
        const bits = new FitBits(leaves, shapes);
        const model = Array.from({ length: shapes }, () => new Array<boolean>(leaves).fill(false));
        for (const op of ops) {
          for (let p = op.pos; p < Math.min(leaves, op.pos + op.run); p++) {
            bits.set(op.k, p, op.fits);
            model[op.k]![p] = op.fits;
          }
          for (let k = 0; k < shapes; k++) {
            for (const from of probes) expect(bits.nextFrom(k, from)).toBe(naiveNext(model, k, from));
            // A walk from 0 visits exactly the set positions.
            const walked: number[] = [];
            for (let p = bits.nextFrom(k, 0); p >= 0; p = bits.nextFrom(k, p + 1)) walked.push(p);
            expect(walked).toEqual(model[k]!.flatMap((on, p) => (on ? [p] : [])));
            for (let p = 0; p < leaves; p += 97) expect(bits.has(k, p)).toBe(model[k]![p]);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("finds a leaf past the first summary word and nothing after clearing it", () => {
    const bits = new FitBits(70_000, 2);
    expect(bits.nextFrom(1, 0)).toBe(-1);
    bits.set(1, 65_537, true);
    expect(bits.nextFrom(0, 0)).toBe(-1);
    expect(bits.nextFrom(1, 0)).toBe(65_537);
    expect(bits.nextFrom(1, 65_537)).toBe(65_537);
    expect(bits.nextFrom(1, 65_538)).toBe(-1);
    bits.set(1, 65_537, false);
    expect(bits.nextFrom(1, 0)).toBe(-1);
  });
});
