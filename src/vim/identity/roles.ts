/**
 * Roles carry privileges and are mapped to users (scope.md). A role is cloud-scoped (acts on every
 * tenant: the cloud zone administrator, Keystone's system-scoped admin) or tenant-scoped (acts only
 * within the user's own tenant). The four default roles are explicit data, so that a test can hold
 * them against scope.md's "who may create/delete" column.
 */
import { PRIVILEGES, type Privilege } from "./privileges.js";

export type RoleScope = "cloud" | "tenant";

export interface Role {
  readonly name: string;
  readonly scope: RoleScope;
  /** Sorted in PRIVILEGES order, no duplicates. */
  readonly privileges: readonly Privilege[];
  /** A default role: it cannot be deleted. */
  readonly builtIn: boolean;
}

const LIST_ONLY: readonly Privilege[] = PRIVILEGES.filter((p) => p.endsWith(":list"));

/** What only the cloud zone's administrators may do (scope.md: flavours, roles, tenants). */
const CLOUD_ONLY: ReadonlySet<Privilege> = new Set<Privilege>([
  "flavour:create",
  "flavour:delete",
  "role:create",
  "role:delete",
  "tenant:create",
  "tenant:detach",
  "tenant:delete",
]);

/** A tenant member's privileges: its own compute, network, storage, stacks and key pairs. */
const MEMBER: readonly Privilege[] = [
  "flavour:list",
  "image:list",
  "keypair:create",
  "keypair:list",
  "keypair:delete",
  "security-group:list",
  "stack:create",
  "stack:list",
  "stack:delete",
  "storage:create",
  "storage:list",
  "storage:attach",
  "storage:detach",
  "storage:update",
  "storage:delete",
  "compute:create",
  "compute:list",
  "compute:operate",
  "compute:update",
  "compute:detach",
  "compute:delete",
  "network:create",
  "network:list",
  "network:attach",
  "network:detach",
  "network:update",
  "network:delete",
  "subscription:create",
  "subscription:delete",
];

/** Sorted in PRIVILEGES order. */
const ordered = (ps: Iterable<Privilege>): Privilege[] => {
  const set = new Set(ps);
  return PRIVILEGES.filter((p) => set.has(p));
};

/**
 * The default roles. A reader may also subscribe: a notification is a read of a change, and
 * subscribing changes no resource.
 */
export const DEFAULT_ROLES: readonly Role[] = [
  { name: "cloud-admin", scope: "cloud", privileges: [...PRIVILEGES], builtIn: true },
  { name: "tenant-admin", scope: "tenant", privileges: PRIVILEGES.filter((p) => !CLOUD_ONLY.has(p)), builtIn: true },
  { name: "member", scope: "tenant", privileges: ordered(MEMBER), builtIn: true },
  { name: "reader", scope: "tenant", privileges: ordered([...LIST_ONLY, "subscription:create", "subscription:delete"]), builtIn: true },
];

/** Builds a role with its privileges in canonical order. */
export const makeRole = (name: string, scope: RoleScope, privileges: Iterable<Privilege>, builtIn = false): Role => ({ name, scope, privileges: ordered(privileges), builtIn });
