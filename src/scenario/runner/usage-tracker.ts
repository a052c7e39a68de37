/**
 * Exact, time-weighted usage of the NFVI per zone (and "all"): used and capacity per resource class,
 * and stranded capacity per class and accelerator type (free units of a usable host where no flavour
 * of the workload mix fits any more, accelerators included). The NFVI and its accelerator pool call
 * `hostChanged(h)` on every change of a host (claim, release, hold, inventory, state, device binding),
 * so every integral is exact, not a sum of periodic samples; sampling stays for the time series and
 * charts only (`totals()`).
 *
 * Hot path (bench/erlang-child.ts pays it on every arrival and departure): a change touches only the
 * slots that moved. The integral of a piecewise-constant v from t0 to T is v(T)·T − v(t0)·t0 − Σ dᵢ·tᵢ
 * over its jumps dᵢ at tᵢ, so each jump adds one product and nothing is integrated per event.
 * On a site of one zone (the erlang run's), the zone's slots would repeat "all" operation for
 * operation, so the zone reads "all"'s slots and a change moves one group instead of two.
 */
import { ACC_TYPES, RESOURCE_CLASSES, RESOURCE_CLASS_COUNT, type AccRequestGroup } from "../../domain/index.js";
import { ADD_OK, capacityVerdict, unitVerdict, type NfviState } from "../../nfvi/index.js";
import type { FlavourSpec } from "../../vim/index.js";
import type { ClassUtilisation, StrandedClass, ZoneFragmentation } from "./run-result.js";
import { ALL_ZONES, type ZoneTotals } from "./utilisation-sampler.js";

const C = RESOURCE_CLASS_COUNT;
/** Stranding is counted per resource class, then per accelerator type. */
export const STRANDED_CLASSES: readonly string[] = [...RESOURCE_CLASSES, ...ACC_TYPES];
const MEMORY = RESOURCE_CLASSES.indexOf("MEMORY_MB");

/** A flavour of the mix as the hot path tests it: the classes it asks for, its metadata pairs, its devices. */
interface MixEntry {
  readonly classes: Int32Array;
  readonly amounts: Float64Array;
  readonly metadata: ReadonlyArray<readonly [string, string]>;
  readonly groups: readonly AccRequestGroup[] | undefined;
}

function mixEntry(flavour: FlavourSpec): MixEntry {
  const classes: number[] = [];
  const amounts = new Float64Array(C);
  RESOURCE_CLASSES.forEach((rc, c) => {
    amounts[c] = flavour.amounts[rc];
    if (flavour.amounts[rc] > 0) classes.push(c);
  });
  const groups = flavour.deviceProfile !== undefined && flavour.deviceProfile.groups.length > 0 ? flavour.deviceProfile.groups : undefined;
  return { classes: Int32Array.from(classes), amounts, metadata: Object.entries(flavour.requiredMetadata).sort(([a], [b]) => (a < b ? -1 : 1)), groups };
}

/**
 * Whether the flavour fits host h now, given whether its unit rules admit it there (`unitsOk`, see
 * UsageTracker.unitsOk): capacity of every class (the rest of NfviState.checkAdd), aggregate
 * metadata, devices.
 */
function fits(nfvi: NfviState, h: number, f: MixEntry, unitsOk: boolean): boolean {
  if (!unitsOk) return false;
  for (let k = 0; k < f.classes.length; k++) {
    const c = f.classes[k]!;
    if (capacityVerdict(nfvi.capacity(h, c), nfvi.used(h, c), f.amounts[c]!) !== ADD_OK) return false;
  }
  if (f.metadata.length > 0) for (const [key, value] of f.metadata) if (!nfvi.hasMetadata(h, key, value)) return false;
  if (f.groups !== undefined && (nfvi.accelerators === undefined || nfvi.accelerators.bindProblem(h, f.groups) !== null)) return false;
  return true;
}

/** The unit half of NfviState.checkAdd for every class of flavour f on host h (it changes only with an inventory). */
function unitsAdmit(nfvi: NfviState, h: number, f: MixEntry): boolean {
  for (let k = 0; k < f.classes.length; k++) {
    const c = f.classes[k]!;
    const inv = nfvi.inventory(h, c);
    const verdict = inv === undefined ? unitVerdict(false, 0, 0, 1, f.amounts[c]!) : unitVerdict(true, inv.minUnit, inv.maxUnit, inv.stepSize, f.amounts[c]!);
    if (verdict !== ADD_OK) return false;
  }
  return true;
}

