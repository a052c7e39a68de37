/**
 * How the façade applies `authorize` to every operation, with one rule for other tenants'
 * resources:
 *   - a caller whose roles lack the privilege gets FORBIDDEN, before any resource is looked up;
 *   - a caller naming another tenant as the owner of something it creates gets FORBIDDEN;
 *   - a resource the caller cannot see (another tenant's, unless the caller is a cloud
 *     administrator) is NOT_FOUND, for reads and writes alike, so ids never reveal other tenants'
 *     resources (Nova/Neutron/Cinder answer 404 for another project's resource);
 *   - a resource the caller can see but does not own (a public image, a shared network) is
 *     FORBIDDEN when it tries to change it (Glance/Neutron 403).
 * Queries are scoped: a caller sees its own tenant's resources, a cloud administrator everyone's.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import { actsOnAllTenants, authorize, type Principal } from "../identity/authorize.js";
import type { IdentityStore } from "../identity/identity-store.js";
import type { Privilege } from "../identity/privileges.js";

/** Who calls: a user known to the identity service (its tenant and roles are looked up per call). */
export interface Caller {
  readonly userId: string;
}

export class Guard {
  constructor(private readonly identity: IdentityStore) {}

  /** The principal, when it holds `privilege` (on `resourceTenant`'s resources, when given). */
  permit(caller: Caller, privilege: Privilege, resourceTenant?: string): Result<Principal> {
    const p = this.identity.principal(caller.userId);
    if (!p.ok) return p;
    const decision = authorize(p.value, privilege, resourceTenant);
    return decision.ok ? p : decision;
  }

  /**
   * The tenant a create acts for: the one requested, else the caller's; FORBIDDEN for another
   * tenant (unless cloud-scoped), NOT_FOUND for a tenant that does not exist.
   */
  owner(caller: Caller, privilege: Privilege, requested: string | undefined): Result<{ principal: Principal; tenantId: string }> {
    const p = this.identity.principal(caller.userId);
    if (!p.ok) return p;
    const tenantId = requested ?? p.value.tenantId;
    const decision = authorize(p.value, privilege, tenantId);
    if (!decision.ok) return decision;
    if (this.identity.tenant(tenantId) === undefined) return fail(domainError("NOT_FOUND", `tenant ${tenantId} does not exist`));
    return ok({ principal: p.value, tenantId });
  }

  /**
   * The principal acting with `privilege` on an existing resource owned by `ownerTenant`
   * (undefined when the resource does not exist): NOT_FOUND when it is absent or invisible.
   */
  reach(caller: Caller, privilege: Privilege, what: string, ownerTenant: string | undefined): Result<Principal> {
    const p = this.permit(caller, privilege);
    if (!p.ok) return p;
    if (ownerTenant === undefined || !sees(p.value, privilege, ownerTenant)) return fail(domainError("NOT_FOUND", `${what} does not exist`));
    return p;
  }

  /** The tenant a query is limited to: undefined (all) for a cloud administrator. */
  scope(principal: Principal, privilege: Privilege): string | undefined {
    return actsOnAllTenants(principal, privilege) ? undefined : principal.tenantId;
  }
}

/** Can `principal` see resources of `tenantId` for `privilege`? */
export const sees = (principal: Principal, privilege: Privilege, tenantId: string): boolean =>
  tenantId === principal.tenantId || actsOnAllTenants(principal, privilege);
