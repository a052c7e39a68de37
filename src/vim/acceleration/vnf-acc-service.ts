/**
 * IFA 002 (Vn-Nf): what a VNF inside a server does with a bound virtual accelerator. A session is
 * opened by InitAcc on a Bound ARQ of the caller's server and ends with ReleaseAcc (or when the ARQ
 * stops being Bound). Operations: InitAcc, Register/DeRegisterForAccEvent + AccEventNotification,
 * ModifyAccConfiguration, GetAccConfigs, ResetAccConfigs, AccData (synchronous: the reply comes
 * after queueing and service), AccSendData / AccReceiveData (asynchronous, through the channel's
 * receive buffer), Register/DeRegisterForAccDataAvailableEvent + AccDataAvailableEventNotification.
 * The data path of each session is a DataPathQueue with the function's service-time distribution.
 * Session and configuration changes are log records (entity "vaccel", id = the ARQ); data items are
 * traffic, counted in the device statistics, not logged one by one.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { Simulation } from "../../kernel/index.js";
import type { EventLog } from "../../metrics/index.js";
import type { AccelerationService } from "./acc-resource-service.js";
import type { Arq } from "./arq.js";
import { DataPathQueue, type DataItem } from "./data-path.js";

export type AccEventHandler = (event: string, metaData: Readonly<Record<string, unknown>>) => void;
export type DataAvailableHandler = (channel: string) => void;

/** Service-time draws per accelerator function (and "*" for any), from named streams. */
export type ServiceTimeSource = (fn: string) => () => number;

/** Latency of every served request, for percentiles (reports). */
export interface OffloadObserver {
  onServed(fn: string, type: string, latencyMs: number, serviceMs: number): void;
}

interface Session {
  readonly arq: Arq;
  readonly fn: string;
  readonly queue: DataPathQueue;
  config: Record<string, string>;
  readonly events: Map<string, AccEventHandler>;
  readonly dataHandlers: Map<string, DataAvailableHandler>;
  readonly received: Map<string, unknown[]>;
}

