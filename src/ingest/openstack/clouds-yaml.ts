/**
 * A cloud of an OpenStack `clouds.yaml` (the openstacksdk / `openstack --os-cloud` file), read for the
 * import: a token to send, or the password credentials to get one from Keystone (POST /v3/auth/tokens),
 * and where Placement is (`placement_endpoint_override`, else Keystone's catalog). Pure: the CLI finds
 * and reads the file and does the HTTP. Secrets stay in the returned values; no message names them.
 */
import { parse } from "yaml";

/** The Placement endpoint as the cloud's entry says it, and how to pick it from a catalog. */
interface Endpoint {
  /** `placement_endpoint_override` (or `endpoint_override` of a placement section), when given. */
  readonly placementUrl: string | undefined;
  readonly regionName: string | undefined;
  /** Catalog interface: public (default), internal or admin. */
  readonly interface: string;
}

export type CloudAuth =
  | (Endpoint & { readonly kind: "token"; readonly token: string; readonly authUrl: string | undefined })
  | (Endpoint & {
      readonly kind: "password";
      readonly authUrl: string;
      /** The body of POST {authUrl}/v3/auth/tokens (it holds the password). */
      readonly tokenRequest: unknown;
    });

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);
const str = (x: unknown): string | undefined => (typeof x === "string" && x !== "" ? x : typeof x === "number" ? String(x) : undefined);

/** The cloud `name` of a clouds.yaml's text, or why not (never quoting a secret). */
export function readCloud(text: string, name: string, file: string): { ok: true; cloud: CloudAuth } | { ok: false; message: string } {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    return { ok: false, message: `${file}: not YAML: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}` };
  }
  const clouds = isObj(doc) ? doc["clouds"] : undefined;
  if (!isObj(clouds)) return { ok: false, message: `${file}: no clouds: section` };
  const cloud = clouds[name];
  if (!isObj(cloud)) return { ok: false, message: `${file}: no cloud named "${name}"; clouds: ${Object.keys(clouds).sort().join(", ") || "none"}` };
  const auth = isObj(cloud["auth"]) ? cloud["auth"] : {};
  const authType = str(cloud["auth_type"]) ?? (str(auth["token"]) !== undefined ? "token" : "password");
  const placementSection = isObj(cloud["placement"]) ? cloud["placement"] : {};
  const endpoint: Endpoint = {
    placementUrl: str(cloud["placement_endpoint_override"]) ?? str(placementSection["endpoint_override"]),
    regionName: str(cloud["region_name"]),
    interface: (str(cloud["interface"]) ?? "public").replace(/URL$/, ""),
  };
  const authUrl = str(auth["auth_url"])?.replace(/\/+$/, "");
  if (authType === "token" || authType === "v3token" || authType === "admin_token") {
    const token = str(auth["token"]);
    if (token === undefined) return { ok: false, message: `${file}: cloud "${name}": auth_type ${authType} needs auth.token` };
    return { ok: true, cloud: { kind: "token", token, authUrl, ...endpoint } };
  }
  if (authType !== "password" && authType !== "v3password") {
    return { ok: false, message: `${file}: cloud "${name}": auth_type ${authType} is not supported; nfvtwin reads token and password (Keystone v3) auth. Get a token (openstack token issue -f value -c id) and set OS_TOKEN` };
  }
  if (authUrl === undefined) return { ok: false, message: `${file}: cloud "${name}": password auth needs auth.auth_url` };
  const request = passwordTokenRequest(auth);
  if (typeof request === "string") return { ok: false, message: `${file}: cloud "${name}": ${request}` };
  return { ok: true, cloud: { kind: "password", authUrl, tokenRequest: request, ...endpoint } };
}

/** The Keystone v3 password-auth body with a project scope, or what is missing. */
function passwordTokenRequest(auth: Obj): unknown {
  const username = str(auth["username"]);
  const userId = str(auth["user_id"]);
  const password = str(auth["password"]);
  if ((username === undefined && userId === undefined) || password === undefined) return "password auth needs auth.username (or user_id) and auth.password";
  const domain = (id: unknown, name: unknown) => (str(id) !== undefined ? { id: str(id) } : { name: str(name) ?? "Default" });
  const userDomain = domain(auth["user_domain_id"] ?? auth["domain_id"], auth["user_domain_name"] ?? auth["domain_name"]);
  const user = userId !== undefined ? { id: userId, password } : { name: username, domain: userDomain, password };
  const projectId = str(auth["project_id"]) ?? str(auth["tenant_id"]);
  const projectName = str(auth["project_name"]) ?? str(auth["tenant_name"]);
  const projectDomain = domain(auth["project_domain_id"] ?? auth["domain_id"], auth["project_domain_name"] ?? auth["domain_name"]);
  const scope = projectId !== undefined ? { project: { id: projectId } } : projectName !== undefined ? { project: { name: projectName, domain: projectDomain } } : undefined;
  return { auth: { identity: { methods: ["password"], password: { user } }, ...(scope === undefined ? {} : { scope }) } };
}

/**
 * The Placement endpoint of a Keystone v3 token answer's catalog (service type `placement`), at the
 * interface and region asked for (any region when none); undefined when the catalog has none.
 */
export function placementFromCatalog(body: unknown, interfaceName: string, regionName: string | undefined): string | undefined {
  const catalog = isObj(body) && isObj(body["token"]) ? body["token"]["catalog"] : undefined;
  if (!Array.isArray(catalog)) return undefined;
  const service = catalog.find((s) => isObj(s) && s["type"] === "placement");
  const endpoints = isObj(service) && Array.isArray(service["endpoints"]) ? service["endpoints"].filter(isObj) : [];
  const fits = endpoints
    .filter((e) => e["interface"] === interfaceName && (regionName === undefined || e["region_id"] === regionName || e["region"] === regionName))
    .map((e) => str(e["url"]))
    .filter((u): u is string => u !== undefined)
    .sort();
  return fits[0];
}

/** Where openstacksdk looks for clouds.yaml, in order (the first that exists is read). */
export function cloudsYamlPlaces(env: { readonly OS_CLIENT_CONFIG_FILE?: string | undefined; readonly home: string | undefined; readonly cwd: string }): string[] {
  return [
    ...(env.OS_CLIENT_CONFIG_FILE !== undefined && env.OS_CLIENT_CONFIG_FILE !== "" ? [env.OS_CLIENT_CONFIG_FILE] : []),
    `${env.cwd}/clouds.yaml`,
    ...(env.home !== undefined ? [`${env.home}/.config/openstack/clouds.yaml`] : []),
    "/etc/openstack/clouds.yaml",
  ];
}
