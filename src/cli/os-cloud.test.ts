/**
 * `--os-cloud`: a password entry gets its token from Keystone (POST /v3/auth/tokens) and Placement's
 * endpoint from the catalog, against a tiny local Keystone + Placement stub (no real Keystone here);
 * the issued token goes to Placement as X-Auth-Token; a refused password is exit 2 without secrets.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CommandFailure } from "./exit-codes.js";
import { readPlacementOverHttp } from "./import-openstack.js";
import { cloudCredentials } from "./os-cloud.js";

describe("--os-cloud", () => {
  const posted: unknown[] = [];
  const placementHeaders: IncomingHttpHeaders[] = [];
  let base = "";
  let dir = "";
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      if (req.method === "POST" && req.url === "/identity/v3/auth/tokens") {
        const doc = JSON.parse(body) as { auth: { identity: { password: { user: { password: string } } } } };
        posted.push(doc);
        if (doc.auth.identity.password.user.password !== "right-secret") {
          res.writeHead(401, { "Content-Type": "application/json" });
          return res.end("{}");
        }
        res.writeHead(201, { "Content-Type": "application/json", "X-Subject-Token": "issued-token-secret" });
        const catalog = [{ type: "placement", endpoints: [{ interface: "public", region_id: "RegionOne", url: `${base}/placement` }] }];
        return res.end(JSON.stringify({ token: { catalog } }));
      }
      placementHeaders.push(req.headers);
      res.writeHead(200, { "Content-Type": "application/json", "OpenStack-API-Version": "placement 1.39" });
      res.end(JSON.stringify(req.url === "/placement/resource_providers" ? { resource_providers: [] } : { traits: [] }));
    });
  });

  beforeAll(async () => {
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), "nfvtwin-cloud-"));
    const entry = (password: string) => `    auth: { auth_url: "${base}/identity", username: admin, password: ${password}, project_name: admin, user_domain_name: Default, project_domain_name: Default }\n`;
    writeFileSync(join(dir, "clouds.yaml"), `clouds:\n  good:\n${entry("right-secret")}  bad:\n${entry("wrong-secret")}`);
  });
  afterAll(async () => {
    await new Promise((ok) => server.close(ok));
    rmSync(dir, { recursive: true, force: true });
  });

  it("password auth: Keystone issues the token, the catalog names Placement, the token reaches Placement only as X-Auth-Token", async () => {
    const creds = await cloudCredentials(join(dir, "clouds.yaml"), "good", undefined);
    expect(creds).toEqual({ url: `${base}/placement`, token: "issued-token-secret" });
    expect(posted[0]).toMatchObject({ auth: { identity: { methods: ["password"], password: { user: { name: "admin", domain: { name: "Default" } } } }, scope: { project: { name: "admin" } } } });
    await readPlacementOverHttp(creds.url, creds.token);
    expect(placementHeaders.map((h) => h["x-auth-token"])).toEqual(["issued-token-secret", "issued-token-secret"]);
    // --placement-url wins over the catalog.
    expect((await cloudCredentials(join(dir, "clouds.yaml"), "good", "http://elsewhere:8778")).url).toBe("http://elsewhere:8778");
  });

  it("a password Keystone refuses is exit 2 naming Keystone's URL and status, never the password", async () => {
    const failure = await cloudCredentials(join(dir, "clouds.yaml"), "bad", undefined).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(CommandFailure);
    expect((failure as CommandFailure).exitCode).toBe(2);
    expect((failure as CommandFailure).lines).toEqual([`nfvtwin: Keystone at ${base}/identity/v3/auth/tokens answered 401 Unauthorized (check the cloud's credentials)`]);
  });
});
