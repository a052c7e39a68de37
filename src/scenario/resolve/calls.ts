/**
 * `operations.calls` resolved: users, flavours and zones checked against the model, and every name a
 * call refers to (a network, volume, image, key pair, security group, stack, port or server) checked
 * against the names the file's calls and timed requests give, so a typo is an input error with its
 * position (exit 2) rather than a NOT_FOUND at run time. Referring to a resource before the call that
 * makes it, or after it is gone, stays a run-time NOT_FOUND, counted like any refusal.
 */
import type { ResolvedModel } from "./resolved-model.js";
import type { Call } from "../schema/calls.js";
import { ms } from "./distribution.js";
import { actionSpec, type ActionSpec } from "./action-spec.js";
import { runNetwork } from "./resolve-network.js";
import { didYouMean } from "../../domain/index.js";

/** The user id of the VIM's built-in cloud administrator (Vim's default adminUserId). */
export const VIM_ADMIN = "admin";

type Path = Array<string | number>;
type Report = (path: Path, message: string) => void;

/** A tenant user's API call at a time; `action` is the operation of an operateServer call. */
export type CallSpec = Call & { readonly atMs: number; readonly action?: ActionSpec };

/** The kind of resource each creating call names, and the kind each acting call refers to by `name`. */
const CREATES: Readonly<Partial<Record<Call["call"], string>>> = {
  createNetwork: "network",
  createSubnet: "network resource",
  createPort: "port",
  allocatePublicIp: "public IP",
  createVolume: "volume",
  createImage: "image",
  createKeyPair: "key pair",
  createSecurityGroup: "security group",
  createStack: "stack",
  createServer: "server",
};
const ACTS_ON: Readonly<Partial<Record<Call["call"], string>>> = {
  bindPort: "port",
  unbindPort: "port",
  releasePublicIp: "public IP",
  deleteNetworkResource: "network resource",
  attachVolume: "volume",
  detachVolume: "volume",
  extendVolume: "volume",
  deleteVolume: "volume",
  deleteImage: "image",
  deleteKeyPair: "key pair",
  deleteSecurityGroup: "security group",
  deleteStack: "stack",
};

/** Names a call gives: `name`, or name-1 ... name-N with `count`. */
function givenNames(c: Call): string[] {
  if (c.name === undefined) return [];
  const n = c.count ?? 1;
  return n === 1 ? [c.name] : Array.from({ length: n }, (_, i) => `${c.name}-${i + 1}`);
}

/** Kind → names given by the file: calls, stack members, and `serverNames` (timed requests). */
function namesByKind(calls: readonly Call[], serverNames: readonly string[]): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  const add = (kind: string, name: string): void => void (names.get(kind) ?? names.set(kind, new Set()).get(kind)!).add(name);
  for (const n of serverNames) add("server", n);
  for (const c of calls) {
    const kind = CREATES[c.call];
    if (kind === undefined) continue;
    for (const n of givenNames(c)) {
      add(kind, n);
      // A subnet, network or port can be deleted by name (deleteNetworkResource).
      if (kind === "network" || kind === "port") add("network resource", n);
    }
    if (c.call === "createStack") for (const r of c.resources) add(r.type, r.name);
  }
  return names;
}

