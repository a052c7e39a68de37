/**
 * Bad network reservation input is exit 2 with its position (file:line:column: path: message): a
 * reservation asking nothing or more than a pool, ports without their network or on a network no call
 * of the tenant makes, compute or storage fields on a network entry, and network calls drawing from an
 * unknown reservation, another tenant's, or one that has ended by the time of the call.
 */
import { describe, expect, it } from "vitest";
import { reservationLoadErrors, slotModel } from "../../testing/scenario-files.js";

const MODEL = slotModel(4, 8).replace("tenants:\n  - { id: t }", "tenants:\n  - { id: t, users: [{ id: tu, roles: [member] }] }\n  - { id: o, users: [{ id: ou, roles: [member] }] }");
const NET = "    - { at: 0s, as: tu, call: createNetwork, name: n1, networkType: vxlan }";

function errors(reservations: string, calls = NET): string[] {
  return reservationLoadErrors(MODEL, reservations, "    - { at: 1h, tenant: t, flavour: one }", calls);
}

describe("scenario network reservations", () => {
  it("accepts a network lease and calls drawing from it", () => {
    const calls = `${NET}\n    - { at: 2h, as: tu, call: createPort, network: n1, reservation: n }\n    - { at: 2h, as: tu, call: allocatePublicIp, name: ip, reservation: n }\n    - { at: 3h, as: tu, call: releasePublicIp, name: ip }`;
    expect(errors("  - { id: n, tenant: t, at: 1m, start: 1h, end: 5h, network: { publicIps: 2, ports: 3, network: n1, segments: 1, segmentType: vxlan } }", calls)).toEqual([]);
  });

  it("reports empty, oversized and incomplete requests and foreign fields with their positions", () => {
    expect(errors("  - { id: n, tenant: t, network: {} }")).toEqual(["s.yaml:6:34: reservations.0.network: a network reservation asks for publicIps, ports or segments"]);
    expect(errors("  - { id: n, tenant: t, network: { publicIps: 254 } }")).toEqual(["s.yaml:6:47: reservations.0.network.publicIps: the reservation asks 254 public IPs, more than the 253 of the external network's pool"]);
    expect(errors("  - { id: n, tenant: t, network: { segments: 4095 } }")).toEqual(["s.yaml:6:46: reservations.0.network.segments: the reservation asks 4095 vlan segmentation ids, more than the 4094 of the provider's range"]);
    expect(errors("  - { id: n, tenant: t, network: { ports: 2 } }")).toEqual(["s.yaml:6:43: reservations.0.network.ports: ports are reserved on a network: give network (a createNetwork call's name)"]);
    expect(errors("  - { id: n, tenant: t, network: { ports: 2, network: n2 } }")).toEqual(['s.yaml:6:55: reservations.0.network.network: unknown network "n2"; networks tenant t\'s calls create: n1']);
    expect(errors("  - { id: n, tenant: o, network: { ports: 2, network: n1 } }")).toEqual(['s.yaml:6:55: reservations.0.network.network: unknown network "n1"; networks tenant o\'s calls create: none']);
    expect(errors("  - { id: n, tenant: t, pool: { cores: 1, ramMb: 0, instances: 1 }, network: { publicIps: 1 } }")).toEqual(["s.yaml:6:31: reservations.0.pool: a network reservation has no pool (it reserves network resources)"]);
    expect(errors("  - { id: n, tenant: t, network: { publicIps: 1, vlans: 2 } }").join("\n")).toMatch(/^s\.yaml:6:\d+: reservations\.0\.network\.vlans: /);
  });

  it("reports network calls naming an unknown, another tenant's or an ended reservation", () => {
    const leases = "  - { id: n, tenant: t, end: 2h, network: { publicIps: 5 } }\n  - { id: s, tenant: t, storage: { gigabytes: 10 } }";
    const calls = [
      NET,
      "    - { at: 1h, as: tu, call: allocatePublicIp, reservation: s }",
      "    - { at: 1h, as: ou, call: allocatePublicIp, reservation: n }",
      "    - { at: 2h, as: tu, call: createNetwork, name: v, networkType: vlan, reservation: n }",
    ].join("\n");
    expect(errors(leases, calls)).toEqual([
      's.yaml:14:62: operations.calls.1.reservation: unknown network reservation "s"; network reservations: n',
      's.yaml:15:62: operations.calls.2.reservation: network reservation "n" belongs to tenant t, not o',
      's.yaml:16:87: operations.calls.3.reservation: network reservation "n" has ended by 2h (its window ends at 2h)',
    ]);
  });
});
