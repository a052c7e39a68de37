/**
 * Privileges: the action names a role can carry (Keystone policy rules, "compute:create"), one per
 * (resource, operation) of scope.md's tenant-level resources table plus the IFA operations that table
 * folds into its columns (operate, update, subscribe). The cloud provider fixes this list: privileges
 * are data, never created at run time (scope.md: "managed by the cloud provider's administrators").
 */

/** The resources of scope.md's table, by the prefix their privileges carry. */
export const RESOURCES = [
  "flavour",
  "image",
  "keypair",
  "role",
  "security-group",
  "stack",
  "storage",
  "user",
  "tenant",
  "compute",
  "network",
  "subscription",
] as const;
export type ResourceName = (typeof RESOURCES)[number];

/** Every privilege, sorted within its resource; order is the order listings and errors use. */
export const PRIVILEGES = [
  "flavour:create",
  "flavour:list",
  "flavour:delete",
  "image:create",
  "image:list",
  "image:update",
  "image:delete",
  "keypair:create",
  "keypair:list",
  "keypair:delete",
  "role:create",
  "role:list",
  "role:delete",
  "security-group:create",
  "security-group:list",
  "security-group:delete",
  "stack:create",
  "stack:list",
  "stack:delete",
  "storage:create",
  "storage:list",
  "storage:attach",
  "storage:detach",
  "storage:update",
  "storage:delete",
  "user:create",
  "user:list",
  /** Revoking a role from a user (Keystone role assignment delete). */
  "user:detach",
  "user:delete",
  "tenant:create",
  "tenant:list",
  /** Disabling a tenant: its users can no longer act (Keystone project enabled=false). */
  "tenant:detach",
  "tenant:delete",
  "compute:create",
  "compute:list",
  /** IFA Operate/Scale/Migrate: start, stop, suspend, resume, reboot, resize, migrate ... */
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
] as const;
export type Privilege = (typeof PRIVILEGES)[number];

const KNOWN: ReadonlySet<string> = new Set(PRIVILEGES);

/** Is `name` one of the fixed privileges? */
export const isPrivilege = (name: string): name is Privilege => KNOWN.has(name);

/** The privileges of one resource, in table order. */
export const privilegesOf = (resource: ResourceName): Privilege[] => PRIVILEGES.filter((p) => p.startsWith(`${resource}:`));