/** Per zone and "all": exact integrals of used, capacity, free and stranded units. */
export class UsageTracker {
  private readonly groupNames: string[];
  /** "all" and the zones that have hosts: in group order (time series), and by name (summary). */
  private readonly groupsInUse: readonly number[];
  private readonly groupsSorted: readonly number[];
  /** Per host, the group moved besides "all": 1 + its zone index, or 0 (none) on a one-zone site. */
  private readonly zoneGroup: Int32Array;
  /** The group whose numbers are read from "all"'s slots: the only zone of a one-zone site, else none (-1). */
  private readonly mirroredGroup: number;
  /** Stranded classes counted: the resource classes, then accelerator types on sites with devices. */
  private readonly K: number;
  // Per host, the numbers last added to its groups (so a change moves the groups by a difference).
  private readonly hostUsed: Float64Array;
  private readonly hostCap: Float64Array;
  private readonly hostFree: Float64Array;
  private readonly hostStranded: Uint8Array;
  private readonly hostUsable: Uint8Array;
  // Per group (0 = all, 1 + zone index) and class: present totals, and for the integrals since the
  // warm-up the value at its start times its time (base) and the sum of jumps times their times.
  private readonly used: Float64Array;
  private readonly cap: Float64Array;
  private readonly free: Float64Array;
  private readonly stranded: Float64Array;
  private readonly usedBase: Float64Array;
  private readonly capBase: Float64Array;
  private readonly freeBase: Float64Array;
  private readonly strandedBase: Float64Array;
  private readonly usedJumps: Float64Array;
  private readonly capJumps: Float64Array;
  private readonly freeJumps: Float64Array;
  private readonly strandedJumps: Float64Array;
  /** The stranded share of free memory is not linear in the totals: integrated as rectangles per group. */
  private readonly shareArea: Float64Array;
  private readonly shareSinceMs: Float64Array;
  private readonly peakUsed: Float64Array;
  private readonly peakShare: Float64Array;
  private readonly seenFree: Uint8Array;
  private measuringSinceMs = -1;
  private readonly mix: ReadonlyArray<MixEntry>;
  /**
   * Per (host, flavour of the mix): 1 when the host's unit rules admit the flavour, valid for the
   * host's inventory epoch in `unitsEpoch` (-1: not yet computed). Speed device (bench: the e2e run of
   * erlang-loss.yaml, bench/README.md): the unit rules' floating-point step-size remainder was most
   * of the stranding test, which runs on about half of the host changes.
   */
  private readonly unitsOk: Uint8Array;
  private readonly unitsEpoch: Float64Array;

  constructor(
    private readonly nfvi: NfviState,
    mix: ReadonlyArray<FlavourSpec>,
    private readonly nowMs: () => number,
  ) {
    this.mix = mix.map(mixEntry);
    const zones = nfvi.topology.zones.map((z) => z.id as string);
    const H = nfvi.hostCount;
    const G = zones.length + 1;
    const K = (this.K = C + (nfvi.accelerators === undefined ? 0 : ACC_TYPES.length));
    this.groupNames = [ALL_ZONES, ...zones];
    this.zoneGroup = new Int32Array(H);
    for (let h = 0; h < H; h++) this.zoneGroup[h] = 1 + nfvi.zoneIndexOf(h);
    const hasHosts = new Set(this.zoneGroup);
    this.groupsInUse = [...this.groupNames.keys()].filter((g) => g === 0 || hasHosts.has(g));
    this.groupsSorted = [...this.groupsInUse].sort((a, b) => (this.groupNames[a]! < this.groupNames[b]! ? -1 : 1));
    // Speed device (bench: the e2e run of erlang-loss.yaml, bench/README.md): see the file comment.
    this.mirroredGroup = this.groupsInUse.length === 2 ? this.groupsInUse[1]! : -1;
    if (this.mirroredGroup >= 0) this.zoneGroup.fill(0);
    const f = (n: number) => new Float64Array(n);
    [this.hostUsed, this.hostCap, this.hostFree] = [f(H * C), f(H * C), f(H * K)];
    this.hostStranded = new Uint8Array(H);
    this.hostUsable = new Uint8Array(H);
    [this.used, this.cap, this.usedBase, this.capBase, this.usedJumps, this.capJumps, this.peakUsed, this.peakShare] = [f(G * C), f(G * C), f(G * C), f(G * C), f(G * C), f(G * C), f(G * C), f(G * C)];
    [this.free, this.stranded, this.freeBase, this.strandedBase, this.freeJumps, this.strandedJumps] = [f(G * K), f(G * K), f(G * K), f(G * K), f(G * K), f(G * K)];
    [this.shareArea, this.shareSinceMs] = [f(G), f(G)];
    this.seenFree = new Uint8Array(G * K);
    this.unitsOk = new Uint8Array(H * this.mix.length);
    this.unitsEpoch = new Float64Array(H).fill(-1);
    for (let h = 0; h < H; h++) this.update(h, 0);
  }

