/**
 * Each filter's verdicts, with every NO_VALID_HOST reason text asserted verbatim: the reasons are
 * user-visible keys (diagnosis counts, reports), so a changed text is a changed interface.
 */
import { describe, expect, it } from "vitest";
import type { AccRequestGroup } from "../../domain/index.js";
import { ADD_ABOVE_MAX_UNIT, ADD_BELOW_MIN_UNIT, ADD_EXCEEDED, ADD_INSUFFICIENT, ADD_NO_INVENTORY, ADD_OK, ADD_STEP_SIZE, type AddVerdict, type NfviView } from "../../nfvi/index.js";
import { makeRequest, type PlacementRequest, type PlacementRequestInput } from "../request.js";
import { acceleratorFilter } from "./accelerator.js";
import { affinityFilter } from "./affinity.js";
import { aggregateMetadataFilter } from "./aggregate-metadata.js";
import { antiAffinityFilter } from "./anti-affinity.js";
import { availabilityZoneFilter } from "./availability-zone.js";
import { capacityFilter } from "./capacity.js";
import { hostListFilter } from "./host-list.js";
import { hostStateFilter } from "./host-state.js";

const req = (input: Partial<PlacementRequestInput> = {}): PlacementRequest => {
  const r = makeRequest({ resources: {}, ...input });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
/** A view with just what a filter reads; anything else throws. */
const view = (parts: Partial<Record<keyof NfviView, unknown>>): NfviView =>
  new Proxy(parts, {
    get: (target, key) => {
      if (key in target) return target[key as keyof NfviView];
      throw new Error(`the filter read view.${String(key)}`);
    },
    has: (target, key) => key in target,
  }) as unknown as NfviView;

describe("filters: verdicts and reason texts", () => {
  it("host-state: down, maintenance, disabled, usable", () => {
    const v = (state: string, enabled: boolean): NfviView => view({ hostState: () => state, isEnabled: () => enabled });
    expect(hostStateFilter.check(req(), v("DOWN", true), 0)).toBe("host down");
    expect(hostStateFilter.check(req(), v("MAINTENANCE", true), 0)).toBe("host in maintenance");
    expect(hostStateFilter.check(req(), v("UP", false), 0)).toBe("host disabled");
    expect(hostStateFilter.check(req(), v("UP", true), 0)).toBeNull();
    expect(hostStateFilter.check(req(), v("DOWN", false), 0)).toBe("host down");
    expect([hostStateFilter.name, hostStateFilter.indexForm]).toEqual(["host-state", "host-state"]);
  });

  it("capacity: the first failing requested class gives the reason; unrequested classes are not checked", () => {
    const asked: Array<[number, number]> = [];
    const verdicts: Record<number, AddVerdict> = {};
    const v = view({ checkAdd: (_h: number, c: number, a: number) => (asked.push([c, a]), verdicts[c] ?? ADD_OK) });
    const r = req({ resources: { VCPU: 2, MEMORY_MB: 512, DISK_GB: 0 } });
    expect(capacityFilter.check(r, v, 3)).toBeNull();
    expect(asked).toEqual([[0, 2], [2, 512]]);
    const texts: Array<[AddVerdict, string]> = [
      [ADD_NO_INVENTORY, "no MEMORY_MB inventory"],
      [ADD_BELOW_MIN_UNIT, "MEMORY_MB below min_unit"],
      [ADD_ABOVE_MAX_UNIT, "MEMORY_MB exceeds max_unit"],
      [ADD_STEP_SIZE, "MEMORY_MB not a multiple of step_size"],
      [ADD_EXCEEDED, "MEMORY_MB capacity exceeded"],
      [ADD_INSUFFICIENT, "insufficient MEMORY_MB"],
    ];
    for (const [verdict, text] of texts) {
      verdicts[2] = verdict;
      expect(capacityFilter.check(r, v, 3)).toBe(text);
    }
    verdicts[0] = ADD_INSUFFICIENT;
    expect(capacityFilter.check(r, v, 3)).toBe("insufficient VCPU");
    const pcpu = req({ resources: { PCPU: 4 } });
    verdicts[1] = ADD_INSUFFICIENT;
    expect(capacityFilter.check(pcpu, v, 0)).toBe("insufficient PCPU");
    verdicts[3] = ADD_INSUFFICIENT;
    expect(capacityFilter.check(req({ resources: { DISK_GB: 1 } }), v, 0)).toBe("insufficient DISK_GB");
    // A verdict outside the known ones still rejects, with the generic text.
    const odd = view({ checkAdd: () => 9 as AddVerdict });
    expect(capacityFilter.check(r, odd, 0)).toBe("insufficient resources");
    expect([capacityFilter.name, capacityFilter.indexForm]).toEqual(["capacity", "capacity"]);
  });

  it("availability-zone: only the named zone's hosts; no zone passes everywhere", () => {
    const v = view({ topology: { hosts: [{ spec: { zone: "az1" } }, { spec: { zone: "az2" } }] } });
    const r = req({ zone: "az1" as never });
    expect(availabilityZoneFilter.check(r, v, 0)).toBeNull();
    expect(availabilityZoneFilter.check(r, v, 1)).toBe("not in availability zone az1");
    expect(availabilityZoneFilter.check(r, v, 7)).toBe("not in availability zone az1");
    expect(availabilityZoneFilter.check(req(), view({}), 1)).toBeNull();
    expect([availabilityZoneFilter.name, availabilityZoneFilter.indexForm]).toEqual(["availability-zone", "availability-zone"]);
  });

  it("aggregate-metadata: the first unmatched key in sorted order names the reason", () => {
    const held = new Map([["ssd", ["true"]], ["gpu", ["no"]]]);
    const v = view({ topology: { hosts: [{ metadata: held }] } });
    expect(aggregateMetadataFilter.check(req({ requiredMetadata: { ssd: "true" } }), v, 0)).toBeNull();
    expect(aggregateMetadataFilter.check(req({ requiredMetadata: { zz: "1", ssd: "false", aa: "x" } }), v, 0)).toBe("aggregate metadata aa=x not matched");
    expect(aggregateMetadataFilter.check(req({ requiredMetadata: { ssd: "false", gpu: "no" } }), v, 0)).toBe("aggregate metadata ssd=false not matched");
    expect(aggregateMetadataFilter.check(req(), view({ topology: { hosts: [] } }), 0)).toBeNull();
    // A host the topology does not know carries no metadata: a required key rejects it.
    expect(aggregateMetadataFilter.check(req({ requiredMetadata: { ssd: "true" } }), view({ topology: { hosts: [] } }), 0)).toBe("aggregate metadata ssd=true not matched");
    expect([aggregateMetadataFilter.name, aggregateMetadataFilter.indexForm]).toEqual(["aggregate-metadata", "aggregate-metadata"]);
  });
  it("aggregate-metadata: any of the host's comma-separated items matches, with Nova's operators", () => {
    // Topology items of "false, gold" and "2": Nova splits on commas and strips (nfvi topology).
    const v = view({ topology: { hosts: [{ metadata: new Map([["ssd", ["false", "gold"]], ["cores", ["2"]]]) }] } });
    const passes = (required: Record<string, string>): boolean => aggregateMetadataFilter.check(req({ requiredMetadata: required }), v, 0) === null;
    expect(passes({ ssd: "false" })).toBe(true);
    expect(passes({ ssd: "false,gold" })).toBe(false);
    expect(passes({ ssd: "<in> ol" })).toBe(true);
    expect(passes({ ssd: "<or> true <or> gold" })).toBe(true);
    expect(passes({ ssd: "s>= h" })).toBe(false);
    expect(passes({ cores: ">= 2" })).toBe(true);
    expect(passes({ cores: "= 3" })).toBe(false);
    expect(passes({ cores: "== 2.0" })).toBe(true);
  });
  it("affinity: members pin the group; the first member goes anywhere; other policies pass", () => {
    const members = new Map([[2, 1]]);
    const none = view({});
    expect(affinityFilter.check(req({ group: { policy: "affinity", members } }), none, 2)).toBeNull();
    expect(affinityFilter.check(req({ group: { policy: "affinity", members } }), none, 1)).toBe("server group affinity");
    expect(affinityFilter.check(req({ group: { policy: "affinity" } }), none, 1)).toBeNull();
    expect(affinityFilter.check(req({ group: { policy: "soft-affinity", members } }), none, 1)).toBeNull();
    expect(affinityFilter.check(req({ group: { policy: "anti-affinity", members } }), none, 1)).toBeNull();
    expect(affinityFilter.check(req(), none, 1)).toBeNull();
    expect([affinityFilter.name, affinityFilter.indexForm]).toEqual(["affinity", "affinity"]);
  });

  it("anti-affinity: a host at maxServerPerHost members is rejected, one below passes", () => {
    const none = view({});
    const g = (max: number) => req({ group: { policy: "anti-affinity", maxServerPerHost: max, members: new Map([[0, 2], [1, 1]]) } });
    expect(antiAffinityFilter.check(g(2), none, 0)).toBe("server group anti-affinity");
    expect(antiAffinityFilter.check(g(2), none, 1)).toBeNull();
    expect(antiAffinityFilter.check(g(1), none, 1)).toBe("server group anti-affinity");
    expect(antiAffinityFilter.check(g(1), none, 5)).toBeNull();
    expect(antiAffinityFilter.check(g(3), none, 0)).toBeNull();
    expect(antiAffinityFilter.check(req({ group: { policy: "soft-anti-affinity", members: new Map([[0, 5]]) } }), none, 0)).toBeNull();
    expect(antiAffinityFilter.check(req({ group: { policy: "affinity", members: new Map([[0, 5]]) } }), none, 0)).toBeNull();
    expect(antiAffinityFilter.check(req(), none, 0)).toBeNull();
    expect([antiAffinityFilter.name, antiAffinityFilter.indexForm]).toEqual(["anti-affinity", "anti-affinity"]);
  });

  it("host-list: ignored hosts never pass, even when forced; a force list admits only its hosts", () => {
    const none = view({});
    expect(hostListFilter.check(req({ ignoreHosts: [1] }), none, 1)).toBe("host ignored");
    expect(hostListFilter.check(req({ ignoreHosts: [1] }), none, 0)).toBeNull();
    expect(hostListFilter.check(req({ ignoreHosts: [1], forceHosts: [1] }), none, 1)).toBe("host ignored");
    expect(hostListFilter.check(req({ forceHosts: [2] }), none, 1)).toBe("host not in force list");
    expect(hostListFilter.check(req({ forceHosts: [2] }), none, 2)).toBeNull();
    expect(hostListFilter.check(req(), none, 2)).toBeNull();
    expect([hostListFilter.name, hostListFilter.indexForm]).toEqual(["host-list", "host-list"]);
  });

  it("accelerator: no groups pass at once; no accelerator view says so; otherwise the pool's reason", () => {
    const groups: AccRequestGroup[] = [{ type: "FPGA", count: 1 }];
    expect(acceleratorFilter.check(req(), view({}), 0)).toBeNull();
    expect(acceleratorFilter.check(req({ accelerators: groups }), view({ accelerators: undefined }), 0)).toBe("no accelerators");
    const seen: unknown[] = [];
    const pool = { bindProblem: (h: number, g: unknown) => (seen.push([h, g]), h === 1 ? "insufficient FPGA handles" : null), freeOfType: () => 0 };
    expect(acceleratorFilter.check(req({ accelerators: groups }), view({ accelerators: pool }), 1)).toBe("insufficient FPGA handles");
    expect(acceleratorFilter.check(req({ accelerators: groups }), view({ accelerators: pool }), 0)).toBeNull();
    expect(seen).toEqual([[1, groups], [0, groups]]);
    expect([acceleratorFilter.name, acceleratorFilter.indexForm]).toEqual(["accelerator", "accelerator"]);
  });
});
