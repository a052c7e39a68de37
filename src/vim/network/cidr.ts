/**
 * IP addresses and CIDR prefixes, IPv4 and IPv6, as pure functions over bigint (one representation
 * for both families, so a /64 never overflows). Parsing is strict, as Neutron's validators are:
 * an IPv4 octet with a leading zero is MALFORMED (netaddr would read it as octal), and a CIDR whose
 * host bits are set ("10.0.0.1/24") is MALFORMED rather than silently normalised: the error names the
 * prefix the caller meant ("isn't a recommended CIDR, 10.0.0.0/24 is recommended", Neutron's wording).
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";

export type IpVersion = "IPV4" | "IPV6";

/** An address family's width in bits. */
export const ADDRESS_BITS: Readonly<Record<IpVersion, number>> = { IPV4: 32, IPV6: 128 };

export interface IpAddress {
  readonly ipVersion: IpVersion;
  readonly value: bigint;
}

/** A normalised prefix: `network` has no host bits set. */
export interface Cidr {
  readonly ipVersion: IpVersion;
  readonly network: bigint;
  readonly prefixLength: number;
}

const malformed = (text: string, why: string): Result<never> => fail(domainError("MALFORMED", `'${text}' is not a valid IP address or CIDR: ${why}`));

/** Parses dotted-quad IPv4 ("192.0.2.1"): exactly four decimal octets, no leading zeros. */
export function parseIpv4(text: string): Result<bigint> {
  const parts = text.split(".");
  if (parts.length !== 4) return malformed(text, "an IPv4 address has four octets");
  let value = 0n;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part) || Number(part) > 255) return malformed(text, `octet '${part}' is not 0..255 without leading zeros`);
    value = (value << 8n) | BigInt(part);
  }
  return ok(value);
}

/** Parses IPv6 text (RFC 4291 §2.2): up to eight groups, one "::", an optional dotted IPv4 tail. */
export function parseIpv6(text: string): Result<bigint> {
  const halves = text.split("::");
  if (halves.length > 2) return malformed(text, "'::' may appear once");
  const groupsOf = (half: string): Result<bigint[]> => {
    if (half === "") return ok([]);
    const out: bigint[] = [];
    const parts = half.split(":");
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (i === parts.length - 1 && part.includes(".")) {
        const v4 = parseIpv4(part);
        if (!v4.ok) return v4;
        out.push(v4.value >> 16n, v4.value & 0xffffn);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) out.push(BigInt(`0x${part}`));
      else return malformed(text, `group '${part}' is not 1..4 hex digits`);
    }
    return ok(out);
  };
  const head = groupsOf(halves[0]!);
  if (!head.ok) return head;
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : ok([]);
  if (!tail.ok) return tail;
  const given = head.value.length + tail.value.length;
  if (halves.length === 2 ? given > 7 : given !== 8) return malformed(text, "an IPv6 address has eight groups");
  const groups = [...head.value, ...Array<bigint>(8 - given).fill(0n), ...tail.value];
  return ok(groups.reduce((acc, g) => (acc << 16n) | g, 0n));
}

/** Parses an address of either family (IPv6 when it holds a ':'). */
export function parseIp(text: string): Result<IpAddress> {
  const ipVersion: IpVersion = text.includes(":") ? "IPV6" : "IPV4";
  const value = ipVersion === "IPV4" ? parseIpv4(text) : parseIpv6(text);
  return value.ok ? ok({ ipVersion, value: value.value }) : value;
}

/** Canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run of 2+ groups as "::"). */
export function formatIp(value: bigint, ipVersion: IpVersion): string {
  if (ipVersion === "IPV4") return [24n, 16n, 8n, 0n].map((s) => ((value >> s) & 0xffn).toString()).join(".");
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = (gs: number[]): string => gs.map((g) => g.toString(16)).join(":");
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

/** Parses "address/prefix"; the prefix is required and the host bits must be zero (see the header). */
export function parseCidr(text: string): Result<Cidr> {
  const slash = text.indexOf("/");
  if (slash < 0) return malformed(text, "a CIDR needs a '/prefix'");
  const address = parseIp(text.slice(0, slash));
  if (!address.ok) return address;
  const { ipVersion, value } = address.value;
  const prefixText = text.slice(slash + 1);
  const prefixLength = Number(prefixText);
  if (!/^(0|[1-9][0-9]{0,2})$/.test(prefixText) || prefixLength > ADDRESS_BITS[ipVersion]) {
    return malformed(text, `prefix '${prefixText}' is not 0..${ADDRESS_BITS[ipVersion]}`);
  }
  const cidr: Cidr = { ipVersion, network: value & prefixMask(ipVersion, prefixLength), prefixLength };
  if (cidr.network !== value) return malformed(text, `host bits are set; '${formatCidr(cidr)}' is recommended`);
  return ok(cidr);
}

/** "network/prefix" in canonical text. */
export function formatCidr(cidr: Cidr): string {
  return `${formatIp(cidr.network, cidr.ipVersion)}/${cidr.prefixLength}`;
}

function prefixMask(ipVersion: IpVersion, prefixLength: number): bigint {
  const bits = BigInt(ADDRESS_BITS[ipVersion]);
  const all = (1n << bits) - 1n;
  return (all << (bits - BigInt(prefixLength))) & all;
}

/** The first (network) and last (IPv4 broadcast) addresses the prefix covers. */
export function cidrBounds(cidr: Cidr): { readonly first: bigint; readonly last: bigint } {
  const size = 1n << BigInt(ADDRESS_BITS[cidr.ipVersion] - cidr.prefixLength);
  return { first: cidr.network, last: cidr.network + size - 1n };
}

/** Is `value` (of the same family) inside the prefix? */
export function cidrContains(cidr: Cidr, value: bigint): boolean {
  const { first, last } = cidrBounds(cidr);
  return value >= first && value <= last;
}

/** Do two prefixes share an address (same family only)? Prefixes either nest or are disjoint. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  if (a.ipVersion !== b.ipVersion) return false;
  return cidrContains(a, b.network) || cidrContains(b, a.network);
}