  /** Host h changed (called by the NFVI and its accelerator pool; hot path). */
  readonly hostChanged = (h: number): void => {
    this.update(h, this.nowMs());
  };

  /** The measured period starts now: integrals restart, peaks start from the present state. */
  startMeasuring(): void {
    const now = this.nowMs();
    this.measuringSinceMs = now;
    const restart = (base: Float64Array, jumps: Float64Array, value: Float64Array) => {
      for (let i = 0; i < value.length; i++) base[i] = value[i]! * now;
      jumps.fill(0);
    };
    restart(this.usedBase, this.usedJumps, this.used);
    restart(this.capBase, this.capJumps, this.cap);
    restart(this.freeBase, this.freeJumps, this.free);
    restart(this.strandedBase, this.strandedJumps, this.stranded);
    this.shareArea.fill(0);
    this.shareSinceMs.fill(now);
    this.peakUsed.fill(0);
    this.peakShare.fill(0);
    for (let i = 0; i < this.used.length; i++) this.raisePeak(i);
  }

  /** The present totals per zone (ALL_ZONES first), for the time series. */
  totals(): Map<string, ZoneTotals> {
    const out = new Map<string, ZoneTotals>();
    const K = this.K;
    for (const group of this.groupsInUse) {
      const g = this.slotsOf(group);
      out.set(this.groupNames[group]!, {
        used: this.used.slice(g * C, g * C + C),
        capacity: this.cap.slice(g * C, g * C + C),
        stranded: this.stranded.slice(g * K, g * K + C),
      });
    }
    return out;
  }

  /** zone → class → utilisation over the measured period up to `endMs` (zeros when it never started). */
  utilisation(endMs: number): Record<string, Record<string, ClassUtilisation>> {
    const out: Record<string, Record<string, ClassUtilisation>> = {};
    const measured = this.measuringSinceMs >= 0;
    const spanMs = this.spanMs(endMs);
    for (const group of this.groupsSorted) {
      const g = this.slotsOf(group);
      const classes: Record<string, ClassUtilisation> = {};
      RESOURCE_CLASSES.forEach((rc, c) => {
        const i = g * C + c;
        const capacity = this.cap[i]!;
        // A zero-length measured period is the present state.
        const meanUsed = !measured ? 0 : spanMs > 0 ? area(this.used, this.usedBase, this.usedJumps, i, endMs) / spanMs : this.used[i]!;
        const meanCap = !measured ? 0 : spanMs > 0 ? area(this.cap, this.capBase, this.capJumps, i, endMs) / spanMs : capacity;
        classes[rc] = {
          capacity,
          meanUsed: round(meanUsed),
          peakUsed: measured ? this.peakUsed[i]! : 0,
          meanUtilisation: meanCap > 0 ? round(meanUsed / meanCap) : 0,
          peakUtilisation: measured ? round(this.peakShare[i]!) : 0,
        };
      });
      out[this.groupNames[group]!] = classes;
    }
    return out;
  }

