/**
 * Bad storage reservation input is exit 2 with its position (file:line:column: path: message): more
 * GB than a zone's backend, compute or network fields on a storage entry, a bad window, an unknown field (strict
 * schema), and createVolume calls naming an unknown or a compute reservation.
 */
import { describe, expect, it } from "vitest";
import { reservationLoadErrors, slotModel } from "../../testing/scenario-files.js";

const MODEL = slotModel(4, 8).replace("tenants:\n  - { id: t }", "tenants:\n  - { id: t, users: [{ id: tu, roles: [member] }] }");

function errors(reservations: string, call = "    - { at: 1h, as: tu, call: createVolume, name: v, sizeGb: 5 }"): string[] {
  return reservationLoadErrors(MODEL, reservations, "    - { at: 1h, tenant: t, flavour: one }", call);
}

describe("scenario storage reservations", () => {
  it("accepts a storage lease and a volume drawing from it", () => {
    expect(errors("  - { id: s, tenant: t, start: 1h, end: 2h, storage: { gigabytes: 100, volumes: 2 } }", "    - { at: 1h, as: tu, call: createVolume, name: v, sizeGb: 5, reservation: s }")).toEqual([]);
  });

  it("reports more GB than a zone's backend, compute fields, bad windows and unknown fields with their positions", () => {
    expect(errors("  - { id: s, tenant: t, storage: { gigabytes: 100001 } }")).toEqual(["s.yaml:6:47: reservations.0.storage.gigabytes: the reservation asks 100001 GB, more than the 100000 GB of a zone's volume backend"]);
    // A storage lease may ask for the before-end warning (INV-C8); a network field is not its.
    expect(errors("  - { id: s, tenant: t, start: 1h, end: 3h, beforeEnd: 1h, storage: { gigabytes: 1 } }")).toEqual([]);
    expect(errors("  - { id: s, tenant: t, network: { publicIps: 1 }, storage: { gigabytes: 1 } }")).toEqual([
      "s.yaml:6:34: reservations.0.network: a storage reservation has no network (it reserves storage)",
      "s.yaml:6:61: reservations.0.storage: a network reservation has no storage (it reserves network resources)",
    ]);
    expect(errors("  - { id: s, tenant: t, start: 3h, end: 2h, storage: { gigabytes: 1 } }")).toEqual(["s.yaml:6:41: reservations.0.end: end 2h is not after start 3h"]);
    expect(errors("  - { id: s, tenant: t, storage: { gigabytes: 1, snapshots: 2 } }").join("\n")).toMatch(/^s\.yaml:6:\d+: reservations\.0\.storage\.snapshots: /);
    expect(errors("  - { id: s, tenant: t, storage: { gigabytes: 0 } }").join("\n")).toMatch(/^s\.yaml:6:\d+: reservations\.0\.storage\.gigabytes: /);
  });

  it("reports createVolume calls naming an unknown or a compute reservation", () => {
    const leases = "  - { id: s, tenant: t, storage: { gigabytes: 10 } }\n  - { id: c, tenant: t, containers: { flavour: one, count: 1 } }";
    expect(errors(leases, "    - { at: 1h, as: tu, call: createVolume, name: v, sizeGb: 5, reservation: c }")).toEqual([
      's.yaml:13:78: operations.calls.0.reservation: unknown storage reservation "c"; storage reservations: s',
    ]);
  });
});
