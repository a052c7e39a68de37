/**
 * The compute service's record writer: one log record per state change and its change notification
 * (INV-H1), one `instance.<action>.<phase>` event per operation phase (INV-H4), the server snapshots
 * that are a record's `before` and `after` (INV-H2), and the quota books that follow every logged
 * change of a server. When nobody reads record content, only each record's number and digest are
 * kept (EventLog.skip).
 */
import { InvariantViolation } from "../../domain/index.js";
import type { Simulation } from "../../kernel/index.js";
import { LogText, type EventLog } from "../../metrics/index.js";
import type { ChangeNotifier } from "../change/change-notifier.js";
import { changeNotification } from "../change/change-types.js";
import type { OperationPhase } from "../change/notifications.js";
import { LiveUsageBook } from "../quota/live-usage-book.js";
import { TenantUsageBook } from "../quota/tenant-usage-book.js";
import type { UserOp } from "./server-machine.js";
import type { ServerRegistry } from "./server-registry.js";
import { SERVER_ID_PREFIX, serverSnapshot, type ServerRecord } from "./server.js";

/** Nova's versioned-notification action of each user operation (event_type instance.<action>.<phase>). */
const NOVA_ACTION: Readonly<Record<UserOp | "evacuate", string>> = {
  start: "power_on",
  stop: "power_off",
  pause: "pause",
  unpause: "unpause",
  suspend: "suspend",
  resume: "resume",
  "reboot.soft": "reboot",
  "reboot.hard": "reboot",
  "snapshot.create": "snapshot",
  resize: "resize",
  "resize.confirm": "resize_confirm",
  "resize.revert": "resize_revert",
  "migrate.live": "live_migration",
  "migrate.offline": "migrate",
  evacuate: "evacuate",
};

// Hot-path device (bench/e2e.bench.ts): every log text a server's records use is a LogText made
// once, its digest hash computed once; a skipped record then costs no string work.

/** The event types of one action, by phase. */
export type EventTypes = Readonly<Record<OperationPhase, LogText>>;
const eventTypes = (a: string): EventTypes => ({ start: new LogText(`instance.${a}.start`), end: new LogText(`instance.${a}.end`), error: new LogText(`instance.${a}.error`) });
const EVENT_TYPES = new Map<string, EventTypes>(["task", ...Object.values(NOVA_ACTION)].map((a) => [a, eventTypes(a)]));

/** The event types of a task's operation (`instance.task.*` for a task without one). */
export function eventTypesOf(op: UserOp | "evacuate" | undefined): EventTypes {
  const action = op === undefined ? "task" : NOVA_ACTION[op];
  return EVENT_TYPES.get(action) ?? eventTypes(action);
}

/** Log texts of the other entities and operations, made once each (a small, fixed set). */
const LOG_TEXTS = new Map<string, LogText>();
function logText(x: string | LogText): LogText {
  if (typeof x !== "string") return x;
  let t = LOG_TEXTS.get(x);
  if (t === undefined) LOG_TEXTS.set(x, (t = new LogText(x)));
  return t;
}

/** The records every server makes (four state changes, four events). */
export const SERVER_TEXTS = {
  server: new LogText("server"),
  event: new LogText("event"),
  idPrefix: new LogText(SERVER_ID_PREFIX),
  allocate: new LogText("allocate"),
  scheduleOk: new LogText("schedule.ok"),
  scheduleFail: new LogText("schedule.fail"),
  spawnComplete: new LogText("spawn.complete"),
  terminate: new LogText("terminate"),
  create: eventTypes("create"),
  delete: eventTypes("delete"),
} as const;

type Snapshot = Record<string, unknown>;

export class ComputeRecorder {
  /** Snapshots cached on servers are valid only within one epoch of continuous content (see writeLog). */
  private snapshotEpoch = 0;
  private contentWanted = false;
  private usageBook: TenantUsageBook | undefined;
  private liveBook: LiveUsageBook | undefined;

  constructor(
    private readonly sim: Simulation,
    private readonly log: EventLog,
    private readonly notifier: ChangeNotifier,
    private readonly registry: ServerRegistry,
    private readonly hostId: (h: number) => string,
  ) {}

  /** Does anyone read record content (the kept log or a subscriber)? Else hot paths build none. */
  get wantsContent(): boolean {
    return this.log.wantsContent || this.notifier.active;
  }

  /** Usage per tenant as running sums from the first server on (INV-B3: a later start would miss some). */
  trackTenantUsage(): TenantUsageBook {
    if (this.usageBook === undefined) {
      if (this.registry.anyMade) throw new InvariantViolation("INV-B3", "tenant usage must be tracked from the first server on");
      this.usageBook = new TenantUsageBook();
    }
    return this.usageBook;
  }

