/**
 * Library façade for identity management (Keystone): tenants (cloud zone administrators only),
 * users (tenant administrators, in their own tenant) and roles (authorised administrators). No one
 * grants a role carrying more than it holds itself, and only a cloud-scoped administrator grants a
 * cloud-scoped role: a tenant administrator can never raise anyone above itself.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { Principal } from "../identity/authorize.js";
import type { TenantRecord, UserRecord } from "../identity/identity-store.js";
import { isPrivilege } from "../identity/privileges.js";
import { makeRole, type Role, type RoleScope } from "../identity/roles.js";
import type { Caller } from "./guard.js";
import type { VimCore } from "./vim-core.js";

export class IdentityApi {
  constructor(private readonly core: VimCore) {}

  /** Creates a tenant with its default security group. */
  createTenant(caller: Caller, tenantId: string, name = tenantId, quota: Readonly<Record<string, number>> = {}): Result<Readonly<TenantRecord>> {
    const p = this.core.guard.permit(caller, "tenant:create");
    if (!p.ok) return p;
    const t = this.core.identity.createTenant(tenantId, name, quota);
    if (t.ok) this.core.securityGroups.createDefault(tenantId);
    return t;
  }

  /** Tenants by id: all for a cloud administrator, else the caller's own. */
  listTenants(caller: Caller): Result<Readonly<TenantRecord>[]> {
    const p = this.core.guard.permit(caller, "tenant:list");
    if (!p.ok) return p;
    const scope = this.core.guard.scope(p.value, "tenant:list");
    return ok(this.core.identity.listTenants().filter((t) => scope === undefined || t.tenantId === scope));
  }

  /** Disables (detaches) or re-enables a tenant: its users can no longer act meanwhile. */
  setTenantEnabled(caller: Caller, tenantId: string, enabled: boolean): Result<Readonly<TenantRecord>> {
    const p = this.core.guard.permit(caller, "tenant:detach", tenantId);
    return p.ok ? this.core.identity.setTenantEnabled(tenantId, enabled) : p;
  }

  /** Deletes a tenant: CONFLICT while it still has users or resources (its default security group goes with it). */
  deleteTenant(caller: Caller, tenantId: string): Result<void> {
    const p = this.core.guard.permit(caller, "tenant:delete", tenantId);
    if (!p.ok) return p;
    if (this.core.identity.tenant(tenantId) === undefined) return fail(domainError("NOT_FOUND", `tenant ${tenantId} does not exist`));
    const owned = this.ownedResources(tenantId);
    if (owned > 0) return fail(domainError("CONFLICT", `tenant ${tenantId} still owns ${owned} resources`));
    const deleted = this.core.identity.deleteTenant(tenantId);
    if (!deleted.ok) return deleted;
    const group = this.core.securityGroups.defaultOf(tenantId);
    if (group !== undefined) this.core.securityGroups.delete(group.securityGroupId, true);
    return ok(undefined);
  }

  /** Creates a user in the caller's tenant (or the one a cloud administrator names) with roles it may grant. */
  createUser(caller: Caller, userId: string, roles: readonly string[], tenantId?: string): Result<Readonly<UserRecord>> {
    const who = this.core.guard.owner(caller, "user:create", tenantId);
    if (!who.ok) return who;
    for (const name of roles) {
      const role = this.core.identity.role(name);
      if (role === undefined) return fail(domainError("NOT_FOUND", `role ${name} does not exist`));
      const refused = grantRefusal(who.value.principal, role);
      if (refused !== undefined) return fail(domainError("FORBIDDEN", refused, { "role escalation": 1 }));
    }
    return this.core.identity.createUser(userId, who.value.tenantId, roles);
  }

  /** Users by id: the caller's tenant's (all for a cloud administrator). */
  listUsers(caller: Caller): Result<Readonly<UserRecord>[]> {
    const p = this.core.guard.permit(caller, "user:list");
    return p.ok ? ok(this.core.identity.listUsers(this.core.guard.scope(p.value, "user:list"))) : p;
  }

  /** Revokes one role from a user (user:detach). */
  revokeRole(caller: Caller, userId: string, role: string): Result<Readonly<UserRecord>> {
    const p = this.core.guard.reach(caller, "user:detach", `user ${userId}`, this.core.identity.user(userId)?.tenantId);
    return p.ok ? this.core.identity.revokeRole(userId, role) : p;
  }

  deleteUser(caller: Caller, userId: string): Result<void> {
    const p = this.core.guard.reach(caller, "user:delete", `user ${userId}`, this.core.identity.user(userId)?.tenantId);
    return p.ok ? this.core.identity.deleteUser(userId) : p;
  }

  /** Creates a role: INVALID_ARGUMENT for a privilege that does not exist. */
  createRole(caller: Caller, name: string, scope: RoleScope, privileges: readonly string[]): Result<Role> {
    const p = this.core.guard.permit(caller, "role:create");
    if (!p.ok) return p;
    const unknown = privileges.filter((x) => !isPrivilege(x));
    if (unknown.length > 0) return fail(domainError("INVALID_ARGUMENT", `unknown privilege ${unknown.join(", ")}`));
    return this.core.identity.createRole(makeRole(name, scope, privileges.filter(isPrivilege)));
  }

  listRoles(caller: Caller): Result<Role[]> {
    const p = this.core.guard.permit(caller, "role:list");
    return p.ok ? ok(this.core.identity.listRoles()) : p;
  }

  deleteRole(caller: Caller, name: string): Result<void> {
    const p = this.core.guard.permit(caller, "role:delete");
    return p.ok ? this.core.identity.deleteRole(name) : p;
  }

  /** Resources a tenant still owns (what blocks its deletion). */
  private ownedResources(tenantId: string): number {
    const c = this.core;
    return (
      c.compute.query({ tenant: tenantId }).length +
      c.network.queryNetworks({ tenantId }).length +
      c.network.queryPorts({ tenantId }).length +
      c.storage.query({ tenantId }).length +
      c.keyPairs.list(tenantId).length +
      c.stacks.list(tenantId).length +
      c.securityGroups.list(tenantId).filter((g) => g.name !== "default").length +
      c.images.query({ tenantId }).length
    );
  }
}

/** Why `grantor` may not grant `role`, or undefined when it may. */
function grantRefusal(grantor: Principal, role: Role): string | undefined {
  const cloud = grantor.roles.some((r) => r.scope === "cloud");
  if (role.scope === "cloud" && !cloud) return `only a cloud administrator may grant cloud-scoped role ${role.name}`;
  const held = new Set(grantor.roles.flatMap((r) => r.privileges));
  const extra = role.privileges.filter((x) => !held.has(x));
  return extra.length === 0 ? undefined : `role ${role.name} carries ${extra.join(", ")}, which the granting user lacks`;
}
