import { describe, expect, it } from "vitest";
import { RESOURCE_CLASS_COUNT } from "../domain/index.js";
import { CapacityIndex } from "./capacity-index.js";
import { emptyRecords, shapeFreeSlot, shapeSlot, writeLeafRecord, type IndexPart, type LeafValues } from "./index-record.js";

const C = RESOURCE_CLASS_COUNT;

/** An index over `hosts` hosts with `shapes` shapes whose leaf source counts its reads. */
function counted(hosts: number, shapes: number) {
  const free = Array.from({ length: hosts }, (_, h) => 10 + h);
  const reads: Array<[number, IndexPart]> = [];
  const leafOf = (h: number, part: IndexPart): LeafValues => {
    reads.push([h, part]);
    const f = new Int32Array(C).fill(free[h]!);
    return { usable: true, fit: f, free: f, fitsShape: new Uint8Array(shapes).fill(free[h]! > 0 ? 1 : 0) };
  };
  const index = new CapacityIndex(hosts, [Array.from({ length: hosts }, (_, h) => h)], [], leafOf);
  for (let k = 0; k < shapes; k++) index.addShape(`shape${k}`);
  for (let h = 0; h < hosts; h++) index.update(h);
  return { index, reads, free };
}

describe("capacity index flush (bench/trace.bench.ts)", () => {
  it("reads each pending host's leaf once per flush, whatever the parts it brings up to date", () => {
    const { index, reads, free } = counted(5, 2);
    void index.all;
    expect(reads).toEqual([0, 1, 2, 3, 4].map((h) => [h, "all"]));
    reads.length = 0;
    free[3] = 0;
    index.update(3);
    index.update(1);
    void index.all;
    expect(reads).toEqual([[3, "all"], [1, "all"]]);
  });

  it("a flush of a later part after an earlier one rewrites only what is still pending, and the records match a rebuild", () => {
    const { index, reads, free } = counted(6, 2);
    void index.fitBlocks.all;
    free[2] = 0;
    index.update(2);
    void index.fitBlocks.all;
    reads.length = 0;
    const tree = index.all;
    // Every host is still pending for the other parts; host 2 once although it changed twice.
    expect(reads.map(([h]) => h).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    const expected = emptyRecords(tree.size, tree.shapes);
    for (let pos = 0; pos < 6; pos++) {
      const f = new Int32Array(C).fill(free[pos]!);
      writeLeafRecord(expected, (tree.size + pos) * tree.stride, { usable: true, fit: f, free: f, fitsShape: new Uint8Array(2).fill(free[pos]! > 0 ? 1 : 0) }, 2);
    }
    for (let pos = 0; pos < 6; pos++) {
      const at = (tree.size + pos) * tree.stride;
      expect(Array.from(tree.data as Int32Array).slice(at, at + tree.stride)).toEqual(Array.from(expected.slice(at, at + tree.stride)));
    }
    // The root's shape-0 count and max free RAM: hosts 0..5 but host 2 fit; the largest free is 15.
    expect(tree.data[tree.stride + shapeSlot(0)]).toBe(5);
    expect(tree.data[tree.stride + shapeFreeSlot(0, 2)]).toBe(15);
    expect(tree.firstFitFrom(0, 2)).toBe(3);
  });
});
