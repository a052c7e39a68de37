import { describe, expect, it } from "vitest";
import { accWorld, type AccWorld } from "../../testing/acc-world.js";
import { checkAccelerationInvariants } from "./acc-invariants.js";
import { AccelerationService } from "./acc-resource-service.js";

function boot(w: AccWorld, profile: string, count = 1) {
  const r = w.compute.allocate({ tenant: "t", flavour: w.flavours[profile]!, zone: undefined, groupId: undefined, name: undefined, metadata: {}, bootTimesMs: Array(count).fill(10_000), measured: true });
  return r;
}

describe("servers with a device profile (Nova + Cyborg)", () => {
  it("binds with the placement claim, is ACTIVE only once every ARQ is Bound, and terminate frees the handles (J1)", () => {
    const w = accWorld(4);
    const { servers } = boot(w, "mixed");
    const s = servers[0]!;
    expect(w.acc.arqsOf(s.id).map((a) => a.state)).toEqual(["BindStarted", "BindStarted", "BindStarted"]);
    expect(s.state.vmState).toBe("building");
    w.sim.run({ untilMs: 10_001 });
    expect(s.state.vmState).toBe("active");
    expect(w.acc.arqsOf(s.id).map((a) => a.state)).toEqual(["Bound", "Bound", "Bound"]);
    const host = w.nfvi.hostId(s.hostIndex);
    expect(w.acc.queryAccResource(host, { accType: "NIC" }).ok && w.acc.queryAccResource(host, { accType: "NIC" })).toMatchObject({ value: [{ usageState: "IN_USE" }] });
    expect(w.compute.terminate(s.no).ok).toBe(true);
    expect(w.acc.allArqs()).toEqual([]);
    expect(w.acc.pool.devices.every((d) => d.boundCount === 0)).toBe(true);
  });

  it("a device fault during the spawn fails the build and releases the other handles (INV-F3)", () => {
    const w = accWorld(4);
    const s = boot(w, "mixed").servers[0]!;
    const nic = w.acc.arqsOf(s.id).find((a) => a.group.type === "NIC")!;
    const device = w.acc.pool.device(nic.handle!.device)!;
    expect(w.acc.disableDevice(device.id, "link down").ok).toBe(true);
    w.sim.run({ untilMs: 10_001 });
    expect(s.state.vmState).toBe("error");
    expect(w.acc.arqsOf(s.id)).toEqual([]);
    expect(w.nfvi.allocation(s.id)).toBeUndefined();
    expect(w.acc.getAlarmInfo(w.nfvi.hostId(device.hostIndex)).ok).toBe(true);
  });

  it("resize, suspend and migrations are FORBIDDEN for servers with accelerators; others are not", () => {
    const w = accWorld(4);
    const s = boot(w, "gpu2").servers[0]!;
    const plain = boot(w, "none").servers[0]!;
    w.sim.run({ untilMs: 10_001 });
    for (const op of ["resize", "suspend", "migrate.live", "migrate.offline"] as const) {
      const r = w.compute.operate(s.no, op);
      expect(r.ok ? "ok" : r.error.kind).toBe("FORBIDDEN");
    }
    expect(w.compute.operate(plain.no, "suspend").ok).toBe(true);
    expect(w.compute.operate(s.no, "stop").ok).toBe(true);
  });

  it("evacuation rebinds the server's accelerators on the destination host (INV-F2)", () => {
    const w = accWorld(4);
    const s = boot(w, "gpu2").servers[0]!;
    w.sim.run({ untilMs: 10_001 });
    const from = s.hostIndex;
    w.nfvi.setHostState(from, "DOWN");
    expect(w.compute.hostFailed(s.no, (h) => h === from, "host down").ok).toBe(true);
    expect(w.compute.evacuate(s.no, 5_000).ok).toBe(true);
    expect(s.hostIndex).not.toBe(from);
    const arqs = w.acc.arqsOf(s.id);
    expect(arqs.map((a) => [a.state, a.hostIndex])).toEqual([["Bound", s.hostIndex], ["Bound", s.hostIndex]]);
    expect(w.acc.pool.devicesOf(from).every((no) => w.acc.pool.device(no)!.boundCount === 0)).toBe(true);
    expect(checkAccelerationInvariants(w.acc, new Map(w.compute.query().map((x) => [x.id, x] as const)))).toBeNull();
  });

  it("a rejection is not reused once handles change without the ledger (an onload made a matching device)", () => {
    const w = accWorld(2); // h00: fpga0 (ipsec-v1), fpga1 (fec-v2)
    expect(boot(w, "fec").error).toBeUndefined();
    expect(boot(w, "fec").error).toBeDefined();
    expect(w.acc.onloadAccImage("h00/fpga0", "fec-v2").ok).toBe(true);
    w.sim.run({ untilMs: 45_001 });
    expect(boot(w, "fec").error).toBeUndefined();
  });

  it("placement rejects hosts without free matching handles, with a countable reason", () => {
    const w = accWorld(2); // one host with two FPGAs (ipsec-v1, fec-v2)
    expect(boot(w, "ipsec").error).toBeUndefined();
    const second = boot(w, "ipsec");
    expect(second.error).toBeDefined();
    expect([...second.reasons!.keys()].some((r) => r.includes("FPGA"))).toBe(true);
  });
});

