/**
 * `--os-cloud NAME`: the token and the Placement endpoint of a clouds.yaml entry. Finds the file where
 * openstacksdk does (OS_CLIENT_CONFIG_FILE, ./clouds.yaml, ~/.config/openstack/clouds.yaml,
 * /etc/openstack/clouds.yaml: the first that exists), parses it in ingest (pure), and for password
 * auth asks Keystone for a token (POST /v3/auth/tokens, project scope). The endpoint is the
 * command's --placement-url, else the entry's placement_endpoint_override, else Keystone's catalog.
 * Neither the token nor the password ever reaches a message.
 */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { cwd, env } from "node:process";
import { cloudsYamlPlaces, placementFromCatalog, readCloud, type CloudAuth } from "../ingest/index.js";
import { CommandFailure, EXIT_INVALID_INPUT } from "./exit-codes.js";

const refuse = (line: string) => new CommandFailure(EXIT_INVALID_INPUT, [`nfvtwin: ${line}`]);

/** The clouds.yaml to read: the first of openstacksdk's places that exists. */
export function findCloudsYaml(): string {
  const places = cloudsYamlPlaces({ OS_CLIENT_CONFIG_FILE: env["OS_CLIENT_CONFIG_FILE"], home: safeHome(), cwd: cwd() });
  const found = places.find((p) => existsSync(p));
  if (found === undefined) throw refuse(`--os-cloud: no clouds.yaml found (looked at ${places.join(", ")})`);
  return found;
}

function safeHome(): string | undefined {
  try {
    return homedir();
  } catch {
    return undefined;
  }
}

/** The token and Placement URL of cloud `name` of `file`; rejects with exit 2 and the reason. */
export async function cloudCredentials(file: string, name: string, placementUrl: string | undefined): Promise<{ url: string; token: string }> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw refuse(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const read = readCloud(text, name, file);
  if (!read.ok) throw refuse(read.message);
  const cloud = read.cloud;
  if (cloud.kind === "token") {
    const url = placementUrl ?? cloud.placementUrl ?? (cloud.authUrl === undefined ? undefined : await catalogOfToken(cloud, cloud.token));
    if (url === undefined) throw refuse(noEndpoint(name));
    return { url, token: cloud.token };
  }
  const issued = await issueToken(cloud);
  const url = placementUrl ?? cloud.placementUrl ?? placementFromCatalog(issued.body, cloud.interface, cloud.regionName);
  if (url === undefined) throw refuse(noEndpoint(name));
  return { url, token: issued.token };
}

const noEndpoint = (name: string) =>
  `cloud "${name}": no Placement endpoint: Keystone's catalog has no placement service at that interface and region, and the entry has no placement_endpoint_override; give --placement-url`;

/** POST {auth_url}/v3/auth/tokens with the entry's password: the token (X-Subject-Token) and the answer (its catalog). */
async function issueToken(cloud: Extract<CloudAuth, { kind: "password" }>): Promise<{ token: string; body: unknown }> {
  const url = `${keystoneV3(cloud.authUrl)}/auth/tokens`;
  const response = await call(url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(cloud.tokenRequest) });
  const token = response.headers.get("x-subject-token");
  if (token === null || token === "") throw refuse(`Keystone at ${url} issued no token (no X-Subject-Token header)`);
  return { token, body: await bodyOf(response, url) };
}

/** GET {auth_url}/v3/auth/tokens of a token we hold: its catalog's Placement endpoint. */
async function catalogOfToken(cloud: Extract<CloudAuth, { kind: "token" }>, token: string): Promise<string | undefined> {
  const url = `${keystoneV3(cloud.authUrl!)}/auth/tokens`;
  const response = await call(url, { headers: { "x-auth-token": token, "x-subject-token": token, accept: "application/json" } });
  return placementFromCatalog(await bodyOf(response, url), cloud.interface, cloud.regionName);
}

/** auth_url as clouds.yaml gives it (with or without /v3) → the v3 root. */
const keystoneV3 = (authUrl: string): string => (/\/v3$/.test(authUrl) ? authUrl : `${authUrl}/v3`);

async function call(url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    throw refuse(`cannot reach Keystone at ${url}: ${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)}`);
  }
  if (!response.ok) throw refuse(`Keystone at ${url} answered ${response.status} ${response.statusText}`.trimEnd() + (response.status === 401 ? " (check the cloud's credentials)" : ""));
  return response;
}

async function bodyOf(response: Response, url: string): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    throw refuse(`Keystone at ${url} answered with a body that is not JSON`);
  }
}
