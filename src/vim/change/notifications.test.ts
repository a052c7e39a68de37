/**
 * Change notifications against the event log and the live state (INV-H1..H5): random operation
 * sequences on a small VIM with one subscriber to everything, one tenant-scoped subscriber and one
 * that joins late and leaves early.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { asId, type HostId, type RackId, type ZoneId } from "../../domain/index.js";
import { Simulation } from "../../kernel/index.js";
import { ComputeMetrics, EventLog } from "../../metrics/index.js";
import { novaHost } from "../../nfvi/index.js";
import { policySelector, smallNfvi } from "../../testing/small-vim.js";
import { ComputeService } from "../compute/compute-service.js";
import type { FlavourSpec } from "../compute/flavour.js";
import { serverStatus, USER_OPS } from "../compute/server-machine.js";
import type { ChangeNotification, VimNotification } from "./notifications.js";

const FLAVOUR: FlavourSpec = { id: "f", amounts: { VCPU: 2, PCPU: 0, MEMORY_MB: 2048, DISK_GB: 10 }, requiredMetadata: {} };
const BIG: FlavourSpec = { id: "g", amounts: { VCPU: 4, PCPU: 0, MEMORY_MB: 4096, DISK_GB: 20 }, requiredMetadata: {} };

function world() {
  const hosts = [0, 1, 2].map((i) => novaHost({ id: asId<HostId>(`h${i}`), zone: asId<ZoneId>("az"), rack: asId<RackId>("r"), vcpus: 8, memoryMb: 16896, diskGb: 100, cpuAllocationRatio: 1 }));
  const nfvi = smallNfvi(hosts);
  const selector = policySelector(nfvi);
  const sim = new Simulation();
  const log = new EventLog({ keepRecords: true });
  const compute = new ComputeService(sim, nfvi, selector, log, new ComputeMetrics(), {}, { durationMs: () => 500 });
  return { sim, log, compute };
}

const command = fc.oneof(
  fc.record({ kind: fc.constant("allocate" as const), tenant: fc.constantFrom("t1", "t2"), big: fc.boolean() }),
  fc.record({ kind: fc.constant("operate" as const), pick: fc.nat(), op: fc.constantFrom(...USER_OPS) }),
  fc.record({ kind: fc.constant("terminate" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("fail" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("advance" as const), ms: fc.constantFrom(0, 300, 700) }),
  fc.record({ kind: fc.constant("update" as const), pick: fc.nat() }),
);

describe("change notifications (INV-H1..H5)", () => {
  it("notify every committed change once, in order, with chained before/after and paired start/end events", () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 50 }), fc.nat({ max: 49 }), fc.nat({ max: 49 }), (commands, joinAt, leaveAfter) => {
        const { sim, log, compute } = world();
        const all: VimNotification[] = [];
        const t1: VimNotification[] = [];
        const late: VimNotification[] = [];
        compute.notifier.subscribe({}, (n) => all.push(n));
        compute.notifier.subscribe({ tenantId: "t1" }, (n) => t1.push(n));
        let lateId: string | undefined;
        let lateWindow: [number, number] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
        const live = (): number[] => compute.query().map((s) => s.no);
        commands.forEach((c, i) => {
          if (i === joinAt) {
            lateId = compute.notifier.subscribe({ kinds: ["change"] }, (n) => late.push(n));
            lateWindow = [log.count + 1, Number.POSITIVE_INFINITY];
          }
          if (lateId !== undefined && i === joinAt + leaveAfter) {
            expect(compute.notifier.unsubscribe(lateId).ok).toBe(true);
            lateWindow = [lateWindow[0], log.count];
            lateId = undefined;
          }
          const nos = live();
          const no = "pick" in c ? nos[c.pick % Math.max(1, nos.length)] : undefined;
          const before = log.count;
          let accepted = true;
          if (c.kind === "allocate") compute.allocate({ tenant: c.tenant, flavour: c.big ? BIG : FLAVOUR, zone: undefined, groupId: undefined, name: undefined, metadata: {}, bootTimesMs: [200], measured: true });
          else if (c.kind === "advance") sim.run({ untilMs: sim.nowMs + c.ms });
          else if (no === undefined) return;
          else if (c.kind === "operate") accepted = compute.operate(no, c.op, c.op === "resize" ? { flavour: BIG } : {}).ok;
          else if (c.kind === "terminate") accepted = compute.terminate(no).ok;
          else if (c.kind === "fail") accepted = compute.failTask(no, "injected").ok;
          else accepted = compute.updateMetadata(no, { k: String(i) }).ok;
          // A refused operation changes nothing and notifies nothing (H1).
          if (!accepted) expect(log.count, `${c.kind} refused but logged`).toBe(before);
        });
        const records = log.kept;
        // H1: exactly one change notification per state-change record, same seq, same payload.
        const changes = all.filter((n): n is ChangeNotification => n.kind === "change");
        const stateRecords = records.filter((r) => r.entity !== "event");
        expect(changes.map((n) => n.seq)).toEqual(stateRecords.map((r) => r.seq));
        changes.forEach((n, k) => expect([n.before, n.after]).toEqual([stateRecords[k]!.before, stateRecords[k]!.after]));
        // H2: strictly increasing (time, seq); per resource, after of k is before of k + 1.
        for (let k = 1; k < all.length; k++) {
          expect(all[k]!.timeMs > all[k - 1]!.timeMs || (all[k]!.timeMs === all[k - 1]!.timeMs && all[k]!.seq > all[k - 1]!.seq)).toBe(true);
        }
        const lastAfter = new Map<string, unknown>();
        for (const n of changes.filter((x) => x.resourceType === "server")) {
          if (lastAfter.has(n.virtualisedResourceId) && n.operation !== "schedule.ok" && n.operation !== "schedule.fail") {
            expect(n.before, `${n.virtualisedResourceId} ${n.operation}`).toEqual(lastAfter.get(n.virtualisedResourceId));
          }
          lastAfter.set(n.virtualisedResourceId, n.after);
        }
        // H3: the last notified status of every live server is what a query returns now.
        for (const s of compute.query()) expect((lastAfter.get(s.id) as { status: string }).status).toBe(serverStatus(s.state));
        // H4: per resource, each start is followed by exactly one end or error before the next start.
        const open = new Map<string, string>();
        for (const n of all) {
          if (n.kind !== "operation") continue;
          const action = n.eventType.slice(0, n.eventType.lastIndexOf("."));
          if (n.phase === "start") {
            expect(open.has(n.virtualisedResourceId), `${n.eventType} while ${open.get(n.virtualisedResourceId)} open`).toBe(false);
            open.set(n.virtualisedResourceId, action);
          } else {
            expect(open.get(n.virtualisedResourceId), `${n.eventType} without its start`).toBe(action);
            open.delete(n.virtualisedResourceId);
          }
        }
        // Every open operation is still in flight on a live server (INV-D7 closes it later).
        for (const id of open.keys()) expect(compute.query({ ids: [id] })).toHaveLength(1);
        // H5: tenant scope, and nothing before subscribing or after unsubscribing.
        expect(t1.every((n) => n.tenantId === "t1")).toBe(true);
        expect(t1.map((n) => n.seq)).toEqual(all.filter((n) => n.tenantId === "t1").map((n) => n.seq));
        expect(late.every((n) => n.seq >= lateWindow[0] && n.seq <= lateWindow[1] && n.kind === "change")).toBe(true);
        expect(late.map((n) => n.seq)).toEqual(changes.filter((n) => n.seq >= lateWindow[0] && n.seq <= lateWindow[1]).map((n) => n.seq));
      }),
      { numRuns: 150 },
    );
  });
});
