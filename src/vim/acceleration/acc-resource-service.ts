/**
 * IFA 019 (VIM ↔ NFVI acceleration resource management) over the NFVI accelerator table:
 * AllocateAccResource, ReleaseAccResource, QueryAccResource, Get/ResetAccStatistics, Subscribe,
 * Unsubscribe, Notify (alarms), GetAlarmInfo, AccResourcesDiscovery and OnloadAccImage, plus the ARQ
 * life cycle the compute service drives for servers with a device profile.
 *
 * Every state change is one log record (entity "arq" or "accelerator") with before/after, and a
 * change notification when someone listens. Every refusal is a typed error and changes nothing.
 * accResourceId names a device (`<host>/<name>`) in queries and onload; AllocateAccResource returns
 * the id of the ARQ it bound, which ReleaseAccResource takes.
 */
import { domainError, fail, ok, type AccRequestGroup, type Result } from "../../domain/index.js";
import type { Simulation } from "../../kernel/index.js";
import { LogText, type EventLog } from "../../metrics/index.js";
import type { AcceleratorPool, Device, HandleRef } from "../../nfvi/index.js";
import { ChangeNotifier } from "../change/change-notifier.js";
import { changeNotification } from "../change/change-types.js";
import { AccAlarmBoard, type AccAlarm, type AccAlarmFilter, type AccNotifyConsumer } from "./acc-alarms.js";
import { accResourceInfo, matchesAccFilter, type AccFilter, type AccResourceInfo } from "./acc-info.js";
import { AccStatisticsTable, ACC_STATISTICS, type AccStatistic } from "./acc-statistics.js";
import { arqSnapshot, expandGroups, type Arq } from "./arq.js";
import { arqTransition, holdsHandles, type ArqOp, type ArqState } from "./arq-machine.js";

const ARQ_PREFIX = "arq-";
/** Record texts of ARQ changes, hashed once (the hot path logs several per server). */
const ARQ_TEXT = new LogText("arq");
const ARQ_PREFIX_TEXT = new LogText(ARQ_PREFIX);
const ARQ_OPS_TEXT = new Map(["create", "bind.start", "bind.complete", "bind.fail", "unbind", "delete"].map((op) => [op, new LogText(op)] as const));

/** Told of every ARQ state change (after it), e.g. to keep time-weighted utilisation. */
export interface ArqListener {
  onArqMoved(a: Arq, device: Device | undefined, from: ArqState | null, to: ArqState): void;
}

/** The target of AllocateAccResource: a server and the host it runs on (IFA attachTargetInfo). */
export interface AttachTarget {
  readonly consumer: string;
  readonly hostIndex: number;
}

export class AccelerationService {
  readonly alarms = new AccAlarmBoard();
  readonly stats: AccStatisticsTable;
  /** Live ARQs by number (ids are arq-<n>, never reused): a dense array, no hash-map churn. */
  private readonly arqs: Array<Arq | undefined> = [];
  private liveArqs = 0;
  private readonly byConsumer = new Map<string, Arq[]>();
  private readonly deviceById: ReadonlyMap<string, Device>;
  private nextArqNo = 1;
  /** Simulated ms devices spent programming (reports: reprogramming time lost). */
  programmingMs = 0;
  /** Bind failures by countable reason (reports). */
  readonly bindFailures = new Map<string, number>();
  /** Onloads refused (bound handles, wrong state) and handle-ms lost to programming (reports). */
  onloadsRefused = 0;
  handleMsLostToProgramming = 0;
  listener: ArqListener | undefined;

  constructor(
    private readonly sim: Simulation,
    readonly pool: AcceleratorPool,
    private readonly hostIdOf: (h: number) => string,
    private readonly log: EventLog,
    private readonly notifier: ChangeNotifier = new ChangeNotifier(),
  ) {
    this.deviceById = new Map(pool.devices.map((d) => [d.id, d]));
    this.stats = new AccStatisticsTable(pool.devices.length);
  }

  /** A device by IFA accResourceId. */
  device(accResourceId: string): Device | undefined {
    return this.deviceById.get(accResourceId);
  }

  arq(id: string): Arq | undefined {
    return id.startsWith(ARQ_PREFIX) ? this.arqs[Number(id.slice(ARQ_PREFIX.length))] : undefined;
  }

  /** Live ARQs of a consumer, in creation order. */
  arqsOf(consumer: string): readonly Arq[] {
    return this.byConsumer.get(consumer) ?? [];
  }

  /** Does the consumer hold any ARQ? */
  hasArqs(consumer: string): boolean {
    return this.byConsumer.has(consumer);
  }

