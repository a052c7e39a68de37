/**
 * The privilege table and default roles held against scope.md's tenant-level resources table
 * (spec/scope.md, copied verbatim below so the test fails if either drifts): every ✓ column is a
 * privilege, no unticked column is, and the "who may create/delete" column names exactly the
 * default roles holding that resource's create and delete privileges. Every list is readable by
 * the reader role.
 */
import { describe, expect, it } from "vitest";
import { authorize, type Principal } from "./authorize.js";
import { isPrivilege, PRIVILEGES, type Privilege } from "./privileges.js";
import { DEFAULT_ROLES } from "./roles.js";

const SCOPE_TABLE = `
| Flavour | ✓ | ✓ | | | ✓ | administrators |
| Image | ✓ | ✓ | | | ✓ | administrators |
| Key pair | ✓ | ✓ | | | ✓ | tenant users |
| Privilege | | | | | | managed by the cloud provider's administrators |
| Role | ✓ | ✓ | | | ✓ | authorised administrators (roles carry privileges, mapped to users) |
| Security group | ✓ | ✓ | | | ✓ | tenant (VDC) administrators only |
| Stack | ✓ | ✓ | | | ✓ | tenant users with the right role |
| Virtual storage | ✓ | ✓ | ✓ | ✓ | ✓ | tenant users with the right role |
| User | ✓ | ✓ | | ✓ | ✓ | tenant (VDC) administrators only |
| Tenant | ✓ | ✓ | | ✓ | ✓ | cloud zone administrators only |
| Virtual compute | ✓ | ✓ | | ✓ | ✓ | tenant users with the right role; also suspend/unsuspend |
| Virtual network | ✓ | ✓ | ✓ | ✓ | ✓ | tenant users with the right role |
`;
const COLUMNS = ["create", "list", "attach", "detach", "delete"] as const;
const PREFIX: Readonly<Record<string, string>> = {
  Flavour: "flavour",
  Image: "image",
  "Key pair": "keypair",
  Privilege: "privilege",
  Role: "role",
  "Security group": "security-group",
  Stack: "stack",
  "Virtual storage": "storage",
  User: "user",
  Tenant: "tenant",
  "Virtual compute": "compute",
  "Virtual network": "network",
};
/** The default roles each "who" phrase names (the cloud administrator can do everything). */
const WHO: ReadonlyArray<[string, readonly string[]]> = [
  ["cloud zone administrators only", ["cloud-admin"]],
  ["tenant (VDC) administrators only", ["cloud-admin", "tenant-admin"]],
  ["tenant users with the right role", ["cloud-admin", "member", "tenant-admin"]],
  ["tenant users", ["cloud-admin", "member", "tenant-admin"]],
  ["authorised administrators", ["cloud-admin"]],
  // Flavours are cloud-wide (Nova: admin only); images may be added by a tenant's administrator, private to it.
  ["administrators", ["cloud-admin", "tenant-admin"]],
];

const rows = SCOPE_TABLE.trim().split("\n").map((line) => line.split("|").slice(1, -1).map((c) => c.trim()));
const holders = (p: Privilege): string[] => DEFAULT_ROLES.filter((r) => r.privileges.includes(p)).map((r) => r.name).sort();

describe("privilege table against scope.md", () => {
  it.each(rows.map((r) => [r[0]!, r]))("%s", (_name, row) => {
    const prefix = PREFIX[row[0]!]!;
    COLUMNS.forEach((col, i) => expect(isPrivilege(`${prefix}:${col}`), `${prefix}:${col}`).toBe(row[i + 1] === "✓"));
    const who = row[6]!;
    if (prefix === "privilege") return expect(PRIVILEGES.some((p) => p.startsWith("privilege:"))).toBe(false);
    const expected = WHO.find(([phrase]) => who.startsWith(phrase))![1];
    const create = `${prefix}:create` as Privilege;
    const del = `${prefix}:delete` as Privilege;
    if (prefix === "flavour") expect(holders(create)).toEqual(["cloud-admin"]);
    else expect(holders(create), who).toEqual([...expected].sort());
    expect(holders(del)).toEqual(holders(create));
    expect(holders(`${prefix}:list` as Privilege)).toContain("reader");
  });

  it("gives compute suspend/unsuspend (operate) to the roles that create compute", () => {
    expect(holders("compute:operate")).toEqual(holders("compute:create"));
  });

  it("lets a reader only list (and subscribe)", () => {
    const reader = DEFAULT_ROLES.find((r) => r.name === "reader")!;
    expect(reader.privileges.every((p) => p.endsWith(":list") || p.startsWith("subscription:"))).toBe(true);
  });
});

describe("authorize", () => {
  const role = (name: string) => DEFAULT_ROLES.find((r) => r.name === name)!;
  const as = (tenantId: string, ...roles: string[]): Principal => ({ userId: "u", tenantId, roles: roles.map(role) });

  it("refuses a missing privilege and another tenant's resource, with countable reasons", () => {
    expect(authorize(as("t1", "member"), "image:create", "t1")).toEqual({ ok: false, error: { kind: "FORBIDDEN", message: "role member lacks image:create", detail: { "missing privilege": 1 } } });
    expect(authorize(as("t1", "member", "reader"), "image:create", "t1")).toMatchObject({ error: { message: "roles member, reader lack image:create" } });
    expect(authorize(as("t2", "member"), "compute:delete", "t1")).toEqual({ ok: false, error: { kind: "FORBIDDEN", message: "tenant t2 cannot act on a resource of tenant t1", detail: { "cross-tenant": 1 } } });
    expect(authorize(as("t2"), "compute:list", "t2")).toMatchObject({ error: { message: "user u has no role carrying compute:list" } });
  });

  it("lets a cloud administrator act on every tenant and a tenant role only on its own", () => {
    expect(authorize(as("admin", "cloud-admin"), "compute:delete", "t1").ok).toBe(true);
    expect(authorize(as("t1", "tenant-admin"), "security-group:create", "t1").ok).toBe(true);
    expect(authorize(as("t1", "tenant-admin"), "tenant:create", undefined).ok).toBe(false);
    expect(authorize(as("t1", "member"), "flavour:list", undefined).ok).toBe(true);
  });
});
