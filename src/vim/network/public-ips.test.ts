/** The external pool's size rule (publicPoolSize) and the pool built from a CIDR agree; bad CIDRs are kinds, not pools. */
import { describe, expect, it } from "vitest";
import { InvariantViolation } from "../../domain/index.js";
import { formatIp } from "./cidr.js";
import { PublicIpPool, publicPoolSize } from "./public-ips.js";

const kindOf = (cidr: string): string => {
  const r = publicPoolSize(cidr);
  return r.ok ? `size ${r.value}` : r.error.kind;
};

describe("publicPoolSize", () => {
  it("counts every usable address but the gateway, and equals the built pool's size", () => {
    expect(["198.51.100.0/22", "203.0.113.0/24", "192.0.2.0/30", "192.0.2.7/32"].map(kindOf)).toEqual(["size 1021", "size 253", "size 1", "size 1"]);
    for (const cidr of ["198.51.100.0/22", "203.0.113.0/24", "192.0.2.0/30", "10.0.0.0/8"]) {
      const size = publicPoolSize(cidr);
      expect(size.ok && size.value).toBe(new PublicIpPool({ networkId: "public", cidr }).size);
    }
  });

  it("refuses a malformed CIDR, an IPv6 one and one with no room for a pool", () => {
    expect(["banana", "10.0.0.1/24", "2001:db8::/64", "192.0.2.0/31"].map(kindOf)).toEqual(["MALFORMED", "MALFORMED", "INVALID_ARGUMENT", "INVALID_ARGUMENT"]);
    expect(() => new PublicIpPool({ networkId: "public", cidr: "2001:db8::/64" })).toThrow(InvariantViolation);
  });

  it("a /22 pool hands out from the address after the gateway up to the one before broadcast, then is EXHAUSTED", () => {
    const pool = new PublicIpPool({ networkId: "ext", cidr: "198.51.100.0/22" });
    const addresses: string[] = [];
    for (let i = 0; i < pool.size; i++) {
      const f = pool.allocate("t1", null);
      if (!f.ok) throw new Error(f.error.message);
      addresses.push(formatIp(f.value.address, "IPV4"));
    }
    expect([addresses[0], addresses.at(-1)]).toEqual(["198.51.100.2", "198.51.103.254"]);
    const more = pool.allocate("t1", null);
    expect(more.ok ? "allocated" : more.error.kind).toBe("EXHAUSTED");
  });
});
