/**
 * The model's `network:` section: strict decoding and the resolver's checks report each problem at its
 * position; defaults fill what is absent; a model without the section resolves (and digests) as before;
 * and the pool size the check computes is the size of the pool a run builds, for any IPv4 CIDR.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TINY_MODEL } from "../../testing/fixtures.js";
import { PublicIpPool } from "../../vim/index.js";
import { formatInputIssue } from "../load/input-issue.js";
import { loadModel } from "../load/load-scenario.js";
import { memoryReader } from "../load/source-reader.js";
import { modelDigest } from "../runner/run-digest.js";
import { runNetwork } from "./resolve-network.js";

/** TINY_MODEL ends at line 22; a section appended starts at line 23. */
function load(section: string) {
  return loadModel(memoryReader({ "model.yaml": TINY_MODEL + section }), "model.yaml");
}
const errors = (section: string): string[] => {
  const r = load(section);
  return r.ok ? [] : r.issues.map(formatInputIssue);
};

describe("model network: decoding", () => {
  it("reports an empty id, VLAN and VXLAN ids out of range and unknown fields at their positions", () => {
    expect(errors(`network:\n  external: { id: "", cidr: 198.51.100.0/22 }\n  segmentation: { vlan: [0, 4095], vxlan: [0, 16777216] }\n`)).toEqual([
      `model.yaml:23:19: network.external.id: expected an identifier (letters, digits, '.', '_', '-', ':'), got ""`,
      "model.yaml:24:26: network.segmentation.vlan.0: Expected a value between 1 and 4094, got 0",
      "model.yaml:24:29: network.segmentation.vlan.1: Expected a value between 1 and 4094, got 4095",
      "model.yaml:24:44: network.segmentation.vxlan.0: Expected a value between 1 and 16777215, got 0",
      "model.yaml:24:47: network.segmentation.vxlan.1: Expected a value between 1 and 16777215, got 16777216",
    ]);
    expect(errors(`network:\n  external: { cidr: 198.51.100.0/22, vni: 3 }\n  routers: 2\n`)).toEqual([
      'model.yaml:23:38: network.external.vni: unknown field "vni"',
      'model.yaml:24:3: network.routers: unknown field "routers"',
    ]);
  });
});

describe("model network: checks after decoding", () => {
  it("reports a CIDR with host bits, ranges with min > max and a repeated flat network, all at once", () => {
    expect(errors(`network:\n  external: { id: public, cidr: 10.0.0.1/24 }\n  segmentation: { vlan: [2000, 1000], vxlan: [9, 8], flatNetworks: [physnet1, physnet2, physnet1] }\n`)).toEqual([
      "model.yaml:23:33: network.external.cidr: '10.0.0.1/24' is not a valid IP address or CIDR: host bits are set; '10.0.0.0/24' is recommended",
      "model.yaml:24:25: network.segmentation.vlan: a vlan range is [min, max] with min ≤ max; got [2000, 1000]",
      "model.yaml:24:46: network.segmentation.vxlan: a vxlan range is [min, max] with min ≤ max; got [9, 8]",
      'model.yaml:24:89: network.segmentation.flatNetworks.2: duplicate flat network "physnet1" (first at flatNetworks.0); a physical network carries one flat network',
    ]);
  });

  it("reports a malformed CIDR, an IPv6 one and one with no room for a pool", () => {
    expect(errors(`network:\n  external: { cidr: banana }\n`)).toEqual(["model.yaml:23:21: network.external.cidr: 'banana' is not a valid IP address or CIDR: a CIDR needs a '/prefix'"]);
    expect(errors(`network:\n  external: { cidr: 2001:db8::/64 }\n`)).toEqual(["model.yaml:23:21: network.external.cidr: '2001:db8::/64' is IPv6; the external network's public IP pool is IPv4 only"]);
    expect(errors(`network:\n  external: { cidr: 192.0.2.0/31 }\n`)).toEqual([
      "model.yaml:23:21: network.external.cidr: '192.0.2.0/31' leaves no address for the pool (the network, broadcast and gateway addresses are not allocatable)",
    ]);
  });
});

describe("model network: resolution", () => {
  it("fills what the section leaves out with the VIM's defaults", () => {
    const r = load(`network:\n  external: { cidr: 198.51.100.0/22 }\n  segmentation: { vlan: [1000, 1999] }\n`);
    if (!r.ok) throw new Error(r.issues.map(formatInputIssue).join("\n"));
    expect(r.value.network).toEqual({
      external: { networkId: "public", cidr: "198.51.100.0/22", publicIps: 1021 },
      segmentation: { vlan: [1000, 1999], vxlan: [1, 16777215], flatNetworks: ["physnet1"] },
    });
  });

  it("leaves a model without the section as it was: no network field, the defaults at run time", () => {
    const r = load("");
    if (!r.ok) throw new Error(r.issues.map(formatInputIssue).join("\n"));
    expect("network" in r.value).toBe(false);
    expect(runNetwork(r.value)).toEqual({
      external: { networkId: "public", cidr: "203.0.113.0/24", publicIps: 253 },
      segmentation: { vlan: [1, 4094], vxlan: [1, 16777215], flatNetworks: ["physnet1"] },
    });
    // Shipped models' digests against main's: src/testing/network-pools-scenario.test.ts.
  });

  it("a model with the section digests differently from the same model without it", () => {
    const plain = load("");
    const configured = load(`network:\n  segmentation: { vlan: [1000, 1999] }\n`);
    if (!plain.ok || !configured.ok) throw new Error("tiny model does not load");
    expect(modelDigest(configured.value)).not.toBe(modelDigest(plain.value));
  });
});

/** Public IPs of an IPv4 /prefix by counting (the reference): all, less network, broadcast and gateway. */
function referenceSize(prefixLength: number): number | undefined {
  if (prefixLength === 32) return 1; // a single address: no gateway, it is the pool
  if (prefixLength === 31) return undefined; // nothing usable
  return 2 ** (32 - prefixLength) - 3;
}

describe("model network: the checked pool size is the run's pool size", () => {
  it("for any IPv4 CIDR, the resolved publicIps equals the size of the PublicIpPool built from it (or the CIDR is refused)", () => {
    const cidr = fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 })).map(([address, prefixLength]) => {
      const network = prefixLength === 0 ? 0 : Number((BigInt(address) >> BigInt(32 - prefixLength)) << BigInt(32 - prefixLength));
      const text = [24, 16, 8, 0].map((s) => (network >>> s) & 0xff).join(".");
      return { text: `${text}/${prefixLength}`, prefixLength };
    });
    fc.assert(
      fc.property(cidr, ({ text, prefixLength }) => {
        const r = load(`network:\n  external: { cidr: ${text} }\n`);
        const expected = referenceSize(prefixLength);
        if (expected === undefined) return !r.ok;
        if (!r.ok) return false;
        const checked = r.value.network!.external.publicIps;
        return checked === expected && new PublicIpPool({ networkId: "public", cidr: text }).size === checked;
      }),
      { numRuns: 200 },
    );
  });
});
