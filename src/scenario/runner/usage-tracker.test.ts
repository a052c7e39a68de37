/**
 * The usage tracker against a deliberately simpler model: after every change, scan every host from
 * scratch, and integrate those full snapshots as rectangles between the change times. Means, peaks and
 * stranded capacity (accelerators included) must agree with the tracker's incremental integrals.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACC_TYPES, asId, RESOURCE_CLASSES, type AccRequestGroup, type ResourceAmounts } from "../../domain/index.js";
import { askedAmounts, createNfviState, novaHost, type NfviState } from "../../nfvi/index.js";
import type { FlavourSpec } from "../../vim/index.js";
import { UsageTracker } from "./usage-tracker.js";

const GPU: AccRequestGroup = { type: "GPU", count: 1 };
const amounts = (a: Partial<ResourceAmounts>): ResourceAmounts => ({ VCPU: 0, PCPU: 0, MEMORY_MB: 0, DISK_GB: 0, ...a });
/** A GPU flavour and a plain one: a host with CPU left but no free GPU still takes the plain one. */
const MIX: FlavourSpec[] = [
  { id: "du", amounts: amounts({ VCPU: 4, MEMORY_MB: 4096 }), requiredMetadata: {}, deviceProfile: { name: "gpu1", groups: [GPU] } },
  { id: "big", amounts: amounts({ VCPU: 8, MEMORY_MB: 8192 }), requiredMetadata: {} },
];

/** Without GPUs, the mix's GPU flavour is left out (the tracker's shortcut for device-less sites runs). */
const mixOf = (gpus: boolean): FlavourSpec[] => (gpus ? MIX : MIX.filter((f) => f.deviceProfile === undefined).concat([{ id: "mid", amounts: amounts({ VCPU: 4, MEMORY_MB: 6144 }), requiredMetadata: {} }]));

/** Four hosts, in two zones (or all in az1: the tracker then keeps one group for "all" and az1). */
function site(gpus = true, oneZone = false): NfviState {
  const hosts = [0, 1, 2, 3].map((i) => ({
    ...novaHost({ id: asId(`h${i}`), zone: asId(i < 2 || oneZone ? "az1" : "az2"), rack: asId("r1"), vcpus: 16, memoryMb: 16896, diskGb: 100 }),
    ...(gpus ? { accelerators: [{ name: "gpu0", type: "GPU" as const, vendor: "v", model: "m", functions: [], handles: 2, handleType: "PCI" as const, numaNode: 0 }] } : {}),
  }));
  const made = createNfviState(hosts, []);
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

/** The simpler model: every group's totals by a scan of every host. */
function scan(nfvi: NfviState, mix: readonly FlavourSpec[]): Map<string, { used: number[]; cap: number[]; free: number[]; stranded: number[] }> {
  const out = new Map<string, { used: number[]; cap: number[]; free: number[]; stranded: number[] }>();
  const K = RESOURCE_CLASSES.length + ACC_TYPES.length;
  const zero = () => ({ used: RESOURCE_CLASSES.map(() => 0), cap: RESOURCE_CLASSES.map(() => 0), free: Array<number>(K).fill(0), stranded: Array<number>(K).fill(0) });
  for (let h = 0; h < nfvi.hostCount; h++) {
    const usable = nfvi.isUsable(h);
    const fitsOne = mix.some((f) =>
      RESOURCE_CLASSES.every((rc, c) => f.amounts[rc] === 0 || nfvi.checkAdd(h, c, f.amounts[rc]) === 0) &&
      (f.deviceProfile === undefined || nfvi.accelerators!.bindProblem(h, f.deviceProfile.groups) === null),
    );
    for (const g of ["all", nfvi.topology.zones[nfvi.zoneIndexOf(h)]!.id as string]) {
      const t = out.get(g) ?? zero();
      out.set(g, t);
      RESOURCE_CLASSES.forEach((_, c) => {
        t.used[c]! += nfvi.used(h, c);
        t.cap[c]! += nfvi.capacity(h, c);
        const free = usable ? Math.max(0, nfvi.capacity(h, c) - nfvi.used(h, c)) : 0;
        t.free[c]! += free;
        if (usable && !fitsOne) t.stranded[c]! += free;
      });
      ACC_TYPES.forEach((type, a) => {
        const free = usable && nfvi.accelerators !== undefined ? nfvi.accelerators.freeOfType(h, type) : 0;
        t.free[RESOURCE_CLASSES.length + a]! += free;
        if (usable && !fitsOne) t.stranded[RESOURCE_CLASSES.length + a]! += free;
      });
    }
  }
  return out;
}

type Op =
  | { readonly kind: "boot"; readonly host: number; readonly flavour: number; readonly dtMs: number }
  | { readonly kind: "delete"; readonly pick: number; readonly dtMs: number }
  | { readonly kind: "state"; readonly host: number; readonly up: boolean; readonly dtMs: number }
  | { readonly kind: "inventory"; readonly host: number; readonly totalVcpus: number; readonly maxUnit: number; readonly stepSize: number; readonly dtMs: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("boot" as const), host: fc.nat(3), flavour: fc.nat(1), dtMs: fc.nat(5000) }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat(50), dtMs: fc.nat(5000) }),
  fc.record({ kind: fc.constant("state" as const), host: fc.nat(3), up: fc.boolean(), dtMs: fc.nat(5000) }),
  // A new VCPU inventory: unit rules that admit both flavours or not (max_unit 4, step_size 3), a smaller total.
  fc.record({ kind: fc.constant("inventory" as const), host: fc.nat(3), totalVcpus: fc.constantFrom(8, 16), maxUnit: fc.constantFrom(4, 16), stepSize: fc.constantFrom(1, 3), dtMs: fc.nat(5000) }),
);