  /** Consumers ever given an ARQ by AllocateAccResource (not through a device profile). */
  directConsumers = 0;

  /** Every live ARQ, in creation order. */
  allArqs(): Arq[] {
    return this.liveArqs === 0 ? [] : this.arqs.filter((a): a is Arq => a !== undefined);
  }

  /** Creates one Initial ARQ per requested handle (Nova creates them before scheduling). */
  createArqs(consumer: string, profile: string, groups: readonly AccRequestGroup[]): Arq[] {
    const made = expandGroups(groups).map((group) => {
      const no = this.nextArqNo++;
      const a: Arq = { no, id: `${ARQ_PREFIX}${no}`, consumer, profile, group, state: "Initial", handle: undefined, hostIndex: -1 };
      this.arqs[no] = a;
      this.liveArqs++;
      this.recordArq(a, "create", null);
      return a;
    });
    const list = this.byConsumer.get(consumer);
    if (list === undefined) this.byConsumer.set(consumer, [...made]);
    else list.push(...made);
    return made;
  }

  /**
   * Binds the ARQs on host h, all or nothing (BindStarted): WRONG_STATE if one cannot start a bind,
   * NO_VALID_HOST with the countable reason if the host lacks matching handles. Nothing changes then.
   */
  bindArqs(arqs: readonly Arq[], h: number): Result<void> {
    const stuck = arqs.find((a) => arqTransition(a.state, "bind.start") === undefined);
    if (stuck !== undefined) return fail(domainError("WRONG_STATE", `${stuck.id} cannot start binding in state ${stuck.state}`));
    const handles = this.pool.bind(h, arqs.map((a) => a.group), arqs.map((a) => a.id));
    if (typeof handles === "string") {
      this.bindFailures.set(handles, (this.bindFailures.get(handles) ?? 0) + 1);
      return fail(domainError("NO_VALID_HOST", `${this.hostIdOf(h)}: ${handles}`, { [handles]: 1 }));
    }
    arqs.forEach((a, i) => this.startBind(a, h, handles[i]!));
    return ok(undefined);
  }

  /** BindStarted → Bound (Cyborg's accelerator-request-bound event). */
  completeBind(a: Arq): Result<void> {
    return this.move(a, "bind.complete");
  }

  /** → BindFailed, freeing the handle (a device fault during or after the bind). */
  failBind(a: Arq, reason: string): Result<void> {
    const moved = this.move(a, "bind.fail");
    if (moved.ok) this.bindFailures.set(reason, (this.bindFailures.get(reason) ?? 0) + 1);
    return moved;
  }

