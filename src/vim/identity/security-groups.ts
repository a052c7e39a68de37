/**
 * Security groups (Neutron security-group and security-group-rule): per-tenant sets of allow rules
 * (direction, protocol, port range, remote CIDR). Every tenant has a group named "default" with
 * Neutron's egress-anywhere rules; it cannot be deleted and no second "default" can be made.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { EventLog } from "../../metrics/index.js";
import { ChangeLog, compareIds, type Clock } from "../common/change-log.js";
import { checkRule, type SecurityGroupRule, type SecurityGroupRuleRequest } from "./security-group-rules.js";

export interface SecurityGroupRecord {
  readonly securityGroupId: string;
  readonly tenantId: string;
  readonly name: string;
  readonly description: string;
  rules: SecurityGroupRule[];
}

export const DEFAULT_GROUP = "default";

/** Neutron's default group: all egress, IPv4 and IPv6. */
const DEFAULT_RULES: readonly SecurityGroupRuleRequest[] = [
  { direction: "egress", protocol: "any", remoteIpPrefix: "0.0.0.0/0" },
  { direction: "egress", protocol: "any", remoteIpPrefix: "::/0" },
];

const view = (g: SecurityGroupRecord): Record<string, unknown> => ({ ...g, rules: g.rules.map((r) => ({ ...r })) });

export class SecurityGroupStore {
  private readonly groups = new Map<string, SecurityGroupRecord>();
  /** Its change records (the VIM attaches its notifier: `changes.publishTo`). */
  readonly changes: ChangeLog;
  private nextGroupNo = 1;
  private nextRuleNo = 1;

  constructor(clock: Clock, log: EventLog) {
    this.changes = new ChangeLog(clock, log);
  }

  /** Creates a group with its rules, all or nothing (a bad rule creates nothing). */
  create(tenantId: string, name: string, description = "", rules: readonly SecurityGroupRuleRequest[] = []): Result<SecurityGroupRecord> {
    if (name === DEFAULT_GROUP && this.defaultOf(tenantId) !== undefined) return fail(domainError("CONFLICT", `tenant ${tenantId} already has a default security group`));
    const checked: SecurityGroupRule[] = [];
    for (const r of rules) {
      const rule = checkRule(r, `sgr-${this.nextRuleNo + checked.length}`);
      if (!rule.ok) return rule;
      checked.push(rule.value);
    }
    this.nextRuleNo += checked.length;
    const g: SecurityGroupRecord = { securityGroupId: `sg-${this.nextGroupNo++}`, tenantId, name, description, rules: checked };
    this.groups.set(g.securityGroupId, g);
    this.changes.write("securityGroup", g.securityGroupId, "create", null, () => view(g));
    return ok(g);
  }

  /** The tenant's default group, made at tenant creation. */
  createDefault(tenantId: string): Result<SecurityGroupRecord> {
    return this.create(tenantId, DEFAULT_GROUP, "Default security group", DEFAULT_RULES);
  }

  /** Deletes a group: CONFLICT for a tenant's default group (Neutron 409) unless `withTenant`. */
  delete(securityGroupId: string, withTenant = false): Result<void> {
    const g = this.groups.get(securityGroupId);
    if (g === undefined) return fail(domainError("NOT_FOUND", `security group ${securityGroupId} does not exist`));
    if (g.name === DEFAULT_GROUP && !withTenant) return fail(domainError("CONFLICT", `security group ${securityGroupId} is tenant ${g.tenantId}'s default group`));
    this.groups.delete(securityGroupId);
    this.changes.write("securityGroup", securityGroupId, "delete", this.changes.snapshot(() => view(g)), () => null);
    return ok(undefined);
  }

  /** Adds one rule: INVALID_ARGUMENT or MALFORMED for a bad one, CONFLICT for an identical rule. */
  addRule(securityGroupId: string, request: SecurityGroupRuleRequest): Result<SecurityGroupRule> {
    const g = this.groups.get(securityGroupId);
    if (g === undefined) return fail(domainError("NOT_FOUND", `security group ${securityGroupId} does not exist`));
    const rule = checkRule(request, `sgr-${this.nextRuleNo}`);
    if (!rule.ok) return rule;
    const same = g.rules.find((r) => sameRule(r, rule.value));
    if (same !== undefined) return fail(domainError("CONFLICT", `security group ${securityGroupId} already has this rule as ${same.ruleId}`));
    this.nextRuleNo++;
    const before = this.changes.snapshot(() => view(g));
    g.rules = [...g.rules, rule.value];
    this.changes.write("securityGroup", securityGroupId, "rule.add", before, () => view(g));
    return ok(rule.value);
  }

  group(id: string): Readonly<SecurityGroupRecord> | undefined {
    return this.groups.get(id);
  }

  defaultOf(tenantId: string): Readonly<SecurityGroupRecord> | undefined {
    return [...this.groups.values()].find((g) => g.tenantId === tenantId && g.name === DEFAULT_GROUP);
  }

  /** Groups by id, of one tenant or all. */
  list(tenantId?: string): Readonly<SecurityGroupRecord>[] {
    return [...this.groups.values()].filter((g) => tenantId === undefined || g.tenantId === tenantId).sort((a, b) => compareIds(a.securityGroupId, b.securityGroupId));
  }
}

const sameRule = (a: SecurityGroupRule, b: SecurityGroupRule): boolean =>
  a.direction === b.direction && a.protocol === b.protocol && a.portRangeMin === b.portRangeMin && a.portRangeMax === b.portRangeMax && a.remoteIpPrefix === b.remoteIpPrefix;
