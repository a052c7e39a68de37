/**
 * Exact, time-weighted usage of the NFVI per zone (and "all"): used and capacity per resource class,
 * and stranded capacity per class and accelerator type (free units of a usable host where no flavour
 * of the workload mix fits any more, accelerators included). The NFVI and its accelerator pool call
 * `hostChanged(h)` on every change of a host (claim, release, hold, inventory, state, device binding),
 * so every integral is a sum of exact rectangles between changes, not of periodic samples; sampling
 * stays for the time series and charts only (`totals()`).
 *
 * Cost: one call per host change, reading the host's classes and testing the mix on it once
 * (bench/erlang-child.ts measures the Erlang run that pays it on every arrival and departure).
 */
import { ACC_TYPES, RESOURCE_CLASSES, RESOURCE_CLASS_COUNT } from "../../domain/index.js";
import type { NfviState } from "../../nfvi/index.js";
import type { FlavourSpec } from "../../vim/index.js";
import type { ClassUtilisation, StrandedClass, ZoneFragmentation } from "./run-result.js";
import { ALL_ZONES, type ZoneTotals } from "./utilisation-sampler.js";

const C = RESOURCE_CLASS_COUNT;
/** Stranding is counted per resource class, then per accelerator type. */
export const STRANDED_CLASSES: readonly string[] = [...RESOURCE_CLASSES, ...ACC_TYPES];
const K = STRANDED_CLASSES.length;
const MEMORY = RESOURCE_CLASSES.indexOf("MEMORY_MB");

/** Whether `flavour` fits host h now: capacity and unit rules of every class, aggregate metadata, devices. */
function fits(nfvi: NfviState, h: number, flavour: FlavourSpec): boolean {
  for (let c = 0; c < C; c++) {
    const amount = flavour.amounts[RESOURCE_CLASSES[c]!];
    if (amount > 0 && nfvi.checkAdd(h, c, amount) !== 0) return false;
  }
  for (const key of Object.keys(flavour.requiredMetadata)) if (!nfvi.hasMetadata(h, key, flavour.requiredMetadata[key]!)) return false;
  const profile = flavour.deviceProfile;
  if (profile !== undefined && profile.groups.length > 0) {
    if (nfvi.accelerators === undefined || nfvi.accelerators.bindProblem(h, profile.groups) !== null) return false;
  }
  return true;
}

/** Per zone and "all": exact integrals of used, capacity, free and stranded units. */
export class UsageTracker {
  private readonly groupNames: string[];
  private readonly zoneGroup: Int32Array;
  private readonly hostUsed: Float64Array;
  private readonly hostCap: Float64Array;
  private readonly hostFree: Float64Array;
  private readonly hostStranded: Uint8Array;
  private readonly used: Float64Array;
  private readonly cap: Float64Array;
  private readonly free: Float64Array;
  private readonly stranded: Float64Array;
  private readonly usedArea: Float64Array;
  private readonly capArea: Float64Array;
  private readonly freeArea: Float64Array;
  private readonly strandedArea: Float64Array;
  private readonly shareArea: Float64Array;
  private readonly peakUsed: Float64Array;
  private readonly peakShare: Float64Array;
  private readonly lastMs: Float64Array;
  private readonly seenFree: Uint8Array;
  private measuringSinceMs = -1;

  constructor(
    private readonly nfvi: NfviState,
    private readonly mix: ReadonlyArray<FlavourSpec>,
    private readonly nowMs: () => number,
  ) {
    const zones = nfvi.topology.zones.map((z) => z.id as string);
    const H = nfvi.hostCount;
    const G = zones.length + 1;
    this.groupNames = [ALL_ZONES, ...zones];
    this.zoneGroup = new Int32Array(H);
    for (let h = 0; h < H; h++) this.zoneGroup[h] = 1 + nfvi.zoneIndexOf(h);
    const f = (n: number) => new Float64Array(n);
    [this.hostUsed, this.hostCap, this.hostFree] = [f(H * C), f(H * C), f(H * K)];
    this.hostStranded = new Uint8Array(H);
    [this.used, this.cap, this.usedArea, this.capArea, this.peakUsed, this.peakShare] = [f(G * C), f(G * C), f(G * C), f(G * C), f(G * C), f(G * C)];
    [this.free, this.stranded, this.freeArea, this.strandedArea] = [f(G * K), f(G * K), f(G * K), f(G * K)];
    this.shareArea = f(G);
    this.lastMs = f(G);
    this.seenFree = new Uint8Array(G * K);
    for (let h = 0; h < H; h++) {
      this.read(h);
      this.apply(h, 1);
    }
  }

