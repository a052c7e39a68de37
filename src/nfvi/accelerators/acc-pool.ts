/**
 * The NFVI's accelerator table: every device of every host with its attach handles (free or bound to
 * one consumer), its loaded image and its state, plus per-host free-handle counts per type so that
 * placement rejects most hosts without looking at their devices.
 *
 * One allocation rule (`pick`) serves both the dry run placement asks (`canBind`) and the claim
 * (`bind`): they cannot disagree. Handles are taken in (device order, handle order), lowest first.
 */
import { ACC_TYPES, InvariantViolation, type AccRequestGroup, type AccType } from "../../domain/index.js";
import type { AcceleratorSpec, AccImageSpec } from "./acc-spec.js";

/** ENABLED takes new bindings; PROGRAMMING is an image onload in flight; DISABLED is faulty. */
export const DEVICE_STATES = ["ENABLED", "PROGRAMMING", "DISABLED"] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

const TYPE_COUNT = ACC_TYPES.length;
const typeIndex = (t: AccType): number => ACC_TYPES.indexOf(t);

/** A device's run-time record (IFA 019 AccResourceInfo). */
export interface Device {
  readonly no: number;
  readonly id: string;
  readonly hostIndex: number;
  readonly spec: AcceleratorSpec;
  functions: readonly string[];
  imageId: string | undefined;
  state: DeviceState;
  /** Consumer id per handle, null when free (INV-F1: at most one consumer per handle). */
  readonly boundTo: (string | null)[];
  boundCount: number;
}

/** One bound handle: device number and handle number. */
export interface HandleRef {
  readonly device: number;
  readonly handle: number;
}

/** What placement reads (through NfviView.accelerators). */
export interface AcceleratorView {
  /** Why the host cannot take `groups` ("insufficient FPGA handles"), or null when it can. */
  bindProblem(h: number, groups: readonly AccRequestGroup[]): string | null;
  /** Free handles of enabled devices of `type` on host h. */
  freeOfType(h: number, type: AccType): number;
}

const REASONS: ReadonlyMap<AccType, string> = new Map(ACC_TYPES.map((t) => [t, `insufficient ${t} handles`]));

function distinctTypes(groups: readonly AccRequestGroup[]): boolean {
  for (let i = 1; i < groups.length; i++) for (let j = 0; j < i; j++) if (groups[i]!.type === groups[j]!.type) return false;
  return true;
}

/** Does the device offer what the group asks (type, function, image)? State is not considered. */
export function deviceMatches(d: Device, g: AccRequestGroup): boolean {
  if (d.spec.type !== g.type) return false;
  if (g.function !== undefined && !d.functions.includes(g.function)) return false;
  return g.imageId === undefined || d.imageId === g.imageId;
}

export class AcceleratorPool implements AcceleratorView {
  readonly devices: Device[] = [];
  private readonly byHost: number[][];
  private readonly freeByType: Int32Array;
  private readonly images: ReadonlyMap<string, AccImageSpec>;
  /** Handles taken per device during one `pick` (scratch, zeroed after use). */
  private readonly taken: Int32Array;
  /**
   * Free-handle counts per host for each (type, function, image) placement has asked about: a "match
   * key", registered on first use, kept exact on every bind, release, state change and onload.
   */
  private readonly matchKeys: { readonly group: AccRequestGroup; readonly free: Int32Array }[] = [];
  private readonly keyByText = new Map<string, number>();
  private readonly keyOfGroup = new WeakMap<AccRequestGroup, number>();
  /** Bumped by every change of a handle, a device state or an image: stale placement answers see it. */
  version = 0;
  /** Called after every change of a host's devices (binding, state, image); it must only read the pool. */
  onHostChanged: ((h: number) => void) | undefined = undefined;
  /** Match keys each device counts towards (by device number). */
  private deviceKeys: number[][] = [];

  constructor(
    private readonly hostIds: readonly string[],
    private readonly specs: ReadonlyArray<readonly AcceleratorSpec[]>,
    images: readonly AccImageSpec[],
  ) {
    this.byHost = hostIds.map(() => []);
    this.freeByType = new Int32Array(hostIds.length * TYPE_COUNT);
    this.images = new Map(images.map((i) => [i.id, i]));
    for (let h = 0; h < hostIds.length; h++) {
      for (const spec of specs[h] ?? []) this.addDevice(h, `${hostIds[h]}/${spec.name}`, spec);
    }
    this.taken = new Int32Array(this.devices.length);
    this.deviceKeys = this.devices.map(() => []);
  }

  /**
   * A detached copy for dry runs (the N+1 headroom): the same devices, images, functions, states and
   * bound handles; no onHostChanged. Nothing done to it reaches this pool.
   */
  detachedCopy(): AcceleratorPool {
    const copy = new AcceleratorPool(this.hostIds, this.specs, [...this.images.values()]);
    for (const d of this.devices) {
      const c = copy.devices[d.no]!;
      c.functions = d.functions;
      c.imageId = d.imageId;
      d.boundTo.forEach((consumer, handle) => {
        if (consumer !== null) copy.setHandle({ device: d.no, handle }, consumer);
      });
      copy.setState(d.no, d.state);
    }
    return copy;
  }

