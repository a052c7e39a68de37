/** Worked examples of quota and capacity management through the façade (the model-based test covers the rest). */
import { describe, expect, it, vi } from "vitest";
import { InvariantViolation } from "../../domain/index.js";
import { LiveUsageBook } from "../quota/live-usage-book.js";
import { vimWorld } from "../../testing/facade-world.js";
import type { CapacityChangeNotification } from "../capacity/capacity-monitor.js";
import type { VimNotification } from "../change/notifications.js";
import { DEFAULT_QUOTAS } from "../quota/quota-set.js";

const member = { userId: "t1-member" };

describe("quota management", () => {
  it("keeps usage as running sums the invariant check compares with a recount (INV-B3): a missed termination is caught", () => {
    const { vim } = vimWorld(2, 3);
    expect(vim.quotas.update(vim.admin, "t1", { cores: 8 }).ok).toBe(true);
    const r = vim.compute.allocate(member, { flavourId: "small", count: 2 });
    expect(r.ok).toBe(true);
    vim.checkQuotaUsage();
    const recharge = LiveUsageBook.prototype.recharge;
    const spy = vi.spyOn(LiveUsageBook.prototype, "recharge").mockImplementation(function (this: LiveUsageBook, s, live) {
      if (live) recharge.call(this, s, live);
    });
    try {
      const id = r.ok ? String((r.value as ReadonlyArray<Record<string, unknown>>)[0]!["computeId"]) : "";
      expect(vim.compute.terminate(member, id).ok).toBe(true);
      expect(() => vim.checkQuotaUsage()).toThrow(InvariantViolation);
      expect(() => vim.checkQuotaUsage()).toThrow(/INV-B3: tenant t1: instances usage kept as 2, a recount of its live resources gives 1/);
    } finally {
      spy.mockRestore();
    }
  });

  it("gives a tenant without a quota the OpenStack defaults, and lets its users query only their own", () => {
    const { vim } = vimWorld(2, 3);
    const mine = vim.quotas.query(member);
    expect(mine.ok && mine.value.map((q) => [q.tenantId, q.limits, q.isDefault])).toEqual([["t1", DEFAULT_QUOTAS, true]]);
    expect(vim.quotas.query(member, "t2")).toMatchObject({ ok: false, error: { kind: "NOT_FOUND" } });
    expect(vim.quotas.update(member, "t1", { cores: 100 })).toMatchObject({ ok: false, error: { kind: "FORBIDDEN" } });
  });

  it("refuses an allocation over the cores quota, naming limit, usage and request, and changes nothing", () => {
    const { vim, nfvi } = vimWorld(2, 3);
    expect(vim.quotas.update(vim.admin, "t1", { cores: 3 }).ok).toBe(true);
    expect(vim.compute.allocate(member, { flavourId: "small", count: 2 }).ok).toBe(true);
    const before = nfvi.allocations();
    const r = vim.compute.allocate(member, { flavourId: "small", count: 2 });
    expect(r).toMatchObject({ ok: false, error: { kind: "QUOTA_EXCEEDED", message: "quota exceeded for cores: requested 2, in use 2, limit 3" } });
    expect(nfvi.allocations()).toEqual(before);
  });

  it("refuses lowering below usage unless forced; forced, it evicts nothing and refuses new requests until usage falls", () => {
    const { vim } = vimWorld(2, 3);
    expect(vim.storage.create(member, { zoneId: "az1", sizeOfStorageGb: 5 }).ok).toBe(true);
    const v2 = vim.storage.create(member, { zoneId: "az1", sizeOfStorageGb: 5 });
    expect(vim.quotas.update(vim.admin, "t1", { volumes: 1 })).toMatchObject({ ok: false, error: { kind: "CONFLICT" } });
    expect(vim.quotas.update(vim.admin, "t1", { volumes: 1 }, { force: true }).ok).toBe(true);
    expect(vim.storage.query(member).ok && vim.storage.query(member)).toMatchObject({ value: { length: 2 } });
    expect(vim.storage.create(member, { zoneId: "az1", sizeOfStorageGb: 1 })).toMatchObject({ ok: false, error: { kind: "QUOTA_EXCEEDED" } });
    expect(v2.ok && vim.storage.delete(member, v2.value.storageId).ok).toBe(true);
    expect(vim.storage.create(member, { zoneId: "az1", sizeOfStorageGb: 1 })).toMatchObject({ ok: false, error: { kind: "QUOTA_EXCEEDED" } });
    expect(vim.quotas.terminate(vim.admin, ["t1", "t2"])).toEqual({ ok: true, value: ["t1"] });
    expect(vim.storage.create(member, { zoneId: "az1", sizeOfStorageGb: 1 }).ok).toBe(true);
  });

  it("announces every quota change as a change notification of resource type quota", () => {
    const { vim } = vimWorld(2, 3);
    const got: VimNotification[] = [];
    expect(vim.changes.subscribe(vim.admin, { resourceTypes: ["quota"] }, (n) => got.push(n)).ok).toBe(true);
    vim.quotas.create(vim.admin, "t2", { port: 5 });
    vim.quotas.update(vim.admin, "t2", { port: 6 });
    vim.quotas.terminate(vim.admin, ["t2"]);
    expect(got.map((n) => (n.kind === "change" ? [n.virtualisedResourceId, n.changeType] : []))).toEqual([
      ["t2", "ADDED"],
      ["t2", "MODIFIED"],
      ["t2", "REMOVED"],
    ]);
  });
});

describe("capacity management", () => {
  it("answers total = available + reserved + allocated, and a window's minimum is the current value without reservations", () => {
    const { vim } = vimWorld(2, 3);
    vim.compute.allocate(member, { flavourId: "small", count: 2 });
    const now = vim.capacity.query(vim.admin, { zoneId: "az1", resourceClass: "VCPU" });
    expect(now).toMatchObject({ ok: true, value: { totalCapacity: 12, reservedCapacity: 0, allocatedCapacity: 2, availableCapacity: 10 } });
    const window = vim.capacity.query(vim.admin, { resourceClass: "VCPU", timeWindow: { fromMs: 0, toMs: 3_600_000 } });
    expect(window.ok && window.value.availableCapacity).toBe(10);
    expect(vim.capacity.query(member, { resourceClass: "VCPU" })).toMatchObject({ ok: false, error: { kind: "FORBIDDEN" } });
    expect(vim.capacity.query(vim.admin, { zoneId: "nowhere", resourceClass: "VCPU" })).toMatchObject({ ok: false, error: { kind: "NOT_FOUND" } });
  });

  it("notifies a threshold only when available capacity crosses it", () => {
    const { vim } = vimWorld(2, 3);
    const got: CapacityChangeNotification[] = [];
    expect(vim.capacity.subscribe(vim.admin, { resourceClass: "VCPU", measure: "available", targetValue: 10 }, (n) => got.push(n)).ok).toBe(true);
    const a = vim.compute.allocate(member, { flavourId: "small", count: 2 }); // 10 left: not below
    const b = vim.compute.allocate(member, { flavourId: "small", count: 2 }); // 8 left: DOWN once
    vim.compute.allocate(member, { flavourId: "small" }); // 7: still below, nothing
    for (const r of [b, a]) if (r.ok) for (const s of r.value) vim.compute.terminate(member, s["computeId"] as string);
    expect(got.map((n) => [n.direction, n.value])).toEqual([
      ["DOWN", 8],
      ["UP", 10],
    ]);
  });
});