  /** Host h changed: its old contribution leaves each of its two groups, the new one enters (hot path). */
  readonly hostChanged = (h: number): void => {
    const now = this.nowMs();
    const z = this.zoneGroup[h]!;
    this.advance(0, now);
    this.advance(z, now);
    this.apply(h, -1);
    this.read(h);
    this.apply(h, 1);
    this.raisePeaks(0);
    this.raisePeaks(z);
  };

  /** The measured period starts now: integrals restart, peaks start from the present state. */
  startMeasuring(): void {
    const now = this.nowMs();
    this.measuringSinceMs = now;
    this.usedArea.fill(0);
    this.capArea.fill(0);
    this.freeArea.fill(0);
    this.strandedArea.fill(0);
    this.shareArea.fill(0);
    this.lastMs.fill(now);
    this.peakUsed.fill(0);
    this.peakShare.fill(0);
    for (let g = 0; g < this.groupNames.length; g++) this.raisePeaks(g);
  }

  /** The present totals per zone (ALL_ZONES first), for the time series. */
  totals(): Map<string, ZoneTotals> {
    const out = new Map<string, ZoneTotals>();
    this.groupNames.forEach((name, g) => {
      if (g > 0 && !this.zoneGroup.includes(g)) return;
      out.set(name, {
        used: this.used.slice(g * C, g * C + C),
        capacity: this.cap.slice(g * C, g * C + C),
        free: this.free.slice(g * K, g * K + C),
        stranded: this.stranded.slice(g * K, g * K + C),
      });
    });
    return out;
  }

  /** zone → class → utilisation over the measured period up to `endMs` (zeros when it never started). */
  utilisation(endMs: number): Record<string, Record<string, ClassUtilisation>> {
    const out: Record<string, Record<string, ClassUtilisation>> = {};
    for (const g of this.groupsSorted()) {
      this.advance(g, endMs);
      const spanMs = this.spanMs(endMs);
      const classes: Record<string, ClassUtilisation> = {};
      RESOURCE_CLASSES.forEach((rc, c) => {
        const i = g * C + c;
        const capacity = this.cap[i]!;
        const measured = this.measuringSinceMs >= 0;
        // A zero-length measured period is the present state.
        const meanUsed = !measured ? 0 : spanMs > 0 ? this.usedArea[i]! / spanMs : this.used[i]!;
        const meanCap = !measured ? 0 : spanMs > 0 ? this.capArea[i]! / spanMs : capacity;
        classes[rc] = {
          capacity,
          meanUsed: round(meanUsed),
          peakUsed: measured ? this.peakUsed[i]! : 0,
          meanUtilisation: meanCap > 0 ? round(meanUsed / meanCap) : 0,
          peakUtilisation: measured ? round(this.peakShare[i]!) : 0,
        };
      });
      out[this.groupNames[g]!] = classes;
    }
    return out;
  }

  /** zone → stranded capacity over the measured period up to `endMs`. */
  fragmentation(endMs: number): Record<string, ZoneFragmentation> {
    const out: Record<string, ZoneFragmentation> = {};
    for (const g of this.groupsSorted()) {
      this.advance(g, endMs);
      const spanMs = this.spanMs(endMs);
      const measured = this.measuringSinceMs >= 0;
      const byClass: Record<string, StrandedClass> = {};
      STRANDED_CLASSES.forEach((name, k) => {
        const i = g * K + k;
        if (this.seenFree[i] === 0) return;
        const meanStranded = !measured ? 0 : spanMs > 0 ? this.strandedArea[i]! / spanMs : this.stranded[i]!;
        const freeArea = spanMs > 0 ? this.freeArea[i]! : this.free[i]!;
        const strandedArea = spanMs > 0 ? this.strandedArea[i]! : this.stranded[i]!;
        byClass[name] = { meanStranded: round(meanStranded), meanStrandedShareOfFree: measured && freeArea > 0 ? round(strandedArea / freeArea) : 0, lastStranded: this.stranded[i]! };
      });
      const memShare = !measured ? 0 : spanMs > 0 ? this.shareArea[g]! / spanMs : shareOf(this.stranded[g * K + MEMORY]!, this.free[g * K + MEMORY]!);
      out[this.groupNames[g]!] = { meanStrandedShareOfFree: round(memShare), lastStranded: this.stranded[g * K + MEMORY]!, byClass };
    }
    return out;
  }