describe("UsageTracker", () => {
  it("agrees with full scans integrated between changes (means, peaks, stranded; with GPUs and without; one zone or two)", () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), fc.nat(40), fc.boolean(), fc.boolean(), (ops, startAt, gpus, oneZone) => {
        const nfvi = site(gpus, oneZone);
        const mix = mixOf(gpus);
        let now = 0;
        const tracker = new UsageTracker(nfvi, mix, () => now);
        nfvi.onHostChanged = tracker.hostChanged;
        if (gpus) nfvi.accelerators!.onHostChanged = tracker.hostChanged;
        const live: { id: string; refs: { device: number; handle: number }[] }[] = [];
        const snapshots: { timeMs: number; totals: ReturnType<typeof scan> }[] = [];
        let measuringFrom = -1;
        let n = 0;
        ops.forEach((op, i) => {
          now += op.dtMs;
          if (i === Math.min(startAt, ops.length - 1)) {
            tracker.startMeasuring();
            measuringFrom = now;
            snapshots.push({ timeMs: now, totals: scan(nfvi, mix) });
          }
          if (op.kind === "boot") {
            const f = mix[op.flavour]!;
            const id = `vm-${n++}`;
            if (f.deviceProfile !== undefined && nfvi.accelerators!.bindProblem(op.host, f.deviceProfile.groups) !== null) return;
            if (!nfvi.claim(id, op.host, askedAmounts(f.amounts)).ok) return;
            const refs = f.deviceProfile === undefined ? [] : nfvi.accelerators!.bind(op.host, f.deviceProfile.groups, [id]);
            if (typeof refs === "string") throw new Error(refs);
            live.push({ id, refs });
          } else if (op.kind === "delete") {
            if (live.length === 0) return;
            const [s] = live.splice(op.pick % live.length, 1);
            for (const ref of s!.refs) nfvi.accelerators!.release(ref, s!.id);
            nfvi.release(s!.id);
          } else if (op.kind === "state") {
            nfvi.setHostState(op.host, op.up ? "UP" : "DOWN");
          } else {
            const set = nfvi.setInventory(op.host, "VCPU", { total: op.totalVcpus, reserved: 0, allocationRatio: 1, minUnit: 1, maxUnit: op.maxUnit, stepSize: op.stepSize });
            if (!set.ok) throw new Error(set.error.message);
          }
          if (measuringFrom >= 0) snapshots.push({ timeMs: now, totals: scan(nfvi, mix) });
        });
        const endMs = now + 1000;
        const utilisation = tracker.utilisation(endMs);
        const fragmentation = tracker.fragmentation(endMs);
        const span = endMs - measuringFrom;
        expect(Object.keys(utilisation)).toEqual(oneZone ? ["all", "az1"] : ["all", "az1", "az2"]);
        // The only zone of a site is "all", to the last bit (the tracker moves one group for both).
        if (oneZone) expect([utilisation["az1"], fragmentation["az1"], tracker.totals().get("az1")]).toEqual([utilisation["all"], fragmentation["all"], tracker.totals().get("all")]);
        for (const zone of oneZone ? ["all", "az1"] : ["all", "az1", "az2"]) {
          // Rectangles between consecutive snapshots; the last one lasts until the end.
          const area = (pick: (t: ReturnType<typeof scan> extends Map<string, infer V> ? V : never) => number) =>
            snapshots.reduce((sum, s, k) => sum + pick(s.totals.get(zone)!) * ((snapshots[k + 1]?.timeMs ?? endMs) - s.timeMs), 0);
          RESOURCE_CLASSES.forEach((rc, c) => {
            const u = utilisation[zone]![rc]!;
            const meanUsed = span > 0 ? area((t) => t.used[c]!) / span : snapshots.at(-1)!.totals.get(zone)!.used[c]!;
            expect(u.meanUsed).toBeCloseTo(meanUsed, 6);
            expect(u.peakUsed).toBe(Math.max(...snapshots.map((s) => s.totals.get(zone)!.used[c]!)));
          });
          const frag = fragmentation[zone]!;
          [...RESOURCE_CLASSES, ...ACC_TYPES].forEach((name, k) => {
            const seen = frag.byClass[name];
            if (seen === undefined) return;
            const mean = span > 0 ? area((t) => t.stranded[k]!) / span : snapshots.at(-1)!.totals.get(zone)!.stranded[k]!;
            expect(seen.meanStranded).toBeCloseTo(mean, 6);
            expect(seen.lastStranded).toBe(snapshots.at(-1)!.totals.get(zone)!.stranded[k]!);
          });
          expect(frag.byClass["GPU"] !== undefined).toBe(gpus);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("counts a host whose GPUs are all bound as stranded although its CPU is idle", () => {
    const nfvi = site();
    let now = 0;
    const tracker = new UsageTracker(nfvi, [MIX[0]!], () => now);
    nfvi.onHostChanged = tracker.hostChanged;
    nfvi.accelerators!.onHostChanged = tracker.hostChanged;
    tracker.startMeasuring();
    // Both handles of h0's GPU go to two servers: h0 keeps 8 VCPU free that no DU can use.
    for (const id of ["a", "b"]) {
      expect(nfvi.claim(id, 0, askedAmounts(MIX[0]!.amounts)).ok).toBe(true);
      expect(typeof nfvi.accelerators!.bind(0, [GPU], [id])).not.toBe("string");
    }
    now = 3_600_000;
    const az1 = tracker.fragmentation(now)["az1"]!;
    // Every VCPU h0 has left is stranded; h1 (free GPU) strands nothing.
    const h0Free = nfvi.capacity(0, 0) - 8;
    const az1Free = h0Free + nfvi.capacity(1, 0);
    expect(h0Free).toBeGreaterThan(0);
    expect(az1.byClass["VCPU"]).toEqual({ meanStranded: h0Free, meanStrandedShareOfFree: Math.round((h0Free / az1Free) * 1e9) / 1e9, lastStranded: h0Free });
    expect(az1.byClass["GPU"]).toEqual({ meanStranded: 0, meanStrandedShareOfFree: 0, lastStranded: 0 });
    expect(tracker.utilisation(now)["az1"]!["VCPU"]!.peakUsed).toBe(8);
  });
});