export function resolveCalls(calls: readonly Call[], model: ResolvedModel, serverNames: readonly string[], report: Report): CallSpec[] {
  const names = namesByKind(calls, serverNames);
  // The VIM's own cloud administrator (`admin`) may call too: quota changes are its alone.
  const tenantUsers = [...model.tenants.values()].flatMap((t) => t.users.map((u) => u.id)).sort();
  const users = [VIM_ADMIN, ...tenantUsers];
  const out = calls.map((c, i) => {
    const base: Path = ["operations", "calls", i];
    const check = (path: Path, kind: string, name: string): void => {
      if (names.get(kind)?.has(name) === true) return;
      const known = [...(names.get(kind) ?? [])].sort();
      report(path, `no call or request of this scenario makes a ${kind} named "${name}"; ${kind}s it makes: ${known.join(", ") || "none"}`);
    };
    if (!users.includes(c.as)) report([...base, "as"], `unknown user "${c.as}"; ${didYouMean(c.as, tenantUsers)}users of the model's tenants: ${tenantUsers.join(", ") || "none"} (and ${VIM_ADMIN}, the VIM's cloud administrator)`);
    checkModelRefs(c, base, model, report);
    if (c.call === "updateQuota") {
      for (const [item, limit] of Object.entries(c.limits)) if (limit < -1) report([...base, "limits", item], `a quota limit is a count, or -1 for unlimited; got ${limit}`);
    }
    if ((c.call === "updateQuota" || c.call === "deleteQuota") && !model.tenants.has(c.tenant)) report([...base, "tenant"], `unknown tenant "${c.tenant}"; ${didYouMean(c.tenant, [...model.tenants.keys()].sort())}defined tenants: ${[...model.tenants.keys()].sort().join(", ")}`);
    const needsName = CREATES[c.call] !== undefined && c.call !== "createServer" && c.call !== "createPort" && c.call !== "createSubnet" && c.call !== "allocatePublicIp";
    if ((needsName || ACTS_ON[c.call] !== undefined) && c.name === undefined) report([...base, "name"], `${c.call} needs a name (${needsName ? "later calls refer to it" : "the resource it acts on"})`);
    const target = ACTS_ON[c.call];
    if (target !== undefined && c.name !== undefined) check([...base, "name"], target, c.name);
    if ("computeName" in c) check([...base, "computeName"], "server", c.computeName);
    if ("network" in c) check([...base, "network"], "network", c.network);
    if (c.call === "allocatePublicIp" && c.port !== undefined) check([...base, "port"], "port", c.port);
    if (c.call === "createServer") {
      if (c.image !== undefined) check([...base, "image"], "image", c.image);
      if (c.keyPair !== undefined) check([...base, "keyPair"], "key pair", c.keyPair);
      (c.securityGroups ?? []).forEach((g, j) => check([...base, "securityGroups", j], "security group", g));
    }
    if (c.call === "updateServer") {
      (c.attachNetworks ?? []).forEach((n, j) => check([...base, "attachNetworks", j], "network", n));
      (c.attachPorts ?? []).forEach((n, j) => check([...base, "attachPorts", j], "port", n));
      (c.detachPorts ?? []).forEach((n, j) => check([...base, "detachPorts", j], "port", n));
    }
    if (c.call === "createStack") c.resources.forEach((r, j) => r.type === "server" && r.image !== undefined && check([...base, "resources", j, "image"], "image", r.image));
    const action = c.call === "operateServer" ? { action: actionSpec(c, model, base, report) } : {};
    return { ...c, atMs: ms(c.at), ...action };
  });
  return [...out].sort((a, b) => a.atMs - b.atMs);
}

/** A flat network's physical network is one the model's network provider offers for flat networks. */
function physicalNetwork(path: Path, networkType: string, name: string, model: ResolvedModel, report: Report): void {
  const flat = runNetwork(model).segmentation.flatNetworks;
  if (networkType !== "flat") report(path, `physicalNetwork is for flat networks; a ${networkType} network takes a segmentation id`);
  else if (!flat.includes(name)) report(path, `unknown physical network "${name}"; ${didYouMean(name, flat)}the model's flat networks: ${flat.join(", ") || "none"}`);
}

/** Flavours and zones named by a call or its stack members (and a flat network's physical network) exist in the model. */
function checkModelRefs(c: Call, base: Path, model: ResolvedModel, report: Report): void {
  const flavour = (path: Path, id: string): void => {
    if (!model.flavours.has(id)) report(path, `unknown flavour "${id}"; ${didYouMean(id, [...model.flavours.keys()].sort())}defined flavours: ${[...model.flavours.keys()].sort().join(", ")}`);
  };
  const zone = (path: Path, id: string | undefined): void => {
    if (id !== undefined && !model.zones.some((z) => z.id === id)) report(path, `unknown zone "${id}"; ${didYouMean(id, model.zones.map((z) => z.id).sort())}defined zones: ${model.zones.map((z) => z.id).sort().join(", ")}`);
  };
  if (c.call === "createNetwork" && c.physicalNetwork !== undefined) physicalNetwork([...base, "physicalNetwork"], c.networkType, c.physicalNetwork, model, report);
  if (c.call === "createServer") flavour([...base, "flavour"], c.flavour);
  if (c.call === "createServer" || c.call === "createVolume") zone([...base, "zone"], c.zone);
  if (c.call === "createStack") {
    c.resources.forEach((r, j) => {
      if (r.type === "server") flavour([...base, "resources", j, "flavour"], r.flavour);
      if (r.type !== "network") zone([...base, "resources", j, "zone"], r.zone);
    });
  }
}
