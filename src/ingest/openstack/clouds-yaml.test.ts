/** clouds.yaml entries for `import openstack --os-cloud`: token and password auth, endpoints, refusals without secrets. */
import { describe, expect, it } from "vitest";
import { cloudsYamlPlaces, placementFromCatalog, readCloud } from "./clouds-yaml.js";

const FILE = `clouds:
  tok:
    auth_type: token
    auth: { token: gAAAA-secret-token, auth_url: "https://keystone.example:5000/v3/" }
    placement_endpoint_override: http://controller:8778
  pw:
    region_name: RegionTwo
    interface: internal
    auth:
      auth_url: https://keystone.example:5000
      username: admin
      password: hunter2-secret
      project_name: admin
      user_domain_name: Default
      project_domain_id: default
  byid:
    auth: { auth_url: http://k:5000/v3, user_id: u1, password: p, project_id: p1 }
  sso:
    auth_type: v3oidcpassword
    auth: { auth_url: http://k:5000 }
  notoken:
    auth_type: token
    auth: {}
`;

describe("clouds.yaml", () => {
  it("a token entry: the token, the endpoint override, auth_url without its trailing slash", () => {
    expect(readCloud(FILE, "tok", "clouds.yaml")).toEqual({
      ok: true,
      cloud: { kind: "token", token: "gAAAA-secret-token", authUrl: "https://keystone.example:5000/v3", placementUrl: "http://controller:8778", regionName: undefined, interface: "public" },
    });
  });

  it("a password entry: Keystone v3's password body with a project scope, the catalog's interface and region", () => {
    const r = readCloud(FILE, "pw", "clouds.yaml");
    expect(r).toEqual({
      ok: true,
      cloud: {
        kind: "password",
        authUrl: "https://keystone.example:5000",
        placementUrl: undefined,
        regionName: "RegionTwo",
        interface: "internal",
        tokenRequest: {
          auth: {
            identity: { methods: ["password"], password: { user: { name: "admin", domain: { name: "Default" }, password: "hunter2-secret" } } },
            scope: { project: { name: "admin", domain: { id: "default" } } },
          },
        },
      },
    });
    const byId = readCloud(FILE, "byid", "clouds.yaml");
    expect(byId.ok && byId.cloud.kind === "password" && byId.cloud.tokenRequest).toEqual({
      auth: { identity: { methods: ["password"], password: { user: { id: "u1", password: "p" } } }, scope: { project: { id: "p1" } } },
    });
  });

  it("refuses an unknown cloud, another auth type, a token entry without a token; no message quotes a secret", () => {
    const messages = ["nope", "sso", "notoken"].map((name) => {
      const r = readCloud(FILE, name, "clouds.yaml");
      return r.ok ? "accepted" : r.message;
    });
    expect(messages).toEqual([
      'clouds.yaml: no cloud named "nope"; clouds: byid, notoken, pw, sso, tok',
      'clouds.yaml: cloud "sso": auth_type v3oidcpassword is not supported; nfvtwin reads token and password (Keystone v3) auth. Get a token (openstack token issue -f value -c id) and set OS_TOKEN',
      'clouds.yaml: cloud "notoken": auth_type token needs auth.token',
    ]);
    expect(readCloud("clouds: [", "x", "c.yaml")).toMatchObject({ ok: false, message: expect.stringMatching(/^c\.yaml: not YAML/) });
    for (const m of messages) expect(m).not.toMatch(/secret|hunter2/);
  });

  it("picks Placement's endpoint of the catalog by interface and region", () => {
    const body = {
      token: {
        catalog: [
          { type: "compute", endpoints: [{ interface: "public", region_id: "RegionOne", url: "http://nova" }] },
          {
            type: "placement",
            endpoints: [
              { interface: "public", region_id: "RegionOne", url: "http://p1-public" },
              { interface: "internal", region_id: "RegionOne", url: "http://p1-internal" },
              { interface: "internal", region_id: "RegionTwo", url: "http://p2-internal" },
            ],
          },
        ],
      },
    };
    expect(placementFromCatalog(body, "internal", "RegionTwo")).toBe("http://p2-internal");
    expect(placementFromCatalog(body, "public", undefined)).toBe("http://p1-public");
    expect(placementFromCatalog(body, "admin", undefined)).toBeUndefined();
    expect(placementFromCatalog({ token: {} }, "public", undefined)).toBeUndefined();
  });

  it("looks where openstacksdk does, OS_CLIENT_CONFIG_FILE first", () => {
    expect(cloudsYamlPlaces({ OS_CLIENT_CONFIG_FILE: "/x/c.yaml", home: "/home/u", cwd: "/w" })).toEqual(["/x/c.yaml", "/w/clouds.yaml", "/home/u/.config/openstack/clouds.yaml", "/etc/openstack/clouds.yaml"]);
    expect(cloudsYamlPlaces({ home: undefined, cwd: "/w" })).toEqual(["/w/clouds.yaml", "/etc/openstack/clouds.yaml"]);
  });
});