  /** zone → stranded capacity over the measured period up to `endMs`. */
  fragmentation(endMs: number): Record<string, ZoneFragmentation> {
    const out: Record<string, ZoneFragmentation> = {};
    const K = this.K;
    const measured = this.measuringSinceMs >= 0;
    const spanMs = this.spanMs(endMs);
    for (const group of this.groupsSorted) {
      const g = this.slotsOf(group);
      const byClass: Record<string, StrandedClass> = {};
      for (let k = 0; k < K; k++) {
        const i = g * K + k;
        if (this.seenFree[i] === 0) continue;
        const strandedArea = spanMs > 0 ? area(this.stranded, this.strandedBase, this.strandedJumps, i, endMs) : this.stranded[i]!;
        const freeArea = spanMs > 0 ? area(this.free, this.freeBase, this.freeJumps, i, endMs) : this.free[i]!;
        byClass[STRANDED_CLASSES[k]!] = {
          meanStranded: !measured ? 0 : round(spanMs > 0 ? strandedArea / spanMs : strandedArea),
          meanStrandedShareOfFree: measured && freeArea > 0 ? round(strandedArea / freeArea) : 0,
          lastStranded: this.stranded[i]!,
        };
      }
      const m = g * K + MEMORY;
      const shareNow = shareOf(this.stranded[m]!, this.free[m]!);
      const memShare = !measured ? 0 : spanMs > 0 ? (this.shareArea[g]! + shareNow * (endMs - this.shareSinceMs[g]!)) / spanMs : shareNow;
      out[this.groupNames[group]!] = { meanStrandedShareOfFree: round(memShare), lastStranded: this.stranded[m]!, byClass };
    }
    return out;
  }

  /**
   * ∫ of the site's used units (or capacity) of class c from the warm-up's end to `tMs`, by the same
   * formula as utilisation(): exact as long as no change after `tMs` has been recorded (the window
   * tracker asks at a window's edge before the next change). Call only after the warm-up ended.
   */
  siteArea(which: "used" | "capacity", c: number, tMs: number): number {
    return which === "used" ? area(this.used, this.usedBase, this.usedJumps, c, tMs) : area(this.cap, this.capBase, this.capJumps, c, tMs);
  }

  /** The site's used units of class c now. */
  siteUsed(c: number): number {
    return this.used[c]!;
  }

  /** The site's capacity of class c now. */
  siteCapacity(c: number): number {
    return this.cap[c]!;
  }

  /** The group whose slots hold group g's numbers ("all"'s for the mirrored zone). */
  private slotsOf(g: number): number {
    return g === this.mirroredGroup ? 0 : g;
  }

  private spanMs(endMs: number): number {
    return this.measuringSinceMs < 0 ? 0 : Math.max(0, endMs - this.measuringSinceMs);
  }

  /** Reads host h afresh and moves "all" and its zone by the difference from its cached numbers, at `now`. */
  private update(h: number, now: number): void {
    const nfvi = this.nfvi;
    const z = this.zoneGroup[h]!;
    const usable = nfvi.isUsable(h);
    const wasStranded = this.hostStranded[h] === 1;
    const t = this.measuringSinceMs >= 0 ? now : 0;
    let more = false; // some class has less room than before (usage up or capacity down)
    let less = false; // some class has more room than before
    for (let c = 0; c < C; c++) {
      const i = h * C + c;
      const used = nfvi.used(h, c);
      const cap = nfvi.capacity(h, c);
      const du = used - this.hostUsed[i]!;
      const dc = cap - this.hostCap[i]!;
      if (du !== 0) {
        this.hostUsed[i] = used;
        jump(this.used, this.usedJumps, c, z * C + c, du, t);
      }
      if (dc !== 0) {
        this.hostCap[i] = cap;
        jump(this.cap, this.capJumps, c, z * C + c, dc, t);
      }
      if (du > 0 || dc < 0) {
        more = true;
        this.raisePeak(c);
        if (z !== 0) this.raisePeak(z * C + c);
      } else if (du < 0 || dc > 0) less = true;
    }
    const stranded = usable && this.strandedNow(h, wasStranded, usable !== (this.hostUsable[h] === 1), more, less);
    this.hostUsable[h] = usable ? 1 : 0;
    for (let c = 0; c < C; c++) this.moveFree(h, z, c, usable ? Math.max(0, this.hostCap[h * C + c]! - this.hostUsed[h * C + c]!) : 0, stranded, wasStranded, t);
    const acc = nfvi.accelerators;
    if (acc !== undefined) for (let k = C; k < this.K; k++) this.moveFree(h, z, k, usable ? acc.freeOfType(h, ACC_TYPES[k - C]!) : 0, stranded, wasStranded, t);
    this.hostStranded[h] = stranded ? 1 : 0;
  }

