/**
 * Reservations of a device-profile flavour hold their accelerator handles (INV-F7, C2 for handles):
 * admission counts free matching handles, ordinary GPU demand cannot take the held ones, the reserved
 * servers get them, a reserved server's handles go back to the hold while the lease is active, and
 * the end frees what is left (C4/C5).
 */
import { describe, expect, it } from "vitest";
import { accHoldProblem, accRequest, accWorld, freeGpuHandles } from "../../testing/acc-world.js";

describe("reservations holding accelerators (INV-F7)", () => {
  it("keeps ordinary GPU demand off the held handles, gives them to the reserved servers and frees them at the end", () => {
    // Two hosts with one 4-handle GPU each: 8 GPU handles; gpu2 servers take 2.
    const w = accWorld(2, { reservations: true });
    const gpu2 = w.flavours["gpu2"]!;
    const resv = w.reservations!;
    expect(resv.create({ reservationId: "lease", tenantId: "t1", startMs: 100, endMs: 1000, beforeEndLeadMs: 0, container: { flavour: gpu2, count: 2 } }).ok).toBe(true);
    expect(freeGpuHandles(w)).toBe(4);
    expect(resv.accHolds.view("lease")).toHaveLength(4);
    expect(accHoldProblem(w)).toBeNull();
    // Ordinary demand: two gpu2 servers fit the unheld handles, the third is refused by the accelerator filter.
    expect(w.compute.allocate(accRequest("t2", gpu2, 2)).error).toBeUndefined();
    const refused = w.compute.allocate(accRequest("t2", gpu2));
    expect(refused.error).toBeDefined();
    expect([...refused.reasons!.keys()]).toContain("insufficient GPU handles");
    // Nor can another reservation of GPU slots be admitted on handles already held.
    expect(resv.create({ tenantId: "t2", startMs: 2000, endMs: 3000, container: { flavour: gpu2, count: 1 } })).toMatchObject({ ok: false, error: { kind: "NO_VALID_HOST" } });
    w.sim.run({ untilMs: 101 });
    const bound = resv.allocateBound("lease", accRequest("t1", gpu2, 2));
    expect(bound.ok && bound.value.failure).toBeUndefined();
    w.sim.run({ untilMs: 200 });
    const servers = bound.ok ? bound.value.servers : [];
    expect(servers.map((s) => s.state.vmState)).toEqual(["active", "active"]);
    expect(servers.map((s) => w.acc.arqsOf(s.id).filter((a) => a.state === "Bound").length)).toEqual([2, 2]);
    expect(resv.accHolds.view("lease")).toHaveLength(0);
    expect(freeGpuHandles(w)).toBe(0);
    expect(accHoldProblem(w)).toBeNull();
    // A reserved server deleted inside the window gives its handles back to the lease, not to everyone.
    expect(w.compute.terminate(servers[0]!.no).ok).toBe(true);
    expect(resv.accHolds.view("lease")).toHaveLength(2);
    expect(freeGpuHandles(w)).toBe(0);
    expect(w.compute.allocate(accRequest("t2", gpu2)).error).toBeDefined();
    expect(accHoldProblem(w)).toBeNull();
    // At the end the remaining server is reclaimed and every held handle is free (C5).
    w.sim.run({ untilMs: 1001 });
    expect(resv.get("lease")!.status.ifa).toBe("TERMINATED");
    expect(resv.accHolds.has("lease")).toBe(false);
    expect(freeGpuHandles(w)).toBe(4);
    expect(w.compute.allocate(accRequest("t2", gpu2, 2)).error).toBeUndefined();
    expect(accHoldProblem(w)).toBeNull();
  });

  it("frees the held handles of a lease that expires unused, and of a terminated one at once (C4, C9)", () => {
    const w = accWorld(2, { reservations: true });
    const gpu2 = w.flavours["gpu2"]!;
    const resv = w.reservations!;
    expect(resv.create({ reservationId: "a", tenantId: "t1", startMs: 10, endMs: 1000, expiryMs: 50, container: { flavour: gpu2, count: 1 } }).ok).toBe(true);
    expect(resv.create({ reservationId: "b", tenantId: "t1", startMs: 10, endMs: 1000, container: { flavour: gpu2, count: 2 } }).ok).toBe(true);
    expect(freeGpuHandles(w)).toBe(2);
    w.sim.run({ untilMs: 51 });
    expect(resv.get("a")!.status.ifa).toBe("EXPIRED");
    expect(freeGpuHandles(w)).toBe(4);
    expect(resv.terminate("b").ok).toBe(true);
    expect(freeGpuHandles(w)).toBe(8);
    expect(accHoldProblem(w)).toBeNull();
  });

  it("refuses a lease whose slots the free handles cannot hold, and places slots only where handles are", () => {
    const w = accWorld(2, { reservations: true });
    const resv = w.reservations!;
    // 8 GPU handles: five gpu2 slots need 10; the CPU and RAM would fit.
    expect(resv.create({ tenantId: "t1", container: { flavour: w.flavours["gpu2"]!, count: 5 } })).toMatchObject({ ok: false, error: { kind: "NO_VALID_HOST" } });
    expect(freeGpuHandles(w)).toBe(8);
    // FEC FPGAs exist only on even hosts: the slot goes to h00 whatever the next-fit cursor says.
    const fec = resv.create({ tenantId: "t1", container: { flavour: w.flavours["fec"]!, count: 1 } });
    expect(fec.ok && fec.value.placements.map((p) => p.host)).toEqual([0]);
    expect(w.nfvi.accelerators!.bindProblem(0, [{ type: "FPGA", imageId: "fec-v2", count: 1 }])).toBe("insufficient FPGA handles");
    expect(accHoldProblem(w)).toBeNull();
  });

  it("re-admits a PENDING lease's handles on Update, and keeps the old ones when the new shape does not fit", () => {
    const w = accWorld(2, { reservations: true });
    const resv = w.reservations!;
    expect(resv.create({ reservationId: "lease", tenantId: "t1", startMs: 100, endMs: 1000, container: { flavour: w.flavours["gpu2"]!, count: 2 } }).ok).toBe(true);
    expect(freeGpuHandles(w)).toBe(4);
    // Three gpu2 slots need 6 of the 8 handles: admitted with its own 4 counted free.
    expect(resv.update("lease", { container: { flavour: w.flavours["gpu2"]!, count: 3 } }).ok).toBe(true);
    expect(freeGpuHandles(w)).toBe(2);
    // Five need 10: refused, and the lease still holds its 6.
    expect(resv.update("lease", { container: { flavour: w.flavours["gpu2"]!, count: 5 } })).toMatchObject({ ok: false, error: { kind: "NO_VALID_HOST" } });
    expect(resv.accHolds.view("lease")).toHaveLength(6);
    // A flavour without a device profile holds no handle at all.
    expect(resv.update("lease", { container: { flavour: w.flavours["none"]!, count: 2 } }).ok).toBe(true);
    expect(resv.accHolds.has("lease")).toBe(false);
    expect(freeGpuHandles(w)).toBe(8);
    expect(accHoldProblem(w)).toBeNull();
  });

  it("keeps held handles on a failed device held (no ARQ fails) and refuses the reserved server there", () => {
    const w = accWorld(2, { reservations: true });
    const gpu2 = w.flavours["gpu2"]!;
    const resv = w.reservations!;
    expect(resv.create({ reservationId: "lease", tenantId: "t1", container: { flavour: gpu2, count: 1 } }).ok).toBe(true);
    expect(w.acc.disableDevice("h00/gpu0", "card failure").ok).toBe(true);
    expect(accHoldProblem(w)).toBeNull();
    const bound = resv.allocateBound("lease", accRequest("t1", gpu2));
    expect(bound.ok && bound.value.failure).toMatchObject({ kind: "NO_VALID_HOST" });
    // The slot's handles are held again (the device still has them), and come back usable on rediscovery.
    expect(resv.accHolds.view("lease")).toHaveLength(2);
    expect(accHoldProblem(w)).toBeNull();
    w.acc.accResourcesDiscovery("h00");
    const again = resv.allocateBound("lease", accRequest("t1", gpu2));
    expect(again.ok && again.value.failure).toBeUndefined();
    expect(accHoldProblem(w)).toBeNull();
  });
});
