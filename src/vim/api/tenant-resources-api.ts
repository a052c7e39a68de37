/**
 * Library façade for a tenant's key pairs (its users create and delete them) and security groups
 * (scope.md: tenant administrators only create and delete them and their rules; members list them).
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { KeyPairRecord } from "../identity/key-pairs.js";
import type { SecurityGroupRule, SecurityGroupRuleRequest } from "../identity/security-group-rules.js";
import type { SecurityGroupRecord } from "../identity/security-groups.js";
import type { Caller } from "./guard.js";
import type { VimCore } from "./vim-core.js";

export class KeyPairApi {
  constructor(private readonly core: VimCore) {}

  /** Imports a public key for the calling user: CONFLICT for a name the user already has. */
  create(caller: Caller, name: string, publicKey: string): Result<KeyPairRecord> {
    const who = this.core.guard.owner(caller, "keypair:create", undefined);
    return who.ok ? this.core.keyPairs.create(who.value.tenantId, who.value.principal.userId, name, publicKey) : who;
  }

  /** Key pairs of the caller's tenant (all for a cloud administrator), by id. */
  list(caller: Caller): Result<KeyPairRecord[]> {
    const p = this.core.guard.permit(caller, "keypair:list");
    return p.ok ? ok(this.core.keyPairs.list(this.core.guard.scope(p.value, "keypair:list"))) : p;
  }

  delete(caller: Caller, keyPairId: string): Result<void> {
    const p = this.core.guard.reach(caller, "keypair:delete", `key pair ${keyPairId}`, this.core.keyPairs.keyPair(keyPairId)?.tenantId);
    return p.ok ? this.core.keyPairs.delete(keyPairId) : p;
  }
}

export class SecurityGroupApi {
  constructor(private readonly core: VimCore) {}

  /** Creates a security group with its rules, all or nothing. */
  create(caller: Caller, name: string, rules: readonly SecurityGroupRuleRequest[] = [], tenantId?: string, description = ""): Result<Readonly<SecurityGroupRecord>> {
    const who = this.core.guard.owner(caller, "security-group:create", tenantId);
    return who.ok ? this.core.securityGroups.create(who.value.tenantId, name, description, rules) : who;
  }

  /** Adds a rule to a group (a change of the group: the create privilege). */
  addRule(caller: Caller, securityGroupId: string, rule: SecurityGroupRuleRequest): Result<SecurityGroupRule> {
    const p = this.core.guard.reach(caller, "security-group:create", `security group ${securityGroupId}`, this.core.securityGroups.group(securityGroupId)?.tenantId);
    return p.ok ? this.core.securityGroups.addRule(securityGroupId, rule) : p;
  }

  /** Groups of the caller's tenant (all for a cloud administrator), by id. */
  list(caller: Caller): Result<Readonly<SecurityGroupRecord>[]> {
    const p = this.core.guard.permit(caller, "security-group:list");
    return p.ok ? ok(this.core.securityGroups.list(this.core.guard.scope(p.value, "security-group:list"))) : p;
  }

  /** Deletes a group: CONFLICT for the tenant's default group, or while a server uses it (Neutron SecurityGroupInUse). */
  delete(caller: Caller, securityGroupId: string): Result<void> {
    const p = this.core.guard.reach(caller, "security-group:delete", `security group ${securityGroupId}`, this.core.securityGroups.group(securityGroupId)?.tenantId);
    if (!p.ok) return p;
    const user = this.userOf(securityGroupId);
    if (user !== undefined) return fail(domainError("CONFLICT", `security group ${securityGroupId} is in use by server ${user}`));
    return this.core.securityGroups.delete(securityGroupId);
  }

  /** A live server that uses the group, if any (the lowest-numbered). */
  private userOf(securityGroupId: string): string | undefined {
    const nos = [...this.core.serverExtras.entries()].filter(([, e]) => e.securityGroupIds.includes(securityGroupId)).map(([no]) => no);
    const live = nos.filter((no) => this.core.compute.server(no) !== undefined).sort((a, b) => a - b);
    return live.length === 0 ? undefined : this.core.compute.server(live[0]!)!.id;
  }
}