  /** → Deleting, and the ARQ is gone; its handle, if any, is free in the same step (INV-F4). */
  deleteArq(a: Arq): Result<void> {
    const moved = this.move(a, "delete");
    if (!moved.ok) return moved;
    this.arqs[a.no] = undefined;
    this.liveArqs--;
    const list = this.byConsumer.get(a.consumer) ?? [];
    const at = list.indexOf(a);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) this.byConsumer.delete(a.consumer);
    return ok(undefined);
  }

  /** Deletes every ARQ of a consumer (instance delete, failed build; INV-J1). */
  deleteAllOf(consumer: string): void {
    const list = this.byConsumer.get(consumer);
    if (list === undefined) return;
    for (const a of list.slice()) this.deleteArq(a);
  }

  /** IFA 019 AllocateAccResource: binds one handle matching `group` (on `accResourceId` if given) to a running target. */
  allocateAccResource(target: AttachTarget, group: Omit<AccRequestGroup, "count">, accResourceId?: string): Result<string> {
    if (target.hostIndex < 0 || target.hostIndex >= this.pool.hostCount) return fail(domainError("WRONG_STATE", `${target.consumer} has no host`));
    if (accResourceId !== undefined) {
      const d = this.deviceById.get(accResourceId);
      if (d === undefined) return fail(domainError("NOT_FOUND", `accelerator ${accResourceId} does not exist`));
      if (d.hostIndex !== target.hostIndex) {
        return fail(domainError("INVALID_ARGUMENT", `accelerator ${accResourceId} is on ${this.hostIdOf(d.hostIndex)}, ${target.consumer} on ${this.hostIdOf(target.hostIndex)}`));
      }
    }
    const wanted: AccRequestGroup = { ...group, count: 1 };
    const problem = accResourceId === undefined ? this.pool.bindProblem(target.hostIndex, [wanted]) : this.deviceProblem(accResourceId, wanted);
    if (problem !== null) return fail(domainError("EXHAUSTED", `${this.hostIdOf(target.hostIndex)}: ${problem}`, { [problem]: 1 }));
    if (!this.byConsumer.has(target.consumer)) this.directConsumers++;
    const [a] = this.createArqs(target.consumer, "", [wanted]);
    this.bindOnDevice(a!, target.hostIndex, accResourceId);
    this.completeBind(a!);
    return ok(a!.id);
  }

  /** IFA 019 ReleaseAccResource: NOT_FOUND for an unknown ARQ, WRONG_STATE when it holds no handle. */
  releaseAccResource(arqId: string): Result<void> {
    const a = this.arq(arqId);
    if (a === undefined) return fail(domainError("NOT_FOUND", `accelerator request ${arqId} does not exist`));
    if (!holdsHandles(a.state)) return fail(domainError("WRONG_STATE", `accelerator request ${arqId} is ${a.state}: no handle is bound`));
    const device = a.handle!.device;
    this.move(a, "unbind");
    this.stats.add(device, "releases");
    return this.deleteArq(a);
  }

  /** IFA 019 QueryAccResource: the devices of a host matching the filter, in device order. */
  queryAccResource(hostId: string, filter: AccFilter = {}): Result<AccResourceInfo[]> {
    const h = this.hostIndex(hostId);
    if (h < 0) return fail(domainError("NOT_FOUND", `host ${hostId} does not exist`));
    return ok(this.pool.devicesOf(h).map((no) => this.pool.device(no)!).filter((d) => matchesAccFilter(d, filter)).map((d) => accResourceInfo(d, hostId)));
  }

  /**
   * IFA 019 AccResourcesDiscovery: (re)reads the host's devices. After a repair the disabled devices
   * come back ENABLED and their alarms clear; the result is the host's full inventory.
   */
  accResourcesDiscovery(hostId: string): Result<AccResourceInfo[]> {
    const h = this.hostIndex(hostId);
    if (h < 0) return fail(domainError("NOT_FOUND", `host ${hostId} does not exist`));
    for (const no of this.pool.devicesOf(h)) this.enable(this.pool.device(no)!, hostId);
    return this.queryAccResource(hostId);
  }

  /**
   * One repaired device found again (AccResourcesDiscovery of that device only): ENABLED, its alarm
   * cleared. The host's other disabled devices stay as they are (each fault has its own repair).
   */
  repairDevice(accResourceId: string): Result<void> {
    const d = this.deviceById.get(accResourceId);
    if (d === undefined) return fail(domainError("NOT_FOUND", `accelerator ${accResourceId} does not exist`));
    if (d.state !== "DISABLED") return fail(domainError("WRONG_STATE", `accelerator ${accResourceId} is ${d.state}, not DISABLED`));
    this.enable(d, this.hostIdOf(d.hostIndex));
    return ok(undefined);
  }

  private enable(d: Device, hostId: string): void {
    if (d.state !== "DISABLED") return;
    const before = accResourceInfo(d, hostId);
    this.pool.setState(d.no, "ENABLED");
    this.alarms.clear(d.id, this.sim.nowMs);
    this.record("accelerator", d.id, "enable", before, accResourceInfo(d, hostId));
  }

  /** IFA 019 GetAccStatistics: selected counters of the selected devices of a host, by device id. */
  getAccStatistics(hostId: string, filter: AccFilter = {}, selector: readonly AccStatistic[] = []): Result<Record<string, Record<string, number>>> {
    const devices = this.selectDevices(hostId, filter, selector);
    if (!devices.ok) return devices;
    return ok(Object.fromEntries(devices.value.map((d) => [d.id, this.stats.get(d.no, selector)])));
  }

  /** IFA 019 ResetAccStatistics: the selected counters of the selected devices read 0 from now. */
  resetAccStatistics(hostId: string, filter: AccFilter = {}, selector: readonly AccStatistic[] = []): Result<void> {
    const devices = this.selectDevices(hostId, filter, selector);
    if (!devices.ok) return devices;
    for (const d of devices.value) this.stats.reset(d.no, selector);
    return ok(undefined);
  }

  /** IFA 019 Subscribe (accelerator alarms of one host). */
  subscribe(hostId: string, filter: AccAlarmFilter, consumer: AccNotifyConsumer): Result<string> {
    if (this.hostIndex(hostId) < 0) return fail(domainError("NOT_FOUND", `host ${hostId} does not exist`));
    return ok(this.alarms.subscribe(hostId, filter, consumer));
  }

  /** IFA 019 Unsubscribe. */
  unsubscribe(hostId: string, subscriptionId: string): Result<void> {
    return this.alarms.unsubscribe(hostId, subscriptionId);
  }

  /** IFA 019 GetAlarmInfo. */
  getAlarmInfo(hostId: string, filter: AccAlarmFilter = {}): Result<AccAlarm[]> {
    if (this.hostIndex(hostId) < 0) return fail(domainError("NOT_FOUND", `host ${hostId} does not exist`));
    return ok(this.alarms.alarmInfo(hostId, filter));
  }

  /**
   * IFA 019 OnloadAccImage (FPGA reprogramming): refused while any handle of the device is bound
   * (INV-F5) or the device is not ENABLED; the device is PROGRAMMING (no new binds) for the image's
   * onload time, then offers the image's functions. Returns the completion time.
   */
  onloadAccImage(accResourceId: string, imageId: string): Result<{ readonly doneAtMs: number }> {
    const started = this.startOnload(accResourceId, imageId);
    if (!started.ok) this.onloadsRefused++;
    return started;
  }

  private startOnload(accResourceId: string, imageId: string): Result<{ readonly doneAtMs: number }> {
    const d = this.deviceById.get(accResourceId);
    if (d === undefined) return fail(domainError("NOT_FOUND", `accelerator ${accResourceId} does not exist`));
    const image = this.pool.image(imageId);
    if (image === undefined) return fail(domainError("NOT_FOUND", `accelerator image ${imageId} does not exist`));
    if (image.type !== d.spec.type) return fail(domainError("INVALID_ARGUMENT", `image ${imageId} is for ${image.type}, ${accResourceId} is ${d.spec.type}`));
    if (d.boundCount > 0) return fail(domainError("WRONG_STATE", `accelerator ${accResourceId} has ${d.boundCount} bound handle(s): release them before onload`));
    if (d.state !== "ENABLED") return fail(domainError("WRONG_STATE", `accelerator ${accResourceId} is ${d.state}`));
    const before = this.info(d);
    this.pool.setState(d.no, "PROGRAMMING");
    this.record("accelerator", d.id, "onload.start", before, { ...this.info(d), loadingImage: imageId });
    this.sim.schedule(image.onloadTimeMs, AccelerationService.onOnloadDone, { service: this, device: d, imageId, startedAtMs: this.sim.nowMs });
    return ok({ doneAtMs: this.sim.nowMs + image.onloadTimeMs });
  }

  private static onOnloadDone(_sim: Simulation, p: { service: AccelerationService; device: Device; imageId: string; startedAtMs: number }): void {
    p.service.finishOnload(p.device, p.imageId, p.startedAtMs);
  }

  private finishOnload(d: Device, imageId: string, startedAtMs: number): void {
    const before = this.info(d);
    this.pool.loadImage(d.no, this.pool.image(imageId)!);
    // A device disabled meanwhile stays disabled: only rediscovery enables it.
    if (d.state === "PROGRAMMING") this.pool.setState(d.no, "ENABLED");
    const spentMs = this.sim.nowMs - startedAtMs;
    this.programmingMs += spentMs;
    this.handleMsLostToProgramming += spentMs * d.spec.handles;
    this.stats.add(d.no, "onloads");
    this.stats.add(d.no, "programmingTimeMs", spentMs);
    this.record("accelerator", d.id, "onload.complete", before, this.info(d));
  }

  /**
   * A device fault (injected): DISABLED, an alarm raised (Notify), and every ARQ bound to it fails
   * (BindFailed, handle freed). The compute side fails builds whose ARQs did not all bind.
   */
  disableDevice(accResourceId: string, probableCause: string): Result<void> {
    const d = this.deviceById.get(accResourceId);
    if (d === undefined) return fail(domainError("NOT_FOUND", `accelerator ${accResourceId} does not exist`));
    if (d.state === "DISABLED") return fail(domainError("WRONG_STATE", `accelerator ${accResourceId} is already DISABLED`));
    // Handles held for a reservation (consumer hold-<id>) stay held on the disabled device: only ARQs fail.
    const victims = d.boundTo.filter((c): c is string => c !== null && this.arq(c) !== undefined).sort().map((id) => this.arq(id)!);
    for (const a of victims) this.failBind(a, `${d.spec.type} device fault`);
    const before = this.info(d);
    this.pool.setState(d.no, "DISABLED");
    this.record("accelerator", d.id, "disable", before, this.info(d));
    this.alarms.raise(d.id, this.hostIdOf(d.hostIndex), "CRITICAL", probableCause, this.sim.nowMs);
    return ok(undefined);
  }

  /** Takes edge `op` of the ARQ table, freeing its handle when the edge says so. */
  private move(a: Arq, op: ArqOp): Result<void> {
    const t = arqTransition(a.state, op);
    if (t === undefined) return fail(domainError("WRONG_STATE", `${op} is not allowed for ${a.id} in state ${a.state}`));
    const before = this.snap(a);
    const device = a.handle === undefined ? undefined : this.pool.device(a.handle.device);
    const from = a.state;
    if (t.handles === "free" && a.handle !== undefined) {
      this.pool.release(a.handle, a.id);
      a.handle = undefined;
      a.hostIndex = -1;
    }
    a.state = t.next;
    this.recordArq(a, op, before);
    this.listener?.onArqMoved(a, device, from, t.next);
    return ok(undefined);
  }

  /** Binds one ARQ on host h, on a given device when named (checked by the caller). */
  private bindOnDevice(a: Arq, h: number, accResourceId: string | undefined): void {
    if (accResourceId === undefined) {
      this.bindArqs([a], h);
      return;
    }
    const d = this.deviceById.get(accResourceId)!;
    const ref = { device: d.no, handle: d.boundTo.indexOf(null) };
    this.pool.bindHandle(ref, a.id);
    this.startBind(a, h, ref);
  }

  /** Initial/Unbound → BindStarted on a handle already bound to the ARQ in the table. */
  private startBind(a: Arq, h: number, ref: HandleRef): void {
    const before = this.snap(a);
    a.handle = ref;
    a.hostIndex = h;
    const from = a.state;
    a.state = "BindStarted";
    this.stats.add(ref.device, "binds");
    this.recordArq(a, "bind.start", before);
    this.listener?.onArqMoved(a, this.pool.device(ref.device), from, "BindStarted");
  }

  private deviceProblem(accResourceId: string, g: AccRequestGroup): string | null {
    const d = this.deviceById.get(accResourceId)!;
    if (d.state !== "ENABLED") return `${d.spec.type} device ${d.state}`;
    if (d.spec.type !== g.type || (g.function !== undefined && !d.functions.includes(g.function)) || (g.imageId !== undefined && d.imageId !== g.imageId)) return `${d.spec.type} device does not match`;
    return d.boundCount < d.spec.handles ? null : `insufficient ${d.spec.type} handles`;
  }

  private selectDevices(hostId: string, filter: AccFilter, selector: readonly AccStatistic[]): Result<Device[]> {
    const h = this.hostIndex(hostId);
    if (h < 0) return fail(domainError("NOT_FOUND", `host ${hostId} does not exist`));
    const bad = selector.find((s) => !ACC_STATISTICS.includes(s));
    if (bad !== undefined) return fail(domainError("INVALID_ARGUMENT", `unknown statistic ${String(bad)}; valid: ${ACC_STATISTICS.join(", ")}`));
    return ok(this.pool.devicesOf(h).map((no) => this.pool.device(no)!).filter((d) => matchesAccFilter(d, filter)));
  }

  /** Host ids → indices, built on first use: a scan per call made the VIM's per-host alarm subscriptions quadratic (bench/hyperscale). */
  private hostIndices: Map<string, number> | undefined;
  private hostIndex(hostId: string): number {
    if (this.hostIndices === undefined) {
      this.hostIndices = new Map();
      // The first of equal ids wins, as the scan it replaces found it.
      for (let h = this.pool.hostCount - 1; h >= 0; h--) this.hostIndices.set(this.hostIdOf(h), h);
    }
    return this.hostIndices.get(hostId) ?? -1;
  }

  private info(d: Device): AccResourceInfo {
    return accResourceInfo(d, this.hostIdOf(d.hostIndex));
  }

  /** The ARQ as logged, or null when nobody reads record content (the hot path builds none). */
  private snap(a: Arq): Record<string, unknown> | null {
    return this.wantsContent ? arqSnapshot(a, (no) => this.pool.device(no)!.id) : null;
  }

  private get wantsContent(): boolean {
    return this.log.wantsContent || this.notifier.active;
  }

  /** An ARQ change: numbered and pre-hashed when nobody reads content (as the compute service does). */
  private recordArq(a: Arq, op: string, before: unknown): void {
    if (this.wantsContent) return this.record("arq", a.id, op, before, this.snap(a));
    this.log.skipNumbered(this.sim.nowMs, ARQ_TEXT, ARQ_PREFIX_TEXT, a.no, ARQ_OPS_TEXT.get(op) ?? new LogText(op));
  }

  private record(entity: string, id: string, op: string, before: unknown, after: unknown): void {
    const now = this.sim.nowMs;
    const seq = this.log.wantsContent ? this.log.append(now, entity, id, op, before, after) : this.log.skip(now, entity, id, op);
    if (this.notifier.active) this.notifier.publish(changeNotification(seq, now, entity, id, undefined, op, before, after));
  }
}
