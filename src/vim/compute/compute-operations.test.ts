/**
 * Model-based test of the server operations (IFA Operate, Scale, Migrate, resize confirm/revert,
 * Terminate) against a reference written from the Nova/IFA tables of ifa-digest §4.4, independently
 * of the transition table: which operations are legal from which API status, where each one ends,
 * and what the server holds on which host while a move is in flight (INV-A8) and after it (INV-J1).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { asId, RESOURCE_CLASSES, type HostId, type RackId, type ZoneId } from "../../domain/index.js";
import { Simulation } from "../../kernel/index.js";
import { ComputeMetrics, EventLog } from "../../metrics/index.js";
import { checkNfviInvariants, novaHost, type NfviState } from "../../nfvi/index.js";
import { NOVA_LEGAL_FROM, policySelector, smallNfvi } from "../../testing/small-vim.js";
import { ComputeService } from "./compute-service.js";
import type { TenantUsageBook } from "../quota/tenant-usage-book.js";
import type { FlavourSpec } from "./flavour.js";
import { serverStatus, USER_OPS, type ServerStatus, type UserOp } from "./server-machine.js";

const FLAVOURS: FlavourSpec[] = [
  { id: "small", amounts: { VCPU: 1, PCPU: 0, MEMORY_MB: 1024, DISK_GB: 10 }, requiredMetadata: {} },
  { id: "large", amounts: { VCPU: 4, PCPU: 0, MEMORY_MB: 4096, DISK_GB: 20 }, requiredMetadata: {} },
];
const TASK_MS = 1000;

const LEGAL_FROM: Readonly<Record<UserOp, readonly ServerStatus[]>> = NOVA_LEGAL_FROM;
const MOVES: ReadonlySet<UserOp> = new Set(["resize", "migrate.offline", "migrate.live"]);

/** The status an operation ends in, from the status it started in (`before` = pre-resize status). */
function target(op: UserOp, from: ServerStatus, before: ServerStatus): ServerStatus {
  switch (op) {
    case "start": case "unpause": case "resume": case "reboot.soft": case "reboot.hard":
      return "ACTIVE";
    case "stop":
      return "SHUTOFF";
    case "pause":
      return "PAUSED";
    case "suspend":
      return "SUSPENDED";
    case "resize":
      return "VERIFY_RESIZE";
    case "resize.confirm": case "resize.revert":
      return before;
    case "snapshot.create": case "migrate.live": case "migrate.offline":
      return from;
  }
}

/** The API status while `op` runs from `from` (Nova's _STATE_MAP: only some tasks show). */
function inFlightStatus(op: UserOp, from: ServerStatus): ServerStatus {
  switch (op) {
    case "reboot.soft":
      return "REBOOT";
    case "reboot.hard":
      return from === "ACTIVE" ? "HARD_REBOOT" : from;
    case "resize": case "migrate.offline":
      return "RESIZE";
    case "migrate.live":
      return "MIGRATING";
    case "resize.revert":
      return "REVERT_RESIZE";
    default:
      return from;
  }
}

/** What the reference knows of one server. */
interface ModelServer {
  status: ServerStatus;
  task: { op: UserOp; from: ServerStatus; dueMs: number } | undefined;
  /** Status before the resize that is awaiting confirmation. */
  beforeResize: ServerStatus;
  flavour: FlavourSpec;
  /** The source of a move in flight or awaiting confirmation. */
  source: { host: number; flavour: FlavourSpec } | undefined;
}

function world(hosts: number): { nfvi: NfviState; service: ComputeService; sim: Simulation } {
  const specs = Array.from({ length: hosts }, (_, i) =>
    novaHost({ id: asId<HostId>(`h${i}`), zone: asId<ZoneId>("az"), rack: asId<RackId>("r"), vcpus: 8, memoryMb: 16896, diskGb: 100, cpuAllocationRatio: 1 }),
  );
  const nfvi = smallNfvi(specs);
  const selector = policySelector(nfvi);
  const sim = new Simulation();
  const timings = { durationMs: (): number => TASK_MS };
  const service = new ComputeService(sim, nfvi, selector, new EventLog({ keepRecords: false }), new ComputeMetrics(), {}, timings);
  return { nfvi, service, sim };
}

const command = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("allocate" as const), flavour: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("operate" as const), pick: fc.nat(), op: fc.constantFrom(...USER_OPS), flavour: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("fail" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("terminate" as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("advance" as const), ms: fc.constantFrom(0, 500, 1000, 2500) }) },
);

