/**
 * The accelerator table against a deliberately simple reference: a flat list of handles, scanned
 * every time. After random binds, releases, state changes and image loads, the table's answers
 * (can these groups bind on this host? which reason?) and counts must equal the reference's.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AccRequestGroup } from "../../domain/index.js";
import { AcceleratorPool, checkAcceleratorPool, type HandleRef } from "./acc-pool.js";
import type { AcceleratorSpec, AccImageSpec } from "./acc-spec.js";

const IMAGES: readonly AccImageSpec[] = [
  { id: "a", type: "FPGA", functions: ["crypto"], onloadTimeMs: 1 },
  { id: "b", type: "FPGA", functions: ["fec", "crypto"], onloadTimeMs: 1 },
];
const SPECS: readonly AcceleratorSpec[] = [
  { name: "f0", type: "FPGA", vendor: "v", model: "m", functions: [], handles: 1, handleType: "PCI", imageId: "a", numaNode: 0 },
  { name: "f1", type: "FPGA", vendor: "v", model: "m", functions: [], handles: 2, handleType: "VF", imageId: "b", numaNode: 0 },
  { name: "g0", type: "GPU", vendor: "v", model: "m", functions: ["inference"], handles: 3, handleType: "MDEV", numaNode: 1 },
];
const GROUPS: readonly AccRequestGroup[] = [
  { type: "FPGA", count: 1 },
  { type: "FPGA", function: "crypto", count: 2 },
  { type: "FPGA", imageId: "b", count: 1 },
  { type: "GPU", function: "inference", count: 2 },
  { type: "GPU", count: 1 },
];

/** The reference: which (device, handle) are free, found by scanning; greedy in device order. */
function referenceProblem(pool: AcceleratorPool, h: number, groups: readonly AccRequestGroup[]): string | null {
  const taken = new Set<string>();
  for (const g of groups) {
    let need = g.count;
    for (const no of pool.devicesOf(h)) {
      const d = pool.device(no)!;
      const matches = d.state === "ENABLED" && d.spec.type === g.type && (g.function === undefined || d.functions.includes(g.function)) && (g.imageId === undefined || d.imageId === g.imageId);
      for (let k = 0; k < d.boundTo.length && need > 0 && matches; k++) {
        if (d.boundTo[k] !== null || taken.has(`${no}#${k}`)) continue;
        taken.add(`${no}#${k}`);
        need--;
      }
    }
    if (need > 0) return `insufficient ${g.type} handles`;
  }
  return null;
}

type Op =
  | { readonly kind: "bind"; readonly host: number; readonly groups: number[] }
  | { readonly kind: "release"; readonly pick: number }
  | { readonly kind: "state"; readonly device: number; readonly state: "ENABLED" | "PROGRAMMING" | "DISABLED" }
  | { readonly kind: "load"; readonly device: number; readonly image: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("bind" as const), host: fc.integer({ min: 0, max: 1 }), groups: fc.array(fc.integer({ min: 0, max: GROUPS.length - 1 }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant("release" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("state" as const), device: fc.nat(), state: fc.constantFrom("ENABLED" as const, "PROGRAMMING" as const, "DISABLED" as const) }),
  fc.record({ kind: fc.constant("load" as const), device: fc.nat(), image: fc.integer({ min: 0, max: 1 }) }),
);

describe("AcceleratorPool against a scanning reference", () => {
  it("answers and counts as the reference after every step", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const pool = new AcceleratorPool(["h0", "h1"], [SPECS, SPECS], IMAGES);
        const bound: { ref: HandleRef; consumer: string }[] = [];
        let next = 0;
        for (const o of ops) {
          if (o.kind === "bind") {
            const groups = o.groups.map((i) => GROUPS[i]!);
            const expected = referenceProblem(pool, o.host, groups);
            expect(pool.bindProblem(o.host, groups)).toBe(expected);
            const consumers = groups.flatMap((g) => Array.from({ length: g.count }, () => `c${next++}`));
            const got = pool.bind(o.host, groups, consumers);
            expect(typeof got === "string" ? got : null).toBe(expected);
            if (typeof got !== "string") got.forEach((ref, i) => bound.push({ ref, consumer: consumers[i]! }));
          } else if (o.kind === "release" && bound.length > 0) {
            const [b] = bound.splice(o.pick % bound.length, 1);
            expect(pool.release(b!.ref, b!.consumer)).toBe(true);
            expect(pool.release(b!.ref, b!.consumer)).toBe(false);
          } else if (o.kind === "state") {
            pool.setState(o.device % pool.devices.length, o.state);
          } else if (o.kind === "load") {
            const d = pool.devices[o.device % pool.devices.length]!;
            const image = IMAGES[o.image]!;
            if (d.boundCount === 0 && d.spec.type === image.type) pool.loadImage(d.no, image);
          }
          expect(checkAcceleratorPool(pool)).toBeNull();
          for (let h = 0; h < 2; h++) for (const g of GROUPS) expect(pool.bindProblem(h, [g])).toBe(referenceProblem(pool, h, [g]));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("an image load on a device with a bound handle is a broken invariant (callers check first)", () => {
    const pool = new AcceleratorPool(["h0"], [SPECS], IMAGES);
    pool.bind(0, [{ type: "FPGA", imageId: "a", count: 1 }], ["c"]);
    expect(() => pool.loadImage(0, IMAGES[1]!)).toThrow(/INV-F5/);
  });
});
