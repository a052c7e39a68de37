/**
 * The shipped fault scenarios (scenarios/faults) on the small lab model run with every expectation
 * met, and their reports carry the availability section (report.md and report.html); the year on
 * the regional site is left to npm start and the `faults` benchmark (seconds per run).
 */
import { describe, expect, it } from "vitest";
import { loadChartKit, renderRunFiles } from "../report/index.js";
import { runScenario } from "../scenario/index.js";
import { loadShipped } from "./shipped-scenario.js";

const kit = await loadChartKit();

describe("scenarios/faults", () => {
  for (const name of ["rack-power-loss", "zone-outage", "flapping-host"]) {
    it(`${name} meets its expectations and reports availability`, () => {
      const result = runScenario(loadShipped(`scenarios/faults/${name}.yaml`));
      expect(result.expectations.filter((e) => !e.passed).map((e) => e.text)).toEqual([]);
      const files = renderRunFiles(result, kit);
      expect(files.get("report.md")).toContain("## Availability");
      expect(files.get("report.md")).toMatch(/Doctor: fault → consumer notified \| MET/);
      expect(files.get("report.html")).toContain("<h2>Availability</h2>");
      // k of n: the fleet mean is the mean of the per-host shares; the site's "all up" share is the fewest.
      const a = result.summary.availability!;
      expect(a.hostAvailability.mean).toBeCloseTo(1 - a.capacity.meanShareDown, 8);
      expect(a.hostsUp["all"]!.atLeast["0"]).toBe(1);
      expect(a.hostsUp["all"]!.hosts - a.hostsUp["all"]!.minUp).toBe(a.capacity.peakHostsDown);
      expect(files.get("report.md")).toContain("### Hosts up (k of n)");
    });
  }

  it("accelerator-faults: the cards fail and come back two hours later, and no host or CPU-only server is touched", () => {
    const spec = loadShipped("scenarios/faults/accelerator-faults.yaml");
    const result = runScenario({ ...spec, output: { ...spec.output, trace: true } });
    expect(result.expectations.filter((e) => !e.passed).map((e) => e.text)).toEqual([]);
    const changes = result.records.filter((r) => r.entity === "accelerator" && (r.op === "disable" || r.op === "enable"));
    const cards = changes.filter((r) => r.id.includes("/gpu")).map((r) => [r.id, r.op, r.timeMs / 3_600_000]);
    // The FPGA failure process: each card alternates failure and repair, one hour apart.
    const fpga = changes.filter((r) => r.id.includes("/fpga"));
    expect(fpga.length).toBeGreaterThan(0);
    for (const id of new Set(fpga.map((r) => r.id))) {
      const mine = fpga.filter((r) => r.id === id);
      mine.forEach((r, i) => expect(r.op, `${id} #${i}`).toBe(i % 2 === 0 ? "disable" : "enable"));
      for (let i = 1; i < mine.length; i += 2) expect(mine[i]!.timeMs - mine[i - 1]!.timeMs).toBe(3_600_000);
    }
    expect(cards).toEqual([
      ["az1-r01-h005/gpu0", "disable", 4],
      ["az1-r01-h006/gpu1", "disable", 5],
      ["az1-r01-h005/gpu0", "enable", 6],
      ["az1-r01-h006/gpu1", "enable", 7],
    ]);
    // The device dies, the host lives: no host changes state and no server fails with its host.
    expect(result.records.filter((r) => r.entity === "host" || r.op === "host.fail")).toEqual([]);
  });

  it("the rack power loss keeps the control plane's anti-affinity through the evacuation (INV-E4), step by step", () => {
    const spec = loadShipped("scenarios/faults/rack-power-loss.yaml");
    const result = runScenario({ ...spec, output: { ...spec.output, trace: true } });
    // The six control-plane servers are the ones with a priority; follow their hosts through the trace.
    const hostOf = new Map<string, string | null>();
    let evacuated = 0;
    for (const r of result.records) {
      const after = r.after as { host?: string | null; metadata?: Record<string, string> } | null;
      if (r.entity !== "server" || after?.metadata?.["priority"] !== "10") continue;
      hostOf.set(r.id, after.host ?? null);
      if (r.op === "evacuate") evacuated++;
      const hosts = [...hostOf.values()].filter((h): h is string => h !== null);
      expect(new Set(hosts).size, `after ${r.op} of ${r.id} at ${r.timeMs} ms`).toBe(hosts.length);
    }
    expect(hostOf.size).toBe(6);
    expect(evacuated).toBeGreaterThan(0);
  });

  it("the rack power loss correlates every alarm to the PDU's root-cause alarm", () => {
    const a = runScenario(loadShipped("scenarios/faults/rack-power-loss.yaml")).summary.availability!;
    expect(a.alarms.raisedByType).toMatchObject({ PDU: 1, COMPUTE_HOST: 10 });
    expect(a.servers.lost + a.servers.downAtEnd).toBe(0);
    expect(a.evacuations.succeeded).toBe(a.evacuations.started);
  });
});