/** Usage per host must be what the model's servers hold: the current host, and a move's source too. */
function checkHoldings(nfvi: NfviState, service: ComputeService, model: Map<number, ModelServer>): void {
  const expected = new Map<string, number>();
  const add = (h: number, f: FlavourSpec): void =>
    RESOURCE_CLASSES.forEach((rc, c) => expected.set(`${h}/${c}`, (expected.get(`${h}/${c}`) ?? 0) + f.amounts[rc]));
  for (const [no, m] of model) {
    const s = service.server(no)!;
    expect(s.flavour, `vm-${no} flavour`).toBe(m.flavour.id);
    expect(s.hostIndex >= 0, `vm-${no} has a host`).toBe(true);
    add(s.hostIndex, m.flavour);
    expect(s.move === undefined, `vm-${no} moving`).toBe(m.source === undefined);
    if (m.source !== undefined) {
      expect(s.move?.sourceHost).toBe(m.source.host);
      expect(s.hostIndex, "a move never lands on its source").not.toBe(m.source.host);
      add(m.source.host, m.source.flavour);
    }
    if (m.task === undefined) expect(serverStatus(s.state), `vm-${no} status`).toBe(m.status);
    else {
      expect(s.state.taskState, `vm-${no} task`).not.toBeNull();
      expect(serverStatus(s.state), `vm-${no} status during ${m.task.op} from ${m.task.from}`).toBe(inFlightStatus(m.task.op, m.task.from));
    }
  }
  for (let h = 0; h < nfvi.hostCount; h++) {
    RESOURCE_CLASSES.forEach((rc, c) => expect(nfvi.used(h, c), `host ${h} ${rc}`).toBe(expected.get(`${h}/${c}`) ?? 0));
  }
  checkNfviInvariants(nfvi);
}

/** INV-B3: the running usage sums equal a count of the model's servers (a move counts its larger flavour). */
function checkUsageBook(book: TenantUsageBook, model: Map<number, ModelServer>): void {
  let cores = 0;
  let ram = 0;
  for (const m of model.values()) {
    const larger = (pick: (f: FlavourSpec) => number): number => Math.max(pick(m.flavour), m.source === undefined ? 0 : pick(m.source.flavour));
    cores += larger((f) => f.amounts.VCPU + f.amounts.PCPU);
    ram += larger((f) => f.amounts.MEMORY_MB);
  }
  const u = book.usage("t");
  expect({ instances: u.instances, cores: u.cores, ram: u.ram }, "usage sums (INV-B3)").toEqual({ instances: model.size, cores, ram });
  const peak = book.peak("t");
  expect(peak.instances >= u.instances && peak.cores >= u.cores && peak.ram >= u.ram, "peak covers now").toBe(true);
}

/** Completes the model's tasks due by `nowMs`, as the simulation did. */
function completeDue(model: Map<number, ModelServer>, nowMs: number, service: ComputeService): void {
  for (const m of model.values()) {
    const task = m.task;
    // The run stops before events at its horizon: a task due exactly then completes on the next advance.
    if (task === undefined || task.dueMs >= nowMs) continue;
    m.task = undefined;
    if (task.op === "resize") m.beforeResize = task.from;
    m.status = target(task.op, task.from, m.beforeResize);
    if (task.op === "resize.confirm" || task.op === "migrate.live") m.source = undefined;
    if (task.op === "resize.revert") {
      m.flavour = m.source!.flavour;
      m.source = undefined;
    }
    // Offline migration confirms on its own: a confirm task follows.
    if (task.op === "migrate.offline") {
      m.beforeResize = task.from;
      m.status = "VERIFY_RESIZE";
      m.task = { op: "resize.confirm", from: "VERIFY_RESIZE", dueMs: task.dueMs + TASK_MS };
      if (m.task.dueMs < nowMs) completeDue(model, nowMs, service);
    }
  }
}

