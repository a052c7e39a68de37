/**
 * Bad reservation input in a scenario file is exit 2 with its position (file:line:column: path:
 * message): an end before the start, a start in the past, an expiry outside the window, a
 * reservation larger than its zone, unknown references, and requests drawing from another tenant's
 * reservation or with another flavour than its slots'.
 */
import { describe, expect, it } from "vitest";
import { reservationLoadErrors, slotModel } from "../../testing/scenario-files.js";

const MODEL = slotModel(4, 8).replace("tenants:\n  - { id: t }", "tenants:\n  - { id: t }\n  - { id: u }");

function errors(reservations: string, requests = "    - { at: 1h, tenant: t, flavour: one }"): string[] {
  return reservationLoadErrors(MODEL, reservations, requests);
}

describe("scenario reservations", () => {
  it("accepts a well-formed lease and a request drawing from it", () => {
    expect(errors("  - { id: a, tenant: t, start: 1h, end: 2h, containers: { flavour: one, count: 4 } }", "    - { at: 1h, tenant: t, flavour: one, reservation: a }")).toEqual([]);
  });

  it("reports bad windows with their positions", () => {
    expect(errors("  - { id: a, tenant: t, start: 3h, end: 2h, pool: { cores: 4, ramMb: 1, instances: 1 } }")).toEqual(["s.yaml:6:41: reservations.0.end: end 2h is not after start 3h"]);
    expect(errors("  - { id: a, tenant: t, at: 2h, start: 1h, end: 3h, pool: { cores: 4, ramMb: 1, instances: 1 } }")).toEqual(["s.yaml:6:40: reservations.0.start: start 1h is before the reservation is requested at 2h (a start in the past)"]);
    expect(errors("  - { id: a, tenant: t, start: 1h, end: 3h, expiry: 4h, pool: { cores: 4, ramMb: 1, instances: 1 } }")).toEqual(["s.yaml:6:53: reservations.0.expiry: expiry 4h is not inside the window (start, end)"]);
  });

  it("reports a reservation larger than its zone", () => {
    expect(errors("  - { id: a, tenant: t, zone: az1, pool: { cores: 33, ramMb: 1, instances: 1 } }")).toEqual([
      "s.yaml:6:42: reservations.0.pool: the reservation asks 33 VCPU, more than the 32 of zone az1",
    ]);
  });

  it("reports requests that draw from an unknown or another tenant's reservation, or with another flavour", () => {
    const lease = "  - { id: a, tenant: t, containers: { flavour: one, count: 1 } }";
    expect(errors(lease, "    - { at: 1h, tenant: t, flavour: one, reservation: b }")).toEqual(['s.yaml:9:55: workload.requests.0.reservation: unknown reservation "b"; defined reservations: a']);
    expect(errors(lease, "    - { at: 1h, tenant: u, flavour: one, reservation: a }")).toEqual(['s.yaml:9:55: workload.requests.0.reservation: reservation "a" belongs to tenant t, not u']);
  });

  it("rejects unknown fields (strict schema)", () => {
    expect(errors("  - { id: a, tenant: t, color: red, pool: { cores: 4, ramMb: 1, instances: 1 } }")[0]).toMatch(/^s\.yaml:6:\d+: reservations\.0\.color: /);
  });
});
