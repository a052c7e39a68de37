import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decideAddressing } from "./allocation-pools.js";
import { cidrBounds, cidrsOverlap, formatCidr, formatIp, parseCidr, parseIp } from "./cidr.js";

const kindOf = (r: { ok: boolean; error?: { kind: string } }): string => (r.ok ? "OK" : r.error!.kind);
const cidr = (text: string) => {
  const r = parseCidr(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
/** Pools and gateway of a subnet as text. */
const addressing = (text: string, gatewayIp?: string | null, pools?: { start: string; end: string }[]) => {
  const c = cidr(text);
  const r = decideAddressing(c, gatewayIp, pools);
  if (!r.ok) return r.error.kind;
  return {
    gateway: r.value.gateway === null ? null : formatIp(r.value.gateway, c.ipVersion),
    pools: r.value.pools.map((p) => `${formatIp(p.first, c.ipVersion)}-${formatIp(p.last, c.ipVersion)}`),
  };
};

describe("CIDR parsing", () => {
  it("accepts normalised IPv4 and IPv6 prefixes, edges included", () => {
    for (const text of ["10.0.0.0/24", "0.0.0.0/0", "192.0.2.7/32", "192.0.2.6/31", "2001:db8::/64", "::/0", "::1/128", "2001:db8:0:1::/64"]) {
      expect(formatCidr(cidr(text)), text).toBe(text);
    }
    expect(cidr("2001:DB8::/32").ipVersion).toBe("IPV6");
    expect(formatCidr(cidr("2001:0db8:0000::/48"))).toBe("2001:db8::/48");
    expect(formatCidr(cidr("::ffff:10.0.0.0/120"))).toBe("::ffff:a00:0/120");
  });

  it("calls bad text MALFORMED, host bits included (no silent normalisation)", () => {
    for (const text of ["10.0.0.0", "10.0.0.0/33", "10.0.0/24", "10.0.0.256/32", "10.0.0.01/32", "10.0.0.0/-1", "10.0.0.0/ 8", "a.b.c.d/8", "", "/8",
      "2001:db8::/129", "2001:db8:::/64", "1::2::3/64", "2001:db8:0:0:0:0:0:0:0/64", "12345::/16", "g::/16", "1:2:3:4:5:6:7/112"]) {
      expect(kindOf(parseCidr(text)), text).toBe("MALFORMED");
    }
    const hostBits = parseCidr("10.0.0.1/24");
    expect(kindOf(hostBits)).toBe("MALFORMED");
    expect(hostBits.ok ? "" : hostBits.error.message).toContain("10.0.0.0/24");
    expect(kindOf(parseCidr("2001:db8::1/64"))).toBe("MALFORMED");
  });

  it("formats IPv6 as RFC 5952 and round-trips any address", () => {
    expect(formatIp(parseIp("2001:db8:0:0:1:0:0:1").ok ? 0x20010db8000000000001000000000001n : 0n, "IPV6")).toBe("2001:db8::1:0:0:1");
    expect(formatIp(0n, "IPV6")).toBe("::");
    expect(formatIp(1n, "IPV6")).toBe("::1");
    expect(formatIp(0x20010db8000100000000000000000000n, "IPV6")).toBe("2001:db8:1::");
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (v) => {
        const back = parseIp(formatIp(v, "IPV6"));
        expect(back.ok && back.value.value).toBe(v);
      }),
    );
    fc.assert(
      fc.property(fc.ipV4(), (text) => {
        const parsed = parseIp(text);
        expect(parsed.ok && formatIp(parsed.value.value, "IPV4")).toBe(text);
      }),
    );
  });

  it("bounds and overlap", () => {
    expect(cidrBounds(cidr("10.0.0.0/30"))).toEqual({ first: 0x0a000000n, last: 0x0a000003n });
    expect(cidrBounds(cidr("0.0.0.0/0")).last).toBe(0xffffffffn);
    expect(cidrsOverlap(cidr("10.0.0.0/8"), cidr("10.1.0.0/16"))).toBe(true);
    expect(cidrsOverlap(cidr("10.0.0.0/25"), cidr("10.0.0.128/25"))).toBe(false);
    expect(cidrsOverlap(cidr("0.0.0.0/0"), cidr("::/0"))).toBe(false);
  });
});

describe("subnet gateway and allocation pools (Neutron's generate_pools and validators)", () => {
  it("defaults: gateway = first host, pools = usable minus gateway; /31 has none, /32 its one address", () => {
    expect(addressing("10.0.0.0/29")).toEqual({ gateway: "10.0.0.1", pools: ["10.0.0.2-10.0.0.6"] });
    expect(addressing("10.0.0.0/29", null)).toEqual({ gateway: null, pools: ["10.0.0.1-10.0.0.6"] });
    expect(addressing("10.0.0.0/29", "10.0.0.4")).toEqual({ gateway: "10.0.0.4", pools: ["10.0.0.1-10.0.0.3", "10.0.0.5-10.0.0.6"] });
    expect(addressing("10.0.0.0/30")).toEqual({ gateway: "10.0.0.1", pools: ["10.0.0.2-10.0.0.2"] });
    expect(addressing("10.0.0.0/31")).toEqual({ gateway: null, pools: [] });
    expect(addressing("10.0.0.7/32")).toEqual({ gateway: null, pools: ["10.0.0.7-10.0.0.7"] });
    expect(addressing("2001:db8::/126")).toEqual({ gateway: "2001:db8::1", pools: ["2001:db8::2-2001:db8::3"] });
    expect(addressing("2001:db8::/64")).toEqual({ gateway: "2001:db8::1", pools: ["2001:db8::2-2001:db8::ffff:ffff:ffff:ffff"] });
  });

  it("refuses gateways outside the CIDR, pools outside it, overlapping pools and pools holding the gateway", () => {
    expect(addressing("10.0.0.0/24", "10.0.1.1")).toBe("INVALID_ARGUMENT");
    expect(addressing("10.0.0.0/24", "2001:db8::1")).toBe("INVALID_ARGUMENT");
    expect(addressing("10.0.0.0/24", "10.0.0.999")).toBe("MALFORMED");
    expect(addressing("10.0.0.0/24", undefined, [{ start: "10.0.0.0", end: "10.0.0.9" }])).toBe("INVALID_ARGUMENT"); // network address
    expect(addressing("10.0.0.0/24", undefined, [{ start: "10.0.0.200", end: "10.0.0.255" }])).toBe("INVALID_ARGUMENT"); // broadcast
    expect(addressing("10.0.0.0/24", undefined, [{ start: "10.0.0.9", end: "10.0.0.5" }])).toBe("INVALID_ARGUMENT");
    expect(addressing("10.0.0.0/24", undefined, [{ start: "10.0.0.1", end: "10.0.0.9" }])).toBe("CONFLICT"); // holds the gateway
    expect(addressing("10.0.0.0/24", undefined, [{ start: "10.0.0.10", end: "10.0.0.20" }, { start: "10.0.0.20", end: "10.0.0.30" }])).toBe("CONFLICT");
    expect(addressing("10.0.0.0/24", undefined, [{ start: "10.0.0.50", end: "10.0.0.60" }, { start: "10.0.0.10", end: "10.0.0.20" }])).toEqual({
      gateway: "10.0.0.1",
      pools: ["10.0.0.10-10.0.0.20", "10.0.0.50-10.0.0.60"],
    });
  });
});