  /**
   * Whether usable host h is stranded now. Fitting is monotone in free room (the capacity rule; the
   * unit rules and metadata do not depend on usage), so a change that only took room cannot unstrand
   * a host and one that only gave room cannot strand it: the mix is tested only when the answer can
   * have changed (the Erlang run skips about half of the tests). Devices, a state change, a change
   * of nothing (metadata) and a new inventory since the last test (its unit rules, e.g. a step size,
   * may admit less with more room) are always tested.
   */
  private strandedNow(h: number, wasStranded: boolean, usableChanged: boolean, more: boolean, less: boolean): boolean {
    if (this.nfvi.accelerators === undefined && !usableChanged && this.unitsEpoch[h] === this.nfvi.inventoryEpoch(h)) {
      if (more && !less && wasStranded) return true;
      if (less && !more && !wasStranded) return false;
    }
    return !this.fitsAny(h);
  }

  /** Host h's free units of stranded class k are now `free`: moves the free and stranded totals of "all" and zone z. */
  private moveFree(h: number, z: number, k: number, free: number, stranded: boolean, wasStranded: boolean, t: number): void {
    const K = this.K;
    const i = h * K + k;
    const before = this.hostFree[i]!;
    const dFree = free - before;
    const dStranded = (stranded ? free : 0) - (wasStranded ? before : 0);
    if (dFree === 0 && dStranded === 0) return;
    if (k === MEMORY && this.measuringSinceMs >= 0) {
      this.closeShare(0, t);
      if (z !== 0) this.closeShare(z, t);
    }
    if (dFree !== 0) {
      this.hostFree[i] = free;
      jump(this.free, this.freeJumps, k, z * K + k, dFree, t);
      if (free > 0 && this.seenFree[z * K + k] === 0) this.seenFree[k] = this.seenFree[z * K + k] = 1;
    }
    if (dStranded !== 0) jump(this.stranded, this.strandedJumps, k, z * K + k, dStranded, t);
  }

  /** Adds group g's stranded share of free memory from its last change up to `now`. */
  private closeShare(g: number, now: number): void {
    const m = g * this.K + MEMORY;
    this.shareArea[g]! += shareOf(this.stranded[m]!, this.free[m]!) * (now - this.shareSinceMs[g]!);
    this.shareSinceMs[g] = now;
  }

  private fitsAny(h: number): boolean {
    const nfvi = this.nfvi;
    const M = this.mix.length;
    if (this.unitsEpoch[h] !== nfvi.inventoryEpoch(h)) {
      for (let m = 0; m < M; m++) this.unitsOk[h * M + m] = unitsAdmit(nfvi, h, this.mix[m]!) ? 1 : 0;
      this.unitsEpoch[h] = nfvi.inventoryEpoch(h);
    }
    for (let m = 0; m < M; m++) if (fits(nfvi, h, this.mix[m]!, this.unitsOk[h * M + m] === 1)) return true;
    return false;
  }

  /** Raises the peak of one (group, class) slot after its usage rose or its capacity fell. */
  private raisePeak(i: number): void {
    if (this.measuringSinceMs < 0) return;
    const used = this.used[i]!;
    if (used > this.peakUsed[i]!) this.peakUsed[i] = used;
    const cap = this.cap[i]!;
    const share = cap > 0 ? used / cap : 0;
    if (share > this.peakShare[i]!) this.peakShare[i] = share;
  }
}

/**
 * Moves slot `all` and slot `zone` of `value` by `d` at time t, recording the jump (t is 0 before the
 * warm-up ends); `zone` is `all` itself on a one-zone site, moved once.
 */
function jump(value: Float64Array, jumps: Float64Array, all: number, zone: number, d: number, t: number): void {
  value[all]! += d;
  if (zone !== all) value[zone]! += d;
  if (t === 0) return;
  jumps[all]! += d * t;
  if (zone !== all) jumps[zone]! += d * t;
}

/** ∫ from the warm-up's end t0 to T of a piecewise-constant slot: v(T)·T − v(t0)·t0 − Σ dᵢ·tᵢ. */
const area = (value: Float64Array, base: Float64Array, jumps: Float64Array, i: number, endMs: number): number => value[i]! * endMs - base[i]! - jumps[i]!;

const shareOf = (stranded: number, free: number): number => (free > 0 ? stranded / free : 0);

/** Rounds to 9 significant decimals so reports do not depend on the last bits of a float sum. */
const round = (x: number): number => Math.round(x * 1e9) / 1e9;
