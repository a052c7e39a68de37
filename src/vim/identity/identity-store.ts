/**
 * Keystone's records: tenants (projects: a slice of a cloud zone with a quota), users (each in one
 * tenant, with role assignments) and roles. The store checks only its own consistency (CONFLICT for
 * a duplicate id, NOT_FOUND for an unknown one, CONFLICT for deleting what is still referenced);
 * who may do what is decided by `authorize` in the façade. Every change is one log record.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { EventLog } from "../../metrics/index.js";
import { ChangeLog, compareIds, type Clock } from "../common/change-log.js";
import type { Principal } from "./authorize.js";
import { DEFAULT_ROLES, type Role } from "./roles.js";

export interface TenantRecord {
  readonly tenantId: string;
  readonly name: string;
  /** Quota limits by IFA quota item (placeholder until quota management lands); -1 = unlimited. */
  readonly quota: Readonly<Record<string, number>>;
  /** A disabled tenant's users can no longer act (Keystone project enabled=false). */
  enabled: boolean;
}

export interface UserRecord {
  readonly userId: string;
  readonly tenantId: string;
  /** Role names, sorted. */
  roles: string[];
}

const byId = <T>(m: ReadonlyMap<string, T>): T[] => [...m.entries()].sort(([a], [b]) => compareIds(a, b)).map(([, v]) => v);

export class IdentityStore {
  private readonly tenants = new Map<string, TenantRecord>();
  private readonly users = new Map<string, UserRecord>();
  private readonly roles = new Map<string, Role>();
  /** Its change records (the VIM attaches its notifier: `changes.publishTo`). */
  readonly changes: ChangeLog;

  constructor(clock: Clock, log: EventLog, roles: readonly Role[] = DEFAULT_ROLES) {
    this.changes = new ChangeLog(clock, log);
    for (const r of roles) this.roles.set(r.name, r);
  }

  /** The principal acting as `userId`: FORBIDDEN when the user is unknown or its tenant disabled. */
  principal(userId: string): Result<Principal> {
    const u = this.users.get(userId);
    if (u === undefined) return fail(domainError("FORBIDDEN", `user ${userId} is not known to the identity service`, { "unknown user": 1 }));
    if (this.tenants.get(u.tenantId)?.enabled !== true) return fail(domainError("FORBIDDEN", `tenant ${u.tenantId} of user ${userId} is disabled`, { "disabled tenant": 1 }));
    return ok({ userId, tenantId: u.tenantId, roles: u.roles.map((r) => this.roles.get(r)).filter((r): r is Role => r !== undefined) });
  }

  createTenant(tenantId: string, name: string, quota: Readonly<Record<string, number>> = {}): Result<TenantRecord> {
    if (this.tenants.has(tenantId)) return fail(domainError("CONFLICT", `tenant ${tenantId} already exists`));
    const t: TenantRecord = { tenantId, name, quota: { ...quota }, enabled: true };
    this.tenants.set(tenantId, t);
    this.changes.write("tenant", tenantId, "create", null, () => ({ ...t }));
    return ok(t);
  }

  /** Enables or disables a tenant (tenant:detach). */
  setTenantEnabled(tenantId: string, enabled: boolean): Result<TenantRecord> {
    const t = this.tenants.get(tenantId);
    if (t === undefined) return fail(domainError("NOT_FOUND", `tenant ${tenantId} does not exist`));
    const before = this.changes.snapshot(() => ({ ...t }));
    t.enabled = enabled;
    this.changes.write("tenant", tenantId, enabled ? "enable" : "disable", before, () => ({ ...t }));
    return ok(t);
  }

  /** Deletes a tenant: CONFLICT while it has users (the façade also checks its resources). */
  deleteTenant(tenantId: string): Result<void> {
    const t = this.tenants.get(tenantId);
    if (t === undefined) return fail(domainError("NOT_FOUND", `tenant ${tenantId} does not exist`));
    const users = [...this.users.values()].filter((u) => u.tenantId === tenantId).length;
    if (users > 0) return fail(domainError("CONFLICT", `tenant ${tenantId} still has ${users} users`));
    this.tenants.delete(tenantId);
    this.changes.write("tenant", tenantId, "delete", this.changes.snapshot(() => ({ ...t })), () => null);
    return ok(undefined);
  }