export class VnfAccelerationService {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly sim: Simulation,
    private readonly acc: AccelerationService,
    private readonly serviceTimes: ServiceTimeSource,
    private readonly observer: OffloadObserver = { onServed: () => undefined },
    private readonly log?: EventLog,
  ) {}

  /** One record per session or configuration change. */
  private record(arqId: string, op: string, before: unknown, after: unknown): void {
    if (this.log === undefined) return;
    const now = this.sim.nowMs;
    if (this.log.wantsContent) this.log.append(now, "vaccel", arqId, op, before, after);
    else this.log.skip(now, "vaccel", arqId, op);
  }

  /** InitAcc: opens the session of a Bound ARQ owned by `caller`; returns its capabilities. */
  initAcc(caller: string, arqId: string): Result<{ readonly accType: string; readonly functions: readonly string[]; readonly image: string | null }> {
    const a = this.acc.arq(arqId);
    if (a === undefined || a.consumer !== caller) return fail(domainError("NOT_FOUND", `no accelerator ${arqId} is attached to ${caller}`));
    if (a.state !== "Bound" || a.handle === undefined) return fail(domainError("WRONG_STATE", `accelerator ${arqId} is ${a.state}, not Bound`));
    if (this.sessions.has(arqId)) return fail(domainError("CONFLICT", `accelerator ${arqId} is already initialised`));
    const d = this.acc.pool.device(a.handle.device)!;
    const fn = a.group.function ?? d.functions[0] ?? d.spec.type;
    let session: Session | undefined;
    const queue = new DataPathQueue(this.sim, this.serviceTimes(fn), { onServed: (item, latencyMs, serviceMs) => this.served(session!, item, latencyMs, serviceMs) });
    session = { arq: a, fn, queue, config: {}, events: new Map(), dataHandlers: new Map(), received: new Map() };
    this.sessions.set(arqId, session);
    this.record(arqId, "init", null, { function: fn, config: {} });
    return ok({ accType: d.spec.type, functions: [...d.functions], image: d.imageId ?? null });
  }

  /** RegisterForAccEvent. */
  registerForAccEvent(arqId: string, event: string, handler: AccEventHandler): Result<void> {
    return this.with(arqId, (s) => void s.events.set(event, handler));
  }

  /** DeRegisterForAccEvent: NOT_FOUND when not registered. */
  deRegisterForAccEvent(arqId: string, event: string): Result<void> {
    return this.with(arqId, (s) => (s.events.delete(event) ? undefined : domainError("NOT_FOUND", `no registration for ${event}`)));
  }

  /** ModifyAccConfiguration: sets keys; a "configChanged" AccEventNotification follows. */
  modifyAccConfiguration(arqId: string, config: Readonly<Record<string, string>>): Result<void> {
    return this.with(arqId, (s) => {
      const before = s.config;
      s.config = sortedRecord({ ...s.config, ...config });
      this.record(arqId, "config.modify", { config: before }, { config: s.config });
      s.events.get("configChanged")?.("configChanged", { keys: Object.keys(config).sort() });
    });
  }

  /** GetAccConfigs: the selected keys (all when empty). */
  getAccConfigs(arqId: string, selector: readonly string[] = []): Result<Record<string, string>> {
    const s = this.sessions.get(arqId);
    if (s === undefined) return notInitialised(arqId);
    return ok(selector.length === 0 ? { ...s.config } : Object.fromEntries(selector.filter((k) => k in s.config).map((k) => [k, s.config[k]!])));
  }

  /** ResetAccConfigs: removes the selected keys (all when empty). */
  resetAccConfigs(arqId: string, selector: readonly string[] = []): Result<void> {
    return this.with(arqId, (s) => {
      const before = s.config;
      s.config = selector.length === 0 ? {} : Object.fromEntries(Object.entries(s.config).filter(([k]) => !selector.includes(k)));
      this.record(arqId, "config.reset", { config: before }, { config: s.config });
    });
  }

  /** AccData: a synchronous request; `reply` gets the result when it has been served. */
  accData(arqId: string, channel: string, data: unknown, reply: (out: unknown, latencyMs: number) => void): Result<void> {
    return this.with(arqId, (s) => s.queue.submit({ channel, data, reply }));
  }

  /** AccSendData: queued; the result lands in the channel's receive buffer (data-available event). */
  accSendData(arqId: string, channel: string, data: unknown): Result<void> {
    return this.with(arqId, (s) => s.queue.submit({ channel, data }));
  }

  /** AccReceiveData: up to `maxNumberOfDataItems` results of the channel, oldest first. */
  accReceiveData(arqId: string, channel: string, maxNumberOfDataItems: number): Result<unknown[]> {
    const s = this.sessions.get(arqId);
    if (s === undefined) return notInitialised(arqId);
    const buffer = s.received.get(channel) ?? [];
    return ok(buffer.splice(0, Math.max(0, maxNumberOfDataItems)));
  }

  /** RegisterForAccDataAvailableEvent. */
  registerForAccDataAvailableEvent(arqId: string, channel: string, handler: DataAvailableHandler): Result<void> {
    return this.with(arqId, (s) => void s.dataHandlers.set(channel, handler));
  }

  /** DeRegisterForAccDataAvailableEvent. */
  deRegisterForAccDataAvailableEvent(arqId: string, channel: string): Result<void> {
    return this.with(arqId, (s) => (s.dataHandlers.delete(channel) ? undefined : domainError("NOT_FOUND", `no data registration on ${channel}`)));
  }

  /** ReleaseAcc: closes the session; waiting requests are dropped (returned count). */
  releaseAcc(arqId: string): Result<number> {
    const s = this.sessions.get(arqId);
    if (s === undefined) return notInitialised(arqId);
    this.sessions.delete(arqId);
    const dropped = s.queue.close();
    this.record(arqId, "release", { function: s.fn, config: s.config }, null);
    return ok(dropped);
  }

  /** Closes sessions whose ARQ is no longer Bound (unbind, delete, fault), notifying "accReleased". */
  sweep(): void {
    for (const [id, s] of this.sessions) {
      if (s.arq.state === "Bound" && this.acc.arq(id) !== undefined) continue;
      s.events.get("accReleased")?.("accReleased", { state: s.arq.state });
      this.releaseAcc(id);
    }
  }

  /** Open session ids (sorted). */
  sessionIds(): string[] {
    return [...this.sessions.keys()].sort();
  }

  /** The data-path queue of a session (utilisation, length). */
  queueOf(arqId: string): DataPathQueue | undefined {
    return this.sessions.get(arqId)?.queue;
  }

  private served(s: Session, item: DataItem, latencyMs: number, serviceMs: number): void {
    const d = s.arq.handle === undefined ? undefined : this.acc.pool.device(s.arq.handle.device);
    if (d !== undefined) {
      this.acc.stats.add(d.no, "requestsServed");
      this.acc.stats.add(d.no, "busyTimeMs", serviceMs);
    }
    this.observer.onServed(s.fn, s.arq.group.type, latencyMs, serviceMs);
    const p = item.payload as { channel: string; data: unknown; reply?: (out: unknown, latencyMs: number) => void };
    if (p.reply !== undefined) return p.reply(p.data, latencyMs);
    let buffer = s.received.get(p.channel);
    if (buffer === undefined) s.received.set(p.channel, (buffer = []));
    buffer.push(p.data);
    s.dataHandlers.get(p.channel)?.(p.channel);
  }

  /** Runs `f` on an initialised session; f may return an error to refuse. */
  private with(arqId: string, f: (s: Session) => ReturnType<typeof domainError> | void): Result<void> {
    const s = this.sessions.get(arqId);
    if (s === undefined) return notInitialised(arqId);
    const problem = f(s);
    return problem === undefined ? ok(undefined) : fail(problem);
  }
}

const notInitialised = (arqId: string): Result<never> => fail(domainError("WRONG_STATE", `accelerator ${arqId} is not initialised (InitAcc)`));

const sortedRecord = (r: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
