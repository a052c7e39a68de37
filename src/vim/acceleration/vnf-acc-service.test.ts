import { describe, expect, it } from "vitest";
import { accWorld } from "../../testing/acc-world.js";
import { VnfAccelerationService } from "./vnf-acc-service.js";

function boundServer() {
  const w = accWorld(2);
  const s = w.compute.allocate({ tenant: "t", flavour: w.flavours["ipsec"]!, zone: undefined, groupId: undefined, name: undefined, metadata: {}, bootTimesMs: [1000], measured: true }).servers[0]!;
  const arq = w.acc.arqsOf(s.id)[0]!;
  const vnf = new VnfAccelerationService(w.sim, w.acc, () => () => 4, undefined, w.log);
  return { w, s, arq, vnf };
}

describe("IFA 002 on a bound accelerator", () => {
  it("InitAcc needs the caller's Bound ARQ", () => {
    const { w, s, arq, vnf } = boundServer();
    expect(vnf.initAcc(s.id, arq.id)).toMatchObject({ ok: false, error: { kind: "WRONG_STATE" } }); // still BindStarted
    w.sim.run({ untilMs: 1001 });
    expect(vnf.initAcc("vm-999", arq.id)).toMatchObject({ ok: false, error: { kind: "NOT_FOUND" } });
    expect(vnf.initAcc(s.id, arq.id)).toEqual({ ok: true, value: { accType: "FPGA", functions: ["crypto"], image: "ipsec-v1" } });
    expect(vnf.initAcc(s.id, arq.id)).toMatchObject({ ok: false, error: { kind: "CONFLICT" } });
  });

  it("configuration: modify (with its event), get by selector, reset", () => {
    const { w, s, arq, vnf } = boundServer();
    w.sim.run({ untilMs: 1001 });
    vnf.initAcc(s.id, arq.id);
    const events: string[] = [];
    vnf.registerForAccEvent(arq.id, "configChanged", (e, m) => events.push(`${e}:${JSON.stringify(m)}`));
    vnf.modifyAccConfiguration(arq.id, { mode: "gcm", keyBits: "256" });
    expect(vnf.getAccConfigs(arq.id, ["mode"])).toEqual({ ok: true, value: { mode: "gcm" } });
    expect(events).toEqual(['configChanged:{"keys":["keyBits","mode"]}']);
    vnf.resetAccConfigs(arq.id, ["mode"]);
    expect(vnf.getAccConfigs(arq.id)).toEqual({ ok: true, value: { keyBits: "256" } });
    expect(w.log.kept.filter((r) => r.entity === "vaccel").map((r) => [r.op, r.after])).toEqual([
      ["init", { function: "crypto", config: {} }],
      ["config.modify", { config: { keyBits: "256", mode: "gcm" } }],
      ["config.reset", { config: { keyBits: "256" } }],
    ]);
    expect(vnf.deRegisterForAccEvent(arq.id, "configChanged").ok).toBe(true);
    expect(vnf.deRegisterForAccEvent(arq.id, "configChanged").ok).toBe(false);
  });

  it("send, data-available notification, receive; synchronous AccData replies after service; ReleaseAcc ends the session", () => {
    const { w, s, arq, vnf } = boundServer();
    w.sim.run({ untilMs: 1001 });
    vnf.initAcc(s.id, arq.id);
    const available: number[] = [];
    vnf.registerForAccDataAvailableEvent(arq.id, "ch0", () => available.push(w.sim.nowMs));
    vnf.accSendData(arq.id, "ch0", "p1");
    vnf.accSendData(arq.id, "ch0", "p2");
    const replies: number[] = [];
    vnf.accData(arq.id, "ch1", "q", (_out, latencyMs) => replies.push(latencyMs));
    w.sim.run({ untilMs: 2000 });
    expect(available).toEqual([1005, 1009]);
    expect(replies).toEqual([12]);
    expect(vnf.accReceiveData(arq.id, "ch0", 1)).toEqual({ ok: true, value: ["p1"] });
    expect(vnf.accReceiveData(arq.id, "ch0", 5)).toEqual({ ok: true, value: ["p2"] });
    expect(w.acc.getAccStatistics("h00", { accResourceIds: [w.acc.pool.device(arq.handle!.device)!.id] }, ["requestsServed", "busyTimeMs"])).toMatchObject({ ok: true, value: { "h00/fpga0": { requestsServed: 3, busyTimeMs: 12 } } });
    expect(vnf.releaseAcc(arq.id)).toEqual({ ok: true, value: 0 });
    expect(vnf.accSendData(arq.id, "ch0", "p3")).toMatchObject({ ok: false, error: { kind: "WRONG_STATE" } });
  });

  it("a session ends when its ARQ is released (the VNF is told)", () => {
    const { w, s, arq, vnf } = boundServer();
    w.sim.run({ untilMs: 1001 });
    vnf.initAcc(s.id, arq.id);
    const events: string[] = [];
    vnf.registerForAccEvent(arq.id, "accReleased", (e) => events.push(e));
    w.compute.terminate(s.no);
    vnf.sweep();
    expect(events).toEqual(["accReleased"]);
    expect(vnf.sessionIds()).toEqual([]);
  });
});
