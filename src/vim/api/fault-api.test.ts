import { describe, expect, it } from "vitest";
import { vimWorld } from "../../testing/facade-world.js";
import type { AlarmNotification } from "../fault/alarm-service.js";

describe("Vim façade: GetAlarmList and alarm subscriptions (IFA Fault Management)", () => {
  it("scopes alarms to the caller's tenant; the administrator sees every alarm", () => {
    const w = vimWorld(2, 3);
    const alarms = w.vim.faults.alarms;
    const raise = (id: string, tenantId: string | undefined, type: "VIRTUAL_COMPUTE" | "COMPUTE_HOST") =>
      alarms.raise({ managedObjectId: id, managedObjectType: type, ...(tenantId === undefined ? {} : { tenantId }), faultType: "f", probableCause: "c", perceivedSeverity: "CRITICAL", eventTimeMs: 0, isRootCause: type === "COMPUTE_HOST" });
    const member = w.callers.find((c) => c.role === "member")!;
    const got: AlarmNotification[] = [];
    const sub = w.vim.faults.subscribe(member.caller, {}, (n) => got.push(n));
    expect(sub.ok).toBe(true);
    raise("host-1", undefined, "COMPUTE_HOST");
    const mine = raise("vm-1", member.tenantId, "VIRTUAL_COMPUTE");
    raise("vm-2", "someone-else", "VIRTUAL_COMPUTE");
    const list = w.vim.faults.getAlarmList(member.caller);
    expect(list.ok && list.value.map((a) => a.alarmId)).toEqual([mine.alarmId]);
    const all = w.vim.faults.getAlarmList(w.vim.admin);
    expect(all.ok && all.value.length).toBe(3);
    expect(got.map((n) => n.kind)).toEqual(["AlarmNotification"]);
    alarms.clear(mine.alarmId);
    expect(got.map((n) => n.kind)).toEqual(["AlarmNotification", "AlarmClearedNotification"]);
    expect(w.vim.faults.unsubscribe(member.caller, sub.ok ? sub.value : "").ok).toBe(true);
    expect(w.vim.faults.unsubscribe(member.caller, sub.ok ? sub.value : "").ok).toBe(false);
  });

  it("de-duplicates a repeated fault into an update of the active alarm (INV-I4)", () => {
    const w = vimWorld(1, 1);
    const r = { managedObjectId: "vm-1", managedObjectType: "VIRTUAL_COMPUTE" as const, faultType: "f", probableCause: "c", perceivedSeverity: "MAJOR" as const, eventTimeMs: 0, isRootCause: false };
    const first = w.vim.faults.alarms.raise(r);
    const again = w.vim.faults.alarms.raise({ ...r, perceivedSeverity: "CRITICAL" });
    expect(again.alarmId).toBe(first.alarmId);
    expect(again.state).toBe("UPDATED");
    expect(w.vim.faults.alarms.getAlarmList()).toHaveLength(1);
    expect(w.vim.faults.alarms.clear(first.alarmId).ok).toBe(true);
    expect(w.vim.faults.alarms.clear(first.alarmId).ok).toBe(false);
    expect(w.vim.faults.alarms.raise(r).alarmId).not.toBe(first.alarmId);
  });
});