  private addDevice(h: number, id: string, spec: AcceleratorSpec): void {
    const image = spec.imageId === undefined ? undefined : this.images.get(spec.imageId);
    const d: Device = {
      no: this.devices.length,
      id,
      hostIndex: h,
      spec,
      functions: image?.functions ?? spec.functions,
      imageId: spec.imageId,
      state: "ENABLED",
      boundTo: new Array<string | null>(spec.handles).fill(null),
      boundCount: 0,
    };
    this.devices.push(d);
    this.byHost[h]!.push(d.no);
    this.freeByType[h * TYPE_COUNT + typeIndex(spec.type)]! += spec.handles;
  }

  get hostCount(): number {
    return this.byHost.length;
  }

  /** Device numbers of host h, in spec order. */
  devicesOf(h: number): readonly number[] {
    return this.byHost[h] ?? [];
  }

  device(no: number): Device | undefined {
    return this.devices[no];
  }

  image(id: string): AccImageSpec | undefined {
    return this.images.get(id);
  }

  freeOfType(h: number, type: AccType): number {
    return this.freeByType[h * TYPE_COUNT + typeIndex(type)] ?? 0;
  }

  bindProblem(h: number, groups: readonly AccRequestGroup[]): string | null {
    // Groups of distinct types cannot compete for a device: counting matching free handles per group
    // (in group order, as `pick` goes) is then exactly what `pick` would find, without building it.
    if (distinctTypes(groups)) {
      for (const g of groups) if (this.freeMatching(h, g) < g.count) return REASONS.get(g.type)!;
      return null;
    }
    const picked = this.pick(h, groups);
    return typeof picked === "string" ? picked : null;
  }

  /** Free handles on host h's enabled devices matching the group: a counter lookup. */
  private freeMatching(h: number, g: AccRequestGroup): number {
    if (g.function === undefined && g.imageId === undefined) return this.freeOfType(h, g.type);
    return this.matchKeys[this.matchKey(g)]!.free[h]!;
  }

  /** The match key of a group (registered on first use: one scan of the devices). */
  private matchKey(g: AccRequestGroup): number {
    const known = this.keyOfGroup.get(g);
    if (known !== undefined) return known;
    const text = `${g.type}|${g.function ?? ""}|${g.imageId ?? ""}`;
    let k = this.keyByText.get(text);
    if (k === undefined) {
      k = this.matchKeys.length;
      const key = { group: { type: g.type, count: 1, ...(g.function === undefined ? {} : { function: g.function }), ...(g.imageId === undefined ? {} : { imageId: g.imageId }) }, free: new Int32Array(this.hostCount) };
      this.matchKeys.push(key);
      this.keyByText.set(text, k);
      for (const d of this.devices) {
        if (!deviceMatches(d, key.group)) continue;
        this.deviceKeys[d.no]!.push(k);
        if (d.state === "ENABLED") key.free[d.hostIndex]! += d.spec.handles - d.boundCount;
      }
    }
    this.keyOfGroup.set(g, k);
    return k;
  }

  /** Adds `delta` free handles of device d to every match key it counts towards. */
  private adjustKeys(d: Device, delta: number): void {
    for (const k of this.deviceKeys[d.no]!) this.matchKeys[k]!.free[d.hostIndex]! += delta;
  }

  /** Free handles per match key recounted from the devices (for the invariant check). */
  keyCountProblem(): string | null {
    for (const key of this.matchKeys) {
      const expected = new Int32Array(this.hostCount);
      for (const d of this.devices) if (d.state === "ENABLED" && deviceMatches(d, key.group)) expected[d.hostIndex]! += d.spec.handles - d.boundCount;
      for (let h = 0; h < this.hostCount; h++) if (expected[h] !== key.free[h]) return `INV-F1: host ${h} free count of ${JSON.stringify(key.group)} is stale`;
    }
    return null;
  }

  /**
   * Binds handles for every group on host h, all or nothing: the i-th handle picked (groups in order,
   * `count` each) goes to `consumers[i]`. Returns the handles, or the countable reason none were taken.
   */
  bind(h: number, groups: readonly AccRequestGroup[], consumers: readonly string[]): HandleRef[] | string {
    const picked = this.pick(h, groups);
    if (typeof picked === "string") return picked;
    if (picked.length !== consumers.length) throw new InvariantViolation("INV-F1", `${picked.length} handles picked for ${consumers.length} consumers`);
    picked.forEach((ref, i) => this.setHandle(ref, consumers[i]!));
    return picked;
  }

  /** Binds one given free handle of an enabled device (AllocateAccResource naming a device). */
  bindHandle(ref: HandleRef, consumer: string): void {
    this.setHandle(ref, consumer);
  }