describe("IFA 019 bad input: typed errors, nothing changed", () => {
  it("onload on a bound device, release of an unbound request, a device of another host, unknown ids", () => {
    const w = accWorld(4);
    const s = boot(w, "ipsec").servers[0]!;
    w.sim.run({ untilMs: 10_001 });
    const arq = w.acc.arqsOf(s.id)[0]!;
    const device = w.acc.pool.device(arq.handle!.device)!;
    const other = w.acc.pool.devices.find((d) => d.hostIndex !== s.hostIndex)!;
    const before = w.log.count;
    const kind = (r: { ok: boolean; error?: { kind: string } }) => (r.ok ? "ok" : r.error!.kind);
    expect(kind(w.acc.onloadAccImage(device.id, "fec-v2"))).toBe("WRONG_STATE");
    expect(kind(w.acc.onloadAccImage(device.id, "no-such-image"))).toBe("NOT_FOUND");
    expect(kind(w.acc.onloadAccImage("h00/gpu0", "fec-v2"))).toBe("INVALID_ARGUMENT");
    expect(kind(w.acc.releaseAccResource("arq-999"))).toBe("NOT_FOUND");
    expect(kind(w.acc.allocateAccResource({ consumer: s.id, hostIndex: s.hostIndex }, { type: other.spec.type }, other.id))).toBe("INVALID_ARGUMENT");
    expect(kind(w.acc.queryAccResource("nowhere"))).toBe("NOT_FOUND");
    expect(w.log.count).toBe(before);
    expect(w.acc.releaseAccResource(arq.id).ok).toBe(true);
    expect(kind(w.acc.releaseAccResource(arq.id))).toBe("NOT_FOUND");
    // A request whose handle a device fault took (BindFailed) has no bound handle to release.
    const gpu = boot(w, "gpu2").servers[0]!;
    w.sim.run({ untilMs: 20_002 });
    const failed = w.acc.arqsOf(gpu.id)[0]!;
    w.acc.disableDevice(w.acc.pool.device(failed.handle!.device)!.id, "ECC errors");
    expect(failed.state).toBe("BindFailed");
    const count = w.log.count;
    expect(kind(w.acc.releaseAccResource(failed.id))).toBe("WRONG_STATE");
    expect(w.log.count).toBe(count);
  });

  it("onload reprograms an idle FPGA after the image's onload time; statistics count it and reset to 0", () => {
    const w = accWorld(2);
    const fpga = w.acc.pool.devices.find((d) => d.imageId === "ipsec-v1")!;
    const host = w.nfvi.hostId(fpga.hostIndex);
    const r = w.acc.onloadAccImage(fpga.id, "fec-v2");
    expect(r.ok && r.value.doneAtMs).toBe(45_000);
    expect(fpga.state).toBe("PROGRAMMING");
    expect(w.nfvi.accelerators!.bindProblem(fpga.hostIndex, [{ type: "FPGA", imageId: "fec-v2", count: 2 }])).toBe("insufficient FPGA handles");
    w.sim.run({ untilMs: 45_001 });
    expect([fpga.state, fpga.imageId, fpga.functions]).toEqual(["ENABLED", "fec-v2", ["fec"]]);
    expect(w.acc.getAccStatistics(host, { accResourceIds: [fpga.id] }, ["onloads", "programmingTimeMs"])).toEqual({ ok: true, value: { [fpga.id]: { onloads: 1, programmingTimeMs: 45_000 } } });
    expect(w.acc.resetAccStatistics(host, {}, ["onloads"]).ok).toBe(true);
    expect(w.acc.getAccStatistics(host, { accResourceIds: [fpga.id] }, ["onloads", "programmingTimeMs"])).toEqual({ ok: true, value: { [fpga.id]: { onloads: 0, programmingTimeMs: 45_000 } } });
  });

  it("subscribers are notified of alarms of their host; discovery after repair clears them", () => {
    const w = accWorld(2);
    const seen: string[] = [];
    const sub = w.acc.subscribe("h00", {}, (a, e) => seen.push(`${e} ${a.managedObjectId}`));
    expect(sub.ok).toBe(true);
    w.acc.disableDevice("h00/gpu0", "ECC errors");
    w.acc.disableDevice("h01/nic0", "link down");
    expect(w.acc.getAlarmInfo("h00")).toMatchObject({ ok: true, value: [{ managedObjectId: "h00/gpu0", clearedAtMs: null }] });
    w.acc.accResourcesDiscovery("h00");
    expect(seen).toEqual(["RAISED h00/gpu0", "CLEARED h00/gpu0"]);
    expect(w.acc.getAlarmInfo("h00")).toEqual({ ok: true, value: [] });
    expect(w.acc.unsubscribe("h00", sub.ok ? sub.value : "").ok).toBe(true);
    expect(w.acc.unsubscribe("h00", sub.ok ? sub.value : "").ok).toBe(false);
  });
});

describe("per-host calls on a large site", () => {
  it("find a host by id without a scan of the site: subscribing on every host reads each host id about once, not hosts² times (bench/hyperscale)", () => {
    const w = accWorld(400);
    let reads = 0;
    const acc = new AccelerationService(w.sim, w.acc.pool, (h) => (reads++, w.nfvi.hostId(h)), w.log);
    const hosts = w.acc.pool.hostCount;
    const ids = Array.from({ length: hosts }, (_, h) => w.nfvi.hostId(h));
    const heard: string[] = [];
    for (const id of ids) expect(acc.subscribe(id, {}, (a) => heard.push(a.hostId)).ok).toBe(true);
    expect(reads).toBeLessThanOrEqual(2 * hosts);
    expect(acc.subscribe("no-such-host", {}, () => undefined).ok).toBe(false);
    // Notify still reaches the subscribers of the device's host only.
    const device = w.acc.pool.devices[0]!;
    expect(acc.disableDevice(device.id, "link down").ok).toBe(true);
    expect(heard).toEqual([ids[device.hostIndex]]);
  });
});
