/**
 * The update-terminate scenario meets the expectations its comments promise (leases of every kind
 * updated and terminated by calls), runs the same twice, and a call naming an unknown reservation or
 * a field its kind lacks is exit 2 with its position before any run.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../scenario/index.js";
import { refusedRunLines, shippedText } from "./cli-process.js";
import { loadShipped } from "./shipped-scenario.js";

const FILE = "scenarios/reservation/update-terminate.yaml";

describe("reservation calls scenario", () => {
  it("update-terminate meets its expectations, the same on every run", () => {
    const spec = loadShipped(FILE);
    const a = runScenario(spec);
    expect(a.expectations.length).toBe(11);
    expect(a.expectations.filter((e) => !e.passed).map((e) => e.text)).toEqual([]);
    expect(a.summary.reservations?.leases.map((l) => [l.id, l.status])).toEqual([
      ["vnf-lease", "CANCELLED"],
      ["pool-lease", "TERMINATED"],
    ]);
    // The storage and network summaries show the leases as updated, not as the file booked them.
    expect(a.summary.storageReservations?.leases.map((l) => [l.id, l.status, l.gigabytes])).toEqual([["db-lease", "TERMINATED", 50000]]);
    expect(a.summary.networkReservations?.leases.map((l) => [l.id, l.status, l.publicIps])).toEqual([["ip-lease", "CANCELLED", 20]]);
    expect(runScenario(spec).summary.run.digest).toBe(a.summary.run.digest);
  });
});

describe("reservation calls bad input at the command line", () => {
  it("is exit 2 with every problem at its position, nothing written", () => {
    const bad = shippedText(FILE)
      .replace("call: terminateReservation, reservation: ip-lease }\n", "call: terminateReservation, reservation: ip-leas }\n")
      .replace("reservation: pool-lease, pool: { cores: 32", "reservation: db-lease, pool: { cores: 32")
      .replace("reservation: ip-lease, publicIps: 20 }", "reservation: vnf-lease, publicIps: 20 }");
    expect(refusedRunLines({ "models/reservation-site.yaml": shippedText("models/reservation-site.yaml"), "s/r/bad.yaml": bad }, "s/r/bad.yaml")).toEqual([
      's/r/bad.yaml:29:85: operations.calls.0.pool: reservation "db-lease" is a storage reservation: it has no pool to change',
      's/r/bad.yaml:36:90: operations.calls.7.publicIps: reservation "vnf-lease" is a containers reservation: it has no publicIps to change',
      's/r/bad.yaml:38:71: operations.calls.9.reservation: unknown reservation "ip-leas"; did you mean "ip-lease"? reservations: db-lease, ip-lease, pool-lease, vnf-lease',
    ]);
  });
});