  /** Frees a handle bound to `consumer`; false (nothing changed) when it is not bound to it. */
  release(ref: HandleRef, consumer: string): boolean {
    const d = this.devices[ref.device];
    if (d === undefined || d.boundTo[ref.handle] !== consumer) return false;
    this.setHandle(ref, null);
    return true;
  }

  /** Moves a device to `state`, keeping the free counts (only ENABLED devices count) exact. */
  setState(no: number, state: DeviceState): void {
    const d = this.devices[no]!;
    if (d.state === state) return;
    this.version++;
    const free = d.spec.handles - d.boundCount;
    const slot = d.hostIndex * TYPE_COUNT + typeIndex(d.spec.type);
    if (d.state === "ENABLED") {
      this.freeByType[slot]! -= free;
      this.adjustKeys(d, -free);
    }
    if (state === "ENABLED") {
      this.freeByType[slot]! += free;
      this.adjustKeys(d, free);
    }
    d.state = state;
    this.onHostChanged?.(d.hostIndex);
  }

  /** Completes an image onload: the device now offers the image's functions (INV-F5). */
  loadImage(no: number, image: AccImageSpec): void {
    const d = this.devices[no]!;
    if (d.boundCount > 0) throw new InvariantViolation("INV-F5", `image loaded on ${d.id} while ${d.boundCount} handle(s) are bound`);
    this.version++;
    // The device's match keys follow its new functions; it counts for them only while ENABLED.
    const free = d.state === "ENABLED" ? d.spec.handles : 0;
    this.adjustKeys(d, -free);
    d.imageId = image.id;
    d.functions = image.functions;
    this.deviceKeys[d.no] = this.matchKeys.flatMap((key, k) => (deviceMatches(d, key.group) ? [k] : []));
    this.adjustKeys(d, free);
    this.onHostChanged?.(d.hostIndex);
  }

  private setHandle(ref: HandleRef, consumer: string | null): void {
    const d = this.devices[ref.device]!;
    const was = d.boundTo[ref.handle];
    if ((was === null) === (consumer === null)) throw new InvariantViolation("INV-F1", `handle ${d.id}#${ref.handle} is ${was ?? "free"}, cannot set ${consumer ?? "free"}`);
    d.boundTo[ref.handle] = consumer;
    this.version++;
    const delta = consumer === null ? -1 : 1;
    d.boundCount += delta;
    if (d.state === "ENABLED") {
      this.freeByType[d.hostIndex * TYPE_COUNT + typeIndex(d.spec.type)]! -= delta;
      this.adjustKeys(d, -delta);
    }
    this.onHostChanged?.(d.hostIndex);
  }

  /** The handles `bind` would take (enabled, matching devices, lowest first), or the first group's reason. */
  private pick(h: number, groups: readonly AccRequestGroup[]): HandleRef[] | string {
    const out: HandleRef[] = [];
    const devices = this.devicesOf(h);
    let problem: string | null = null;
    for (const g of groups) {
      let need = g.count;
      for (let i = 0; i < devices.length && need > 0; i++) {
        const d = this.devices[devices[i]!]!;
        if (d.state !== "ENABLED" || !deviceMatches(d, g)) continue;
        for (let k = 0; k < d.boundTo.length && need > 0; k++) {
          if (d.boundTo[k] !== null || this.takenBelow(d, k)) continue;
          out.push({ device: d.no, handle: k });
          this.taken[d.no]!++;
          need--;
        }
      }
      if (need > 0) {
        problem = REASONS.get(g.type)!;
        break;
      }
    }
    for (const ref of out) this.taken[ref.device] = 0;
    return problem ?? out;
  }

  /** Was free handle k of d already picked in this `pick`? Picks take free handles in order. */
  private takenBelow(d: Device, k: number): boolean {
    const taken = this.taken[d.no]!;
    if (taken === 0) return false;
    let freeBefore = 0;
    for (let j = 0; j < k; j++) if (d.boundTo[j] === null) freeBefore++;
    return freeBefore < taken;
  }
}

/** INV-F1 over the whole table: bound counts and the per-host free counts agree with the handles. */
export function checkAcceleratorPool(pool: AcceleratorPool): string | null {
  const expected = new Int32Array(pool.hostCount * TYPE_COUNT);
  for (const d of pool.devices) {
    const bound = d.boundTo.filter((c) => c !== null).length;
    if (bound !== d.boundCount) return `INV-F1: ${d.id} counts ${d.boundCount} bound handles but holds ${bound}`;
    if (bound > d.spec.handles) return `INV-F1: ${d.id} has ${bound} bound of ${d.spec.handles}`;
    if (d.state === "ENABLED") expected[d.hostIndex * TYPE_COUNT + typeIndex(d.spec.type)]! += d.spec.handles - bound;
  }
  const keys = pool.keyCountProblem();
  if (keys !== null) return keys;
  for (let h = 0; h < pool.hostCount; h++) {
    for (const t of ACC_TYPES) {
      if (pool.freeOfType(h, t) !== expected[h * TYPE_COUNT + typeIndex(t)]) return `INV-F1: host ${h} free ${t} count is stale`;
    }
  }
  return null;
}