  tenant(id: string): Readonly<TenantRecord> | undefined {
    return this.tenants.get(id);
  }
  /** Tenants by id. */
  listTenants(): Readonly<TenantRecord>[] {
    return byId(this.tenants);
  }

  /** Creates a user in an existing tenant with existing roles. */
  createUser(userId: string, tenantId: string, roles: readonly string[]): Result<UserRecord> {
    if (this.users.has(userId)) return fail(domainError("CONFLICT", `user ${userId} already exists`));
    if (!this.tenants.has(tenantId)) return fail(domainError("NOT_FOUND", `tenant ${tenantId} does not exist`));
    const unknown = roles.filter((r) => !this.roles.has(r));
    if (unknown.length > 0) return fail(domainError("NOT_FOUND", `role ${unknown.join(", ")} does not exist`));
    const u: UserRecord = { userId, tenantId, roles: [...new Set(roles)].sort(compareIds) };
    this.users.set(userId, u);
    this.changes.write("user", userId, "create", null, () => ({ ...u, roles: [...u.roles] }));
    return ok(u);
  }

  /** Revokes a role from a user (user:detach): NOT_FOUND when the user does not hold it. */
  revokeRole(userId: string, role: string): Result<UserRecord> {
    const u = this.users.get(userId);
    if (u === undefined) return fail(domainError("NOT_FOUND", `user ${userId} does not exist`));
    if (!u.roles.includes(role)) return fail(domainError("NOT_FOUND", `user ${userId} does not hold role ${role}`));
    const before = this.changes.snapshot(() => ({ ...u, roles: [...u.roles] }));
    u.roles = u.roles.filter((r) => r !== role);
    this.changes.write("user", userId, "role.revoke", before, () => ({ ...u, roles: [...u.roles] }));
    return ok(u);
  }

  deleteUser(userId: string): Result<void> {
    const u = this.users.get(userId);
    if (u === undefined) return fail(domainError("NOT_FOUND", `user ${userId} does not exist`));
    this.users.delete(userId);
    this.changes.write("user", userId, "delete", this.changes.snapshot(() => ({ ...u, roles: [...u.roles] })), () => null);
    return ok(undefined);
  }

  user(id: string): Readonly<UserRecord> | undefined {
    return this.users.get(id);
  }
  /** Users by id, of one tenant or all. */
  listUsers(tenantId?: string): Readonly<UserRecord>[] {
    return byId(this.users).filter((u) => tenantId === undefined || u.tenantId === tenantId);
  }

  createRole(role: Role): Result<Role> {
    if (this.roles.has(role.name)) return fail(domainError("CONFLICT", `role ${role.name} already exists`));
    this.roles.set(role.name, role);
    this.changes.write("role", role.name, "create", null, () => ({ ...role }));
    return ok(role);
  }

  /** Deletes a role: FORBIDDEN for a default role, CONFLICT while a user holds it. */
  deleteRole(name: string): Result<void> {
    const r = this.roles.get(name);
    if (r === undefined) return fail(domainError("NOT_FOUND", `role ${name} does not exist`));
    if (r.builtIn) return fail(domainError("FORBIDDEN", `role ${name} is a default role`));
    const holders = [...this.users.values()].filter((u) => u.roles.includes(name)).length;
    if (holders > 0) return fail(domainError("CONFLICT", `role ${name} is held by ${holders} users`));
    this.roles.delete(name);
    this.changes.write("role", name, "delete", this.changes.snapshot(() => ({ ...r })), () => null);
    return ok(undefined);
  }

  role(name: string): Role | undefined {
    return this.roles.get(name);
  }
  /** Roles by name. */
  listRoles(): Role[] {
    return byId(this.roles);
  }
}
