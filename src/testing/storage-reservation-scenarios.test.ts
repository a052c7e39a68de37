/**
 * The storage lease scenario meets the expectations its comments promise (C1-C5 through createVolume
 * calls), runs the same twice, and its bad inputs are reported with positions before any run.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../scenario/index.js";
import { refusedRunLines, shippedText } from "./cli-process.js";
import { loadShipped } from "./shipped-scenario.js";

const FILE = "scenarios/reservation/storage-lease.yaml";

describe("storage reservation scenario", () => {
  it("storage-lease meets its expectations, the same on every run", () => {
    const r = loadShipped(FILE);
    const a = runScenario(r);
    expect(a.expectations.length).toBeGreaterThan(0);
    expect(a.expectations.filter((e) => !e.passed).map((e) => e.text)).toEqual([]);
    expect(a.summary.storageReservations?.leases.map((l) => [l.id, l.status])).toEqual([
      ["db-lease", "TERMINATED"],
      ["keep-lease", "TERMINATED"],
      ["late-lease", "REFUSED"],
      ["idle-lease", "EXPIRED"],
    ]);
    // Without storage entries, a reservation scenario has no storage section.
    expect(a.summary.reservations).toBeUndefined();
    expect(runScenario(r).summary.run.digest).toBe(a.summary.run.digest);
  });
});

describe("storage reservation bad input at the command line", () => {
  it("is exit 2 with every problem at its position, nothing written", () => {
    const bad = shippedText(FILE)
      .replace("storage: { gigabytes: 60000, volumes: 3 }", "storage: { gigabytes: 600000, volumes: 3 }")
      .replace("reservation: keep-lease }", "reservation: nope }");
    expect(refusedRunLines({ "models/reservation-site.yaml": shippedText("models/reservation-site.yaml"), "s/r/bad.yaml": bad }, "s/r/bad.yaml")).toEqual([
      "s/r/bad.yaml:15:87: reservations.0.storage.gigabytes: the reservation asks 600000 GB, more than the 100000 GB of a zone's volume backend",
      's/r/bad.yaml:36:103: operations.calls.9.reservation: unknown storage reservation "nope"; storage reservations: db-lease, idle-lease, keep-lease, late-lease',
    ]);
  });
});