  /** Live usage per tenant from now on: the servers already live are charged now. */
  trackLiveUsage(): LiveUsageBook {
    if (this.liveBook === undefined) {
      this.liveBook = new LiveUsageBook();
      for (const s of this.registry.liveList) this.liveBook.recharge(s, true);
    }
    return this.liveBook;
  }

  /** A change's `before`: the server's snapshot as its last record left it, when anyone reads content. */
  before(s: ServerRecord): Snapshot | null {
    return this.wantsContent ? this.currentSnapshot(s) : null;
  }

  /** A change's `after`: the server's snapshot now, when anyone reads content. */
  after(s: ServerRecord): Snapshot | null {
    return this.wantsContent ? this.freshSnapshot(s) : null;
  }

  /** Logs the change `op` of server `s` from `before` to its state now. */
  serverChanged(s: ServerRecord, op: string | LogText, before: Snapshot | null): void {
    this.writeLog(SERVER_TEXTS.server, s, op, before, this.after(s));
  }

  /**
   * The server's state as its last record left it: a change's `before` is the previous change's
   * `after` (INV-H2), so the object is reused instead of rebuilt. Every change of a server is logged
   * with a fresh `after` (freshSnapshot), which keeps this exact.
   */
  currentSnapshot(s: ServerRecord): Snapshot {
    return s.snapshotEpoch === this.snapshotEpoch && s.snapshotCache !== undefined ? s.snapshotCache : this.freshSnapshot(s);
  }

  /** The server's snapshot now, remembered on the server as its current one. */
  freshSnapshot(s: ServerRecord): Snapshot {
    const snapshot = serverSnapshot(s, this.hostId);
    s.snapshotCache = snapshot;
    s.snapshotEpoch = this.snapshotEpoch;
    return snapshot;
  }

  /**
   * One log record per state change, and its change notification to subscribers (INV-H1); a server's
   * id is read only when someone wants content (see Server).
   */
  writeLog(entity: string | LogText, subject: string | ServerRecord, op: string | LogText, before: unknown, after: unknown): void {
    // Every change of a server's host, flavour or move is logged here: the usage books follow it.
    if (typeof subject !== "string") {
      this.usageBook?.recharge(subject);
      this.liveBook?.recharge(subject, this.registry.isLive(subject));
    }
    if (!this.wantsContent) {
      // Snapshots remembered while someone listened go stale from here on: a new epoch voids them.
      if (this.contentWanted) {
        this.contentWanted = false;
        this.snapshotEpoch++;
      }
      this.skipRecord(entity, subject, op);
      return;
    }
    this.contentWanted = true;
    const entityText = typeof entity === "string" ? entity : entity.text;
    const opText = typeof op === "string" ? op : op.text;
    const id = typeof subject === "string" ? subject : subject.id;
    const now = this.sim.nowMs;
    const seq = this.log.wantsContent ? this.log.append(now, entityText, id, opText, before, after) : this.skipRecord(entity, subject, op);
    if (!this.notifier.active) return;
    const tenantId = typeof subject === "string" ? undefined : subject.tenant;
    this.notifier.publish(changeNotification(seq, now, entityText, id, tenantId, opText, before, after));
  }

  /** The record's sequence number and digest, without its content or its id string. */
  private skipRecord(entity: string | LogText, subject: string | ServerRecord, op: string | LogText): number {
    if (typeof subject !== "string") return this.log.skipNumbered(this.sim.nowMs, logText(entity), SERVER_TEXTS.idPrefix, subject.no, logText(op));
    return this.log.skip(this.sim.nowMs, logText(entity).text, subject, logText(op).text);
  }

  /** A `instance.<action>.<phase>` event: a log record and an operation notification (INV-H4). */
  writeEvent(s: ServerRecord, types: EventTypes, phase: OperationPhase, fault?: string): void {
    const eventType = types[phase];
    if (!this.wantsContent) {
      this.log.skipNumbered(this.sim.nowMs, SERVER_TEXTS.event, SERVER_TEXTS.idPrefix, s.no, eventType);
      return;
    }
    const now = this.sim.nowMs;
    const seq = this.log.wantsContent
      ? this.log.append(now, "event", s.id, eventType.text, null, fault === undefined ? { tenant: s.tenant } : { tenant: s.tenant, fault })
      : this.log.skipNumbered(now, SERVER_TEXTS.event, SERVER_TEXTS.idPrefix, s.no, eventType);
    if (!this.notifier.active) return;
    this.notifier.publish({ kind: "operation", seq, timeMs: now, eventType: eventType.text, virtualisedResourceId: s.id, tenantId: s.tenant, phase, fault });
  }
}