  private groupsSorted(): number[] {
    const used = [...this.groupNames.keys()].filter((g) => g === 0 || this.zoneGroup.includes(g));
    return used.sort((a, b) => (this.groupNames[a]! < this.groupNames[b]! ? -1 : 1));
  }

  private spanMs(endMs: number): number {
    return this.measuringSinceMs < 0 ? 0 : Math.max(0, endMs - this.measuringSinceMs);
  }

  /** Adds the rectangles of group g from its last change to `now` (only while measuring). */
  private advance(g: number, now: number): void {
    const dt = now - this.lastMs[g]!;
    if (dt <= 0 || this.measuringSinceMs < 0) return;
    this.lastMs[g] = now;
    for (let c = 0; c < C; c++) {
      this.usedArea[g * C + c]! += this.used[g * C + c]! * dt;
      this.capArea[g * C + c]! += this.cap[g * C + c]! * dt;
    }
    for (let k = 0; k < K; k++) {
      this.freeArea[g * K + k]! += this.free[g * K + k]! * dt;
      this.strandedArea[g * K + k]! += this.stranded[g * K + k]! * dt;
    }
    this.shareArea[g]! += shareOf(this.stranded[g * K + MEMORY]!, this.free[g * K + MEMORY]!) * dt;
  }

  /** Reads host h's present numbers into the per-host cache. */
  private read(h: number): void {
    const nfvi = this.nfvi;
    const usable = nfvi.isUsable(h);
    for (let c = 0; c < C; c++) {
      const cap = nfvi.capacity(h, c);
      const used = nfvi.used(h, c);
      this.hostUsed[h * C + c] = used;
      this.hostCap[h * C + c] = cap;
      this.hostFree[h * K + c] = usable ? Math.max(0, cap - used) : 0;
    }
    const acc = nfvi.accelerators;
    for (let t = 0; t < ACC_TYPES.length; t++) this.hostFree[h * K + C + t] = usable && acc !== undefined ? acc.freeOfType(h, ACC_TYPES[t]!) : 0;
    this.hostStranded[h] = usable && !this.fitsAny(h) ? 1 : 0;
  }

  private fitsAny(h: number): boolean {
    for (const f of this.mix) if (fits(this.nfvi, h, f)) return true;
    return false;
  }

  /** Adds (sign 1) or removes (sign −1) host h's cached numbers to "all" and its zone. */
  private apply(h: number, sign: number): void {
    for (const g of [0, this.zoneGroup[h]!]) {
      for (let c = 0; c < C; c++) {
        this.used[g * C + c]! += sign * this.hostUsed[h * C + c]!;
        this.cap[g * C + c]! += sign * this.hostCap[h * C + c]!;
      }
      const stranded = this.hostStranded[h] === 1;
      for (let k = 0; k < K; k++) {
        const free = this.hostFree[h * K + k]!;
        this.free[g * K + k]! += sign * free;
        if (stranded) this.stranded[g * K + k]! += sign * free;
        if (free > 0) this.seenFree[g * K + k] = 1;
      }
    }
  }

  /** Raises group g's peaks to its present state (after a change). */
  private raisePeaks(g: number): void {
    if (this.measuringSinceMs < 0) return;
    for (let c = 0; c < C; c++) {
      const i = g * C + c;
      const used = this.used[i]!;
      if (used > this.peakUsed[i]!) this.peakUsed[i] = used;
      const cap = this.cap[i]!;
      const share = cap > 0 ? used / cap : 0;
      if (share > this.peakShare[i]!) this.peakShare[i] = share;
    }
  }
}

const shareOf = (stranded: number, free: number): number => (free > 0 ? stranded / free : 0);

/** Rounds to 9 significant decimals so reports do not depend on the last bits of a float sum. */
const round = (x: number): number => Math.round(x * 1e9) / 1e9;
