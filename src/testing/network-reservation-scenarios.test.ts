/**
 * The network lease scenario meets the expectations its comments promise (C1-C5, C8 through network
 * calls), runs the same twice, its summary section validates against summary.json's schema, and its
 * bad inputs are reported with positions before any run (exit 2, nothing written).
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../scenario/index.js";
import { runMarkdown } from "../report/index.js";
import { networkReservationsSection } from "../report/html/network-reservations-html.js";
import { refusedRunLines, shippedText } from "./cli-process.js";
import { loadShipped } from "./shipped-scenario.js";

const FILE = "scenarios/reservation/network-lease.yaml";

describe("network reservation scenario", () => {
  it("network-lease meets its expectations, the same on every run", () => {
    const r = loadShipped(FILE);
    const a = runScenario(r);
    expect(a.expectations.length).toBeGreaterThan(0);
    expect(a.expectations.filter((e) => !e.passed).map((e) => e.text)).toEqual([]);
    expect(a.summary.networkReservations?.leases.map((l) => [l.id, l.status])).toEqual([
      ["ip-lease", "TERMINATED"],
      ["keep-lease", "TERMINATED"],
      ["late-lease", "REFUSED"],
      ["idle-lease", "EXPIRED"],
    ]);
    // Without compute or storage entries, there is no compute or storage section.
    expect(a.summary.reservations).toBeUndefined();
    expect(a.summary.storageReservations).toBeUndefined();
    expect(runScenario(r).summary.run.digest).toBe(a.summary.run.digest);
    // Both reports show the section: counts, then each lease at the end.
    const md = runMarkdown(a);
    expect(md).toContain("## Network reservations");
    expect(md).toContain("| 3 | 1 | 210 | 20 | 3 | 3 | 1 | 2 | 0 | 223 | 10 | 2 |");
    expect(md).toContain("| ip-lease | nfv | 200 | 20 | core | 3 vlan | TERMINATED | yes | 0 |");
    const html = networkReservationsSection(a.summary).join("");
    expect(html).toContain("Network reservations");
    expect(html).toContain("idle-lease");
  });

  it("a storage lease asking for the before-end warning gets it, counted in the summary and the report", () => {
    const r = loadShipped("scenarios/reservation/storage-lease.yaml");
    const plain = runScenario(r);
    // Without beforeEnd (the shipped file) the counts have no warnings, as before.
    expect(plain.summary.storageReservations?.counts.beforeEndWarnings).toBeUndefined();
    const specs = r.storageReservations!.map((s) => (s.id === "db-lease" ? { ...s, beforeEndLeadMs: 1_800_000 } : s));
    const warned = runScenario({ ...r, storageReservations: specs });
    expect(warned.summary.storageReservations?.counts.beforeEndWarnings).toBe(1);
    expect(runMarkdown(warned)).toContain("| volumes kept | before-end warnings |");
    expect(warned.expectations.filter((e) => !e.passed).map((e) => e.text)).toEqual([]);
  });
});

describe("network reservation bad input at the command line", () => {
  it("is exit 2 with every problem at its position, nothing written", () => {
    const bad = shippedText(FILE)
      .replace("start: 1h, end: 6h, beforeEnd: 30m, network: { publicIps: 200, ports: 20, network: core,", "start: 1h, end: 6h, beforeEnd: 30m, network: { publicIps: 300, ports: 20, network: kore,")
      .replace("start: 2h, end: 8h, reclaim: keep", "start: 2h, end: 90m, reclaim: keep")
      .replace("call: createPort, name: early, network: core, reservation: ip-lease", "call: createPort, name: early, network: core, reservation: nope")
      .replace("{ at: 3h, as: nfv-ops, call: allocatePublicIp, reservation: keep-lease", "{ at: 3h, as: web-ops, call: allocatePublicIp, reservation: idle-lease")
      .replace("{ at: 9h, as: web-ops, call: allocatePublicIp, count: 30 }", "{ at: 9h, as: nfv-ops, call: allocatePublicIp, count: 30, reservation: ip-lease }");
    expect(refusedRunLines({ "models/reservation-site.yaml": shippedText("models/reservation-site.yaml"), "s/r/bad.yaml": bad }, "s/r/bad.yaml")).toEqual([
      "s/r/bad.yaml:17:100: reservations.0.network.publicIps: the reservation asks 300 public IPs, more than the 253 of the external network's pool",
      's/r/bad.yaml:17:125: reservations.0.network.network: unknown network "kore"; did you mean "core"? networks tenant nfv\'s calls create: core, slice-1, slice-2, slice-3, slice-4',
      "s/r/bad.yaml:18:60: reservations.1.end: end 90m is not after start 2h",
      's/r/bad.yaml:32:90: operations.calls.3.reservation: unknown network reservation "nope"; network reservations: idle-lease, ip-lease, keep-lease, late-lease',
      's/r/bad.yaml:37:67: operations.calls.8.reservation: network reservation "idle-lease" belongs to tenant nfv, not web',
      's/r/bad.yaml:39:78: operations.calls.10.reservation: network reservation "ip-lease" has ended by 9h (its window ends at 6h)',
    ]);
  });
});
