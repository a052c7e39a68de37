/**
 * The one authorisation decision (Keystone token + oslo.policy check, reduced to data): may this
 * principal exercise this privilege on a resource of this tenant? Pure; a refusal says why in
 * countable text ("role member lacks image:create", "tenant t2 cannot act on a resource of tenant
 * t1") and carries the reason as a count in `detail`.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { Privilege } from "./privileges.js";
import type { Role } from "./roles.js";

/** An authenticated caller: the user, its tenant, and its roles resolved to privileges. */
export interface Principal {
  readonly userId: string;
  readonly tenantId: string;
  readonly roles: readonly Role[];
}

/** The countable reasons a refusal carries in `detail`. */
export const MISSING_PRIVILEGE = "missing privilege";
export const CROSS_TENANT = "cross-tenant";

/**
 * ok when one of the principal's roles carries `privilege` and, for a resource owned by a tenant
 * (`resourceTenant` defined), that role is cloud-scoped or the tenant is the principal's own.
 */
export function authorize(principal: Principal, privilege: Privilege, resourceTenant: string | undefined): Result<void> {
  const holding = principal.roles.filter((r) => r.privileges.includes(privilege));
  if (holding.length === 0) {
    const names = principal.roles.map((r) => r.name).sort();
    const message =
      names.length === 0 ? `user ${principal.userId} has no role carrying ${privilege}` : names.length === 1 ? `role ${names[0]} lacks ${privilege}` : `roles ${names.join(", ")} lack ${privilege}`;
    return fail(domainError("FORBIDDEN", message, { [MISSING_PRIVILEGE]: 1 }));
  }
  if (resourceTenant === undefined || resourceTenant === principal.tenantId) return ok(undefined);
  if (holding.some((r) => r.scope === "cloud")) return ok(undefined);
  return fail(domainError("FORBIDDEN", `tenant ${principal.tenantId} cannot act on a resource of tenant ${resourceTenant}`, { [CROSS_TENANT]: 1 }));
}

/** Does the principal act on every tenant for `privilege` (a cloud-scoped role holds it)? */
export const actsOnAllTenants = (principal: Principal, privilege: Privilege): boolean =>
  principal.roles.some((r) => r.scope === "cloud" && r.privileges.includes(privilege));
