/**
 * Pool reservations with an acceleration capability (IFA computePoolReservation.computeAttributes
 * .accelerationCapability, INV-F7 for pools): admission needs free matching handles on the pool's
 * hosts, they are held away from ordinary demand, a server of the profile drawing from the pool takes
 * one set and gives it back when it goes inside the window, other servers draw cores and RAM only, and
 * the end, a refused update or a terminate leave the accelerator table sound.
 */
import { describe, expect, it } from "vitest";
import { RC_MEMORY_MB, RC_VCPU } from "../../domain/index.js";
import { accHoldProblem, accRequest, accWorld, freeGpuHandles, PROFILES } from "../../testing/acc-world.js";

const pool = (count: number) => ({ numCpuCores: 8, virtualMemSizeMb: 16384, numVcInstances: 4, acceleration: { deviceProfile: PROFILES["gpu2"]!, count } });

describe("pool reservations with accelerators (INV-F7)", () => {
  it("holds the sets on the pool's host, gives them to servers of the profile, and frees them at the end", () => {
    // Two hosts (one per zone) with one 4-handle GPU each; a gpu2 set is 2 handles.
    const w = accWorld(2, { reservations: true });
    const resv = w.reservations!;
    const gpu2 = w.flavours["gpu2"]!;
    expect(resv.create({ reservationId: "p", tenantId: "t1", zoneId: "az1", startMs: 100, endMs: 1000, pool: pool(2) }).ok).toBe(true);
    expect(resv.accHolds.view("p")).toEqual(["h00/gpu0#0", "h00/gpu0#1", "h00/gpu0#2", "h00/gpu0#3"]);
    expect(freeGpuHandles(w)).toBe(4);
    expect(accHoldProblem(w)).toBeNull();
    // Ordinary gpu2 demand finds only the other host's GPU.
    expect(w.compute.allocate(accRequest("t2", gpu2)).error).toBeUndefined();
    expect(w.compute.allocate(accRequest("t2", gpu2)).error).toBeUndefined();
    expect(w.compute.allocate(accRequest("t2", gpu2)).error).toBeDefined();
    w.sim.run({ untilMs: 101 });
    const bound = resv.allocateBound("p", accRequest("t1", gpu2, 2));
    expect(bound.ok && bound.value.failure).toBeUndefined();
    w.sim.run({ untilMs: 200 });
    const servers = bound.ok ? bound.value.servers : [];
    expect(servers.map((s) => w.acc.arqsOf(s.id).filter((a) => a.state === "Bound").length)).toEqual([2, 2]);
    expect(resv.accHolds.view("p")).toEqual([]);
    expect(accHoldProblem(w)).toBeNull();
    // The two sets are used: a third gpu2 server is refused, a server without accelerators still draws cores.
    expect(resv.allocateBound("p", accRequest("t1", gpu2))).toMatchObject({ ok: false, error: { kind: "EXHAUSTED" } });
    const plain = resv.allocateBound("p", accRequest("t1", w.flavours["none"]!));
    expect(plain.ok && plain.value.failure).toBeUndefined();
    // A server of the pool deleted inside the window gives its set back to the pool.
    expect(w.compute.terminate(servers[0]!.no).ok).toBe(true);
    expect(resv.accHolds.view("p")).toHaveLength(2);
    expect(accHoldProblem(w)).toBeNull();
    w.sim.run({ untilMs: 1001 });
    expect(resv.accHolds.has("p")).toBe(false);
    expect(accHoldProblem(w)).toBeNull();
  });

  it("spreads the sets beyond the host its cores would pack onto, each set with its share of cores and RAM", () => {
    // az1 is h00 and h01, 16 cores and one 4-handle GPU (2 gpu2 sets) each. 16 cores fit h00 alone,
    // where packing the cores first put them, and then found only 2 of the 4 sets (refused before the fix).
    const w = accWorld(4, { reservations: true });
    const resv = w.reservations!;
    const created = resv.create({ reservationId: "p", tenantId: "t1", zoneId: "az1", startMs: 100, endMs: 1000, pool: { numCpuCores: 16, virtualMemSizeMb: 16384, numVcInstances: 4, acceleration: { deviceProfile: PROFILES["gpu2"]!, count: 4 } } });
    expect(created.ok && created.value.placements.map((p) => [p.host, p.amounts[RC_VCPU], p.amounts[RC_MEMORY_MB], p.accSets])).toEqual([[0, 8, 8192, 2], [1, 8, 8192, 2]]);
    expect(resv.accHolds.view("p")).toEqual(["h00/gpu0#0", "h00/gpu0#1", "h00/gpu0#2", "h00/gpu0#3", "h01/gpu0#0", "h01/gpu0#1", "h01/gpu0#2", "h01/gpu0#3"]);
    expect(accHoldProblem(w)).toBeNull();
    // Four servers of the profile (2 cores, 4 GB) bind the four sets, two on each host.
    w.sim.run({ untilMs: 101 });
    const bound = resv.allocateBound("p", accRequest("t1", w.flavours["gpu2"]!, 4));
    expect(bound.ok && bound.value.failure).toBeUndefined();
    w.sim.run({ untilMs: 200 });
    const servers = bound.ok ? bound.value.servers : [];
    expect(servers.map((s) => w.nfvi.hostId(s.hostIndex!))).toEqual(["h00", "h00", "h01", "h01"]);
    expect(servers.map((s) => w.acc.arqsOf(s.id).filter((a) => a.state === "Bound").length)).toEqual([2, 2, 2, 2]);
    expect(accHoldProblem(w)).toBeNull();
  });

  it("is refused when the zone lacks the sets (countable: sets) or the room beside them (countable: cores or RAM), and keeps its sets on a refused update", () => {
    const w = accWorld(2, { reservations: true });
    const resv = w.reservations!;
    // az1 is h00 alone, whose GPU has 2 sets: 3 are refused (h01, with 2 more, is in az2).
    expect(resv.create({ tenantId: "t1", zoneId: "az1", startMs: 100, endMs: 1000, pool: pool(3) })).toMatchObject({ ok: false, error: { kind: "NO_VALID_HOST", detail: { "insufficient accelerator sets": 1 } } });
    // 2 sets exist on h00, but a lease without accelerators leaves 8 GB there, less than the pool's 16 GB.
    const ramMb = w.nfvi.capacity(0, RC_MEMORY_MB) - 8192;
    expect(resv.create({ reservationId: "cpu", tenantId: "t1", zoneId: "az1", startMs: 100, endMs: 1000, pool: { numCpuCores: 1, virtualMemSizeMb: ramMb, numVcInstances: 1 } }).ok).toBe(true);
    expect(resv.create({ tenantId: "t1", zoneId: "az1", startMs: 100, endMs: 1000, pool: pool(2) })).toMatchObject({ ok: false, error: { kind: "NO_VALID_HOST", detail: { "insufficient cores or RAM beside free accelerator sets": 1 } } });
    expect(resv.terminate("cpu").ok).toBe(true);
    expect(freeGpuHandles(w)).toBe(8);
    expect(resv.create({ tenantId: "t1", zoneId: "az1", startMs: 100, endMs: 1000, pool: { ...pool(1), acceleration: { deviceProfile: PROFILES["gpu2"]!, count: 5 } } })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
    expect(resv.create({ reservationId: "p", tenantId: "t1", zoneId: "az1", startMs: 100, endMs: 1000, pool: pool(1) }).ok).toBe(true);
    expect(freeGpuHandles(w)).toBe(6);
    expect(resv.update("p", { pool: pool(2) }).ok).toBe(true);
    expect(freeGpuHandles(w)).toBe(4);
    expect(resv.update("p", { pool: pool(3) })).toMatchObject({ ok: false, error: { kind: "NO_VALID_HOST" } });
    expect(resv.accHolds.view("p")).toHaveLength(4);
    expect(resv.get("p")!.poolAcceleration?.count).toBe(2);
    // A new pool that does not restate its accelerators keeps them (IFA: absent is unchanged), checked against its instances.
    expect(resv.update("p", { pool: { numCpuCores: 4, virtualMemSizeMb: 8192, numVcInstances: 2 } }).ok).toBe(true);
    expect(resv.accHolds.view("p")).toHaveLength(4);
    expect(resv.update("p", { pool: { numCpuCores: 4, virtualMemSizeMb: 8192, numVcInstances: 1 } })).toMatchObject({ ok: false, error: { kind: "INVALID_ARGUMENT" } });
    // Terminate frees everything.
    expect(resv.terminate("p").ok).toBe(true);
    expect(freeGpuHandles(w)).toBe(8);
    expect(accHoldProblem(w)).toBeNull();
  });
});
