/**
 * Model-based test of the storage service against a reference that knows only sizes, attachments and
 * snapshot counts (not the status table): after every step, backend use per zone equals the sum of
 * live volume sizes and never exceeds capacity (EXHAUSTED exactly when the reference says the size
 * does not fit), a volume has more than one attachment only when multiattach (INV-G4), sizes never
 * shrink (INV-G5), and an attached volume is never deleted. Terminating everything returns every
 * backend to empty (INV-J2/J3).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventLog } from "../../metrics/index.js";
import { StorageService } from "./storage-service.js";
import { VOLUME_OPS, VOLUME_STATUSES, volumeTransition } from "./volume-machine.js";

const ZONES = [{ zoneId: "az1", capacityGb: 10 }, { zoneId: "az2", capacityGb: 25 }];
const COMPUTES = ["vm-1", "vm-2", "vm-3"];

interface MVolume { zone: string; sizeGb: number; multiattach: boolean; attached: string[]; snapshots: number }

const command = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("create" as const), zone: fc.nat(2), sizeGb: fc.integer({ min: 0, max: 9 }), multiattach: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("attach" as const), v: fc.nat(), c: fc.nat(2) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("detach" as const), v: fc.nat(), c: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("extend" as const), v: fc.nat(), byGb: fc.integer({ min: -2, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), v: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("snapshot" as const), v: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("deleteSnapshot" as const), s: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("detachCompute" as const), c: fc.nat(2) }) },
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

const kindOf = (r: { ok: boolean; error?: { kind: string } }): string => (r.ok ? "OK" : r.error!.kind);
const pickOf = <T>(m: Map<string, T>, n: number): string | undefined => [...m.keys()][n % Math.max(1, m.size)];
const usedIn = (model: Map<string, MVolume>, zone: string): number => [...model.values()].filter((v) => v.zone === zone).reduce((n, v) => n + v.sizeGb, 0);
const capacityOf = (zone: string): number => ZONES.find((z) => z.zoneId === zone)!.capacityGb;

function step(service: StorageService, model: Map<string, MVolume>, snaps: Map<string, string>, c: Command): void {
  if (c.kind === "create") {
    const zone = ["az1", "az2", "nowhere"][c.zone]!;
    const want = zone === "nowhere" ? "NOT_FOUND" : c.sizeGb === 0 ? "INVALID_ARGUMENT" : usedIn(model, zone) + c.sizeGb > capacityOf(zone) ? "EXHAUSTED" : "OK";
    const r = service.create({ tenantId: "t1", zoneId: zone, sizeOfStorageGb: c.sizeGb, multiattach: c.multiattach });
    expect(kindOf(r), `create ${c.sizeGb} GB in ${zone}`).toBe(want);
    if (r.ok) model.set(r.value.storageId, { zone, sizeGb: c.sizeGb, multiattach: c.multiattach, attached: [], snapshots: 0 });
    return;
  }
  if (c.kind === "detachCompute") {
    const compute = COMPUTES[c.c]!;
    const expected = [...model].filter(([, v]) => v.attached.includes(compute)).map(([id]) => id);
    expect(service.detachCompute(compute)).toEqual(expected);
    for (const id of expected) model.get(id)!.attached = model.get(id)!.attached.filter((x) => x !== compute);
    return;
  }
  if (c.kind === "deleteSnapshot") {
    const id = pickOf(snaps, c.s);
    if (id === undefined) return;
    expect(kindOf(service.deleteSnapshot(id))).toBe("OK");
    model.get(snaps.get(id)!)!.snapshots--;
    snaps.delete(id);
    return;
  }
  const id = pickOf(model, c.v);
  if (id === undefined) return;
  volumeStep(service, model, snaps, id, c);
}

function volumeStep(service: StorageService, model: Map<string, MVolume>, snaps: Map<string, string>, id: string, c: Command): void {
  const v = model.get(id)!;
  switch (c.kind) {
    case "attach": {
      const compute = COMPUTES[c.c]!;
      const want = v.attached.includes(compute) ? "CONFLICT" : v.attached.length > 0 && !v.multiattach ? "WRONG_STATE" : "OK";
      expect(kindOf(service.attach(id, compute)), `attach ${id}`).toBe(want);
      if (want === "OK") v.attached.push(compute);
      return;
    }
    case "detach": {
      const compute = COMPUTES[c.c]!;
      const want = v.attached.length === 0 ? "WRONG_STATE" : v.attached.includes(compute) ? "OK" : "NOT_FOUND";
      expect(kindOf(service.detach(id, compute)), `detach ${id}`).toBe(want);
      v.attached = v.attached.filter((x) => x !== compute);
      return;
    }
    case "extend": {
      const newSize = v.sizeGb + c.byGb;
      const want = c.byGb <= 0 ? "INVALID_ARGUMENT" : v.attached.length > 0 ? "WRONG_STATE" : usedIn(model, v.zone) + c.byGb > capacityOf(v.zone) ? "EXHAUSTED" : "OK";
      expect(kindOf(service.extend(id, newSize)), `extend ${id} by ${c.byGb}`).toBe(want);
      if (want === "OK") v.sizeGb = newSize;
      return;
    }
    case "delete": {
      const want = v.attached.length > 0 ? "WRONG_STATE" : v.snapshots > 0 ? "CONFLICT" : "OK";
      expect(kindOf(service.delete(id)), `delete ${id}`).toBe(want);
      if (want === "OK") model.delete(id);
      return;
    }
    case "snapshot": {
      const r = service.createSnapshot(id);
      expect(kindOf(r)).toBe("OK");
      if (r.ok) snaps.set(r.value.snapshotId, id);
      v.snapshots++;
      return;
    }
    default:
      return;
  }
}

function checkInvariants(service: StorageService, model: Map<string, MVolume>): void {
  for (const z of ZONES) {
    const usage = service.backendUsage(z.zoneId)!;
    expect(usage.usedGb, `${z.zoneId} use`).toBe(usedIn(model, z.zoneId));
    expect(usage.usedGb).toBeLessThanOrEqual(usage.capacityGb);
  }
  expect(service.query().map((v) => v.storageId)).toEqual([...model.keys()]);
  for (const [id, m] of model) {
    const v = service.volume(id)!;
    expect(v.sizeOfStorageGb, `${id} size (G5)`).toBe(m.sizeGb);
    expect(v.attachments.map((a) => a.computeId), `${id} attachments`).toEqual(m.attached);
    expect(v.attachments.length <= 1 || v.multiattach, `${id} multi-attach (G4)`).toBe(true);
    expect(v.status).toBe(m.attached.length > 0 ? "in-use" : "available");
    expect(v.snapshotIds.length).toBe(m.snapshots);
  }
}

describe("storage operations (model-based against Cinder's rules)", () => {
  it("keeps capacity, attachments and sizes as the model says, and terminate empties every backend", () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 60, size: "max" }), (commands) => {
        const service = new StorageService({ nowMs: 0 }, new EventLog({ keepRecords: true }), ZONES);
        const model = new Map<string, MVolume>();
        const snaps = new Map<string, string>();
        for (const c of commands) {
          step(service, model, snaps, c);
          checkInvariants(service, model);
        }
        for (const c of COMPUTES) service.detachCompute(c);
        const all = [...model.keys(), ...snaps.keys()];
        expect(service.terminate(all)).toEqual(all);
        for (const z of ZONES) expect(service.backendUsage(z.zoneId)!.usedGb).toBe(0);
        expect(service.query()).toEqual([]);
        expect(service.querySnapshots()).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("the status table: every (status, op) cell, and the log records each Cinder status change", () => {
    const legal = VOLUME_STATUSES.flatMap((s) => VOLUME_OPS.filter((op) => volumeTransition(s, op) !== undefined).map((op) => `${s}:${op}`));
    expect(legal).toEqual([
      "creating:create.complete", "creating:create.fail", "available:attach", "available:extend", "available:delete",
      "attaching:attach.complete", "attaching:attach.fail", "in-use:attach", "in-use:detach",
      "detaching:detach.complete", "detaching:detach.partial", "detaching:detach.fail",
      "extending:extend.complete", "extending:extend.fail", "deleting:delete.complete", "error:delete",
    ]);
    const log = new EventLog({ keepRecords: true });
    const service = new StorageService({ nowMs: 5 }, log, ZONES);
    const v = service.create({ tenantId: "t1", zoneId: "az1", sizeOfStorageGb: 2, storageName: "data", metadata: { b: "2", a: "1" } });
    expect(v.ok && service.attach(v.value.storageId, "vm-1").ok && service.detach(v.value.storageId, "vm-1").ok).toBe(true);
    expect(service.update("vol-1", { sizeOfStorageGb: 9 })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
    expect(service.update("vol-1", { storageName: "d2", removeMetadata: ["b"] }).ok).toBe(true);
    expect(service.query({ metadata: { a: "1" }, zoneId: "az1", status: ["available"] }).map((x) => x.storageName)).toEqual(["d2"]);
    expect(service.terminate(["vol-1", "vol-9"])).toEqual(["vol-1"]);
    expect(log.kept.map((r) => `${r.op}:${(r.after as { status?: string } | null)?.status ?? "-"}`)).toEqual([
      "create:creating", "create.complete:available", "attach:attaching", "attach.complete:in-use",
      "detach:detaching", "detach.complete:available", "update:available", "delete:deleting", "delete.complete:deleted",
    ]);
  });
});