describe("server operations (model-based against the Nova/IFA tables)", () => {
  it("accepts exactly the legal operations, ends each where Nova does, and holds both hosts during moves", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.array(command, { maxLength: 60 }), (hosts, commands) => {
        const { nfvi, service, sim } = world(hosts);
        const book = service.trackTenantUsage();
        const model = new Map<number, ModelServer>();
        const pick = (n: number): number | undefined => [...model.keys()][n % Math.max(1, model.size)];
        for (const c of commands) {
          if (c.kind === "allocate") {
            const flavour = FLAVOURS[c.flavour]!;
            const r = service.allocate({ tenant: "t", flavour, zone: undefined, groupId: undefined, name: undefined, metadata: {}, bootTimesMs: [0], measured: true });
            if (r.error === undefined) model.set(r.servers[0]!.no, { status: "ACTIVE", task: undefined, beforeResize: "ACTIVE", flavour, source: undefined });
          } else if (c.kind === "operate") {
            const no = pick(c.pick);
            if (no === undefined) continue;
            const m = model.get(no)!;
            const flavour = FLAVOURS[c.flavour]!;
            const legal = m.task === undefined && LEGAL_FROM[c.op].includes(m.status);
            const hostBefore = service.server(no)!.hostIndex;
            const r = service.operate(no, c.op, c.op === "resize" ? { flavour } : {});
            if (!r.ok) {
              expect(r.error.kind, `${c.op} from ${m.status}`).toBe(legal ? "NO_VALID_HOST" : "WRONG_STATE");
              expect(legal ? MOVES.has(c.op) : true).toBe(true);
            } else {
              expect(legal, `${c.op} accepted from ${m.status}`).toBe(true);
              if (MOVES.has(c.op)) m.source = { host: hostBefore, flavour: m.flavour };
              if (c.op === "resize") m.flavour = flavour;
              m.task = { op: c.op, from: m.status, dueMs: sim.nowMs + TASK_MS };
            }
          } else if (c.kind === "fail") {
            const no = pick(c.pick);
            if (no === undefined) continue;
            const m = model.get(no)!;
            const r = service.failTask(no, "injected");
            expect(r.ok).toBe(m.task !== undefined);
            if (m.task !== undefined) {
              const rollsBack = MOVES.has(m.task.op);
              // A failed move goes back to its source; a failed confirm still drops the source and a
              // failed revert still drops the destination, so no move outlives VERIFY_RESIZE.
              if (rollsBack || m.task.op === "resize.revert") {
                m.flavour = m.source!.flavour;
                m.source = undefined;
              }
              if (m.task.op === "resize.confirm") m.source = undefined;
              m.status = rollsBack ? m.task.from : "ERROR";
              m.task = undefined;
            }
          } else if (c.kind === "terminate") {
            const no = pick(c.pick);
            if (no === undefined) continue;
            expect(service.terminate(no).ok).toBe(true);
            model.delete(no);
          } else {
            sim.run({ untilMs: sim.nowMs + c.ms });
            completeDue(model, sim.nowMs, service);
          }
          checkHoldings(nfvi, service, model);
          checkUsageBook(book, model);
        }
        // Terminate releases everything, moves in flight included (INV-J1).
        expect(service.terminateMany([...model.keys()])).toHaveLength(model.size);
        expect(nfvi.consumerCount).toBe(0);
        for (let h = 0; h < nfvi.hostCount; h++) for (let c = 0; c < RESOURCE_CLASSES.length; c++) expect(nfvi.used(h, c)).toBe(0);
      }),
      { numRuns: 300, examples: [[2, [{ kind: "allocate", flavour: 0 }, { kind: "operate", pick: 0, op: "resize", flavour: 0 }, { kind: "advance", ms: 2500 }, { kind: "operate", pick: 0, op: "resize.confirm", flavour: 0 }, { kind: "fail", pick: 0 }]]] },
    );
  });

  it("takes snapshots, deletes them once, and updates metadata and queries by filter", () => {
    const { service, sim } = world(2);
    const settle = (): void => void sim.run({ untilMs: sim.nowMs + 2 * TASK_MS });
    const r = service.allocate({ tenant: "t1", flavour: FLAVOURS[0]!, zone: undefined, groupId: undefined, name: "web", metadata: { tier: "web" }, bootTimesMs: [0], measured: true });
    const no = r.servers[0]!.no;
    expect(service.operate(no, "snapshot.create").ok).toBe(true);
    expect(service.snapshotIds()).toEqual([]);
    settle();
    expect(service.snapshotIds()).toEqual(["snap-1"]);
    expect(service.deleteSnapshot("snap-1").ok).toBe(true);
    expect(service.deleteSnapshot("snap-1")).toMatchObject({ ok: false, error: { kind: "NOT_FOUND" } });
    expect(service.updateMetadata(no, { owner: "ops" }, ["tier"]).ok).toBe(true);
    expect(service.server(no)!.metadata).toEqual({ owner: "ops" });
    expect(service.query({ metadata: { owner: "ops" } }).map((s) => s.id)).toEqual([`vm-${no}`]);
    expect(service.query({ tenant: "t2" })).toEqual([]);
    expect(service.query({ status: ["SHUTOFF"] })).toEqual([]);
    expect(service.operate(no, "stop").ok).toBe(true);
    expect(service.operate(no, "start")).toMatchObject({ ok: false, error: { kind: "WRONG_STATE" } }); // one task at a time (INV-D2)
    settle();
    expect(service.query({ status: ["SHUTOFF"] }).map((s) => s.id)).toEqual([`vm-${no}`]);
    expect(service.operate(no, "pause")).toMatchObject({ ok: false, error: { kind: "WRONG_STATE" } });
    expect(service.operate(999, "stop")).toMatchObject({ ok: false, error: { kind: "NOT_FOUND" } });
  });
});
