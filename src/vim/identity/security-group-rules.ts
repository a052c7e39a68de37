/**
 * One security group rule (Neutron security-group-rule) and its validation, pure: direction,
 * protocol, an optional port range (tcp and udp only, 1..65535, min ≤ max) and a remote CIDR.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import { formatCidr, parseCidr } from "../network/cidr.js";

export type RuleDirection = "ingress" | "egress";
export type RuleProtocol = "tcp" | "udp" | "icmp" | "any";

export interface SecurityGroupRuleRequest {
  readonly direction: RuleDirection;
  readonly protocol: RuleProtocol;
  readonly portRangeMin?: number;
  readonly portRangeMax?: number;
  /** Remote CIDR; default any IPv4 address. */
  readonly remoteIpPrefix?: string;
}

export interface SecurityGroupRule {
  readonly ruleId: string;
  readonly direction: RuleDirection;
  readonly protocol: RuleProtocol;
  readonly portRangeMin: number | null;
  readonly portRangeMax: number | null;
  /** Canonical CIDR text. */
  readonly remoteIpPrefix: string;
}

const isPort = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= 65535;

/** The rule `request` describes, with id `ruleId`; INVALID_ARGUMENT or MALFORMED when it is not one. */
export function checkRule(request: SecurityGroupRuleRequest, ruleId: string): Result<SecurityGroupRule> {
  const { portRangeMin: min, portRangeMax: max } = request;
  const hasPorts = min !== undefined || max !== undefined;
  if (hasPorts && request.protocol !== "tcp" && request.protocol !== "udp") return fail(domainError("INVALID_ARGUMENT", `protocol ${request.protocol} has no ports`));
  const lo = min ?? max;
  const hi = max ?? min;
  if (lo !== undefined && hi !== undefined && (!isPort(lo) || !isPort(hi) || lo > hi)) return fail(domainError("INVALID_ARGUMENT", `port range ${lo}-${hi} is not within 1-65535 with min ≤ max`));
  const cidr = parseCidr(request.remoteIpPrefix ?? "0.0.0.0/0");
  if (!cidr.ok) return cidr;
  return ok({ ruleId, direction: request.direction, protocol: request.protocol, portRangeMin: lo ?? null, portRangeMax: hi ?? null, remoteIpPrefix: formatCidr(cidr.value) });
}
