/** Scenario calls on servers, images and tenant resources (key pairs, security groups, stacks). */
import { domainError, fail, type Result } from "../../domain/index.js";
import type { StackResourceRequest } from "../../vim/index.js";
import { ms } from "../resolve/distribution.js";
import type { StackResource } from "../schema/calls-tenant.js";
import { opt, type CallContext, type CallHandlers } from "./call-context.js";

/** A made-up but well-formed OpenSSH ed25519 public key, the same for the same name. */
const exampleKey = (name: string): string => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5${[...name].map((ch) => ch.charCodeAt(0).toString(16)).join("")} ${name}`;

function stackMember(ctx: CallContext, r: typeof StackResource.Type): StackResourceRequest {
  switch (r.type) {
    case "server":
      return { type: "OS::Nova::Server", name: r.name, flavourId: r.flavour, ...opt("imageId", r.image === undefined ? undefined : ctx.names.id("image", r.image)), ...opt("zoneId", r.zone), ...opt("bootTimeMs", r.bootTime === undefined ? undefined : ms(r.bootTime)) };
    case "network":
      return { type: "OS::Neutron::Net", name: r.name, networkType: r.networkType, ...opt("cidr", r.cidr) };
    case "volume":
      return { type: "OS::Cinder::Volume", name: r.name, zoneId: r.zone ?? ctx.defaultZone, sizeGb: r.sizeGb };
  }
}

/** DELETE_SNAPSHOT of the oldest snapshot left of server `computeName`. */
function deleteOldestSnapshot(ctx: CallContext, computeName: string): Result<unknown> {
  const computeId = ctx.serverId(computeName);
  const snapshots = ctx.vim.compute.snapshots(ctx.caller, computeId);
  if (!snapshots.ok) return snapshots;
  const oldest = snapshots.value[0];
  return ctx.vim.compute.deleteSnapshot(ctx.caller, oldest === undefined ? `snapshot-of:${computeId}:none` : oldest.snapshotId);
}

export const COMPUTE_HANDLERS: CallHandlers<
  "updateQuota" | "deleteQuota" | "createServer" | "operateServer" | "updateServer" | "deleteServer" | "deleteServerSnapshot" | "createImage" | "deleteImage" | "createKeyPair" | "deleteKeyPair" | "createSecurityGroup" | "deleteSecurityGroup" | "createStack" | "deleteStack"
> = {
  updateQuota: (ctx, c) => ctx.vim.quotas.update(ctx.caller, c.tenant, c.limits, { force: c.force === true }),
  deleteQuota: (ctx, c) => {
    const r = ctx.vim.quotas.terminate(ctx.caller, [c.tenant], { force: c.force === true });
    // Terminate is best effort over a list: a tenant left out was refused (below usage, or no quota of its own).
    return !r.ok || r.value.length === 1 ? r : fail(domainError("CONFLICT", `the quota of tenant ${c.tenant} was not terminated: the defaults are below its usage, or it has no quota of its own`));
  },
  createServer: (ctx, c) =>
    ctx.remember(
      "server",
      ctx.vim.compute.allocate(ctx.caller, {
        flavourId: c.flavour,
        ...opt("name", ctx.name),
        ...opt("zoneId", c.zone),
        ...opt("imageId", c.image === undefined ? undefined : ctx.names.id("image", c.image)),
        ...opt("bootTimeMs", c.bootTime === undefined ? undefined : ms(c.bootTime)),
        ...opt("keyPairId", c.keyPair === undefined ? undefined : ctx.names.id("key pair", c.keyPair)),
        ...opt("securityGroupIds", c.securityGroups?.map((g) => ctx.names.id("security group", g))),
        ...opt("metadata", c.metadata),
      }),
      (v) => String(v[0]?.["computeId"]),
    ),
  operateServer: (ctx, c) => {
    const a = c.action!;
    if (a.op === "terminate") return ctx.vim.compute.terminate(ctx.caller, ctx.serverId(c.computeName));
    return ctx.vim.compute.operate(ctx.caller, ctx.serverId(c.computeName), a.op, { ...opt("flavourId", a.flavour), autoConfirm: a.autoConfirm });
  },
  updateServer: (ctx, c) => {
    const computeId = ctx.serverId(c.computeName);
    const add = [...(c.attachNetworks ?? []).map((n) => ({ networkId: ctx.names.id("network", n) })), ...(c.attachPorts ?? []).map((p) => ({ portId: ctx.names.id("port", p) }))];
    const remove = (c.detachPorts ?? []).map((p) => ctx.names.id("port", p));
    if (add.length > 0 || remove.length > 0) {
      const changed = ctx.vim.compute.updateInterfaces(ctx.caller, computeId, { add, remove });
      if (!changed.ok || (c.set === undefined && c.remove === undefined)) return changed;
    }
    return ctx.vim.compute.update(ctx.caller, computeId, c.set ?? {}, c.remove ?? []);
  },
  deleteServer: (ctx, c) => ctx.vim.compute.terminate(ctx.caller, ctx.serverId(c.computeName)),
  deleteServerSnapshot: (ctx, c) => deleteOldestSnapshot(ctx, c.computeName),
  createImage: (ctx, c) =>
    ctx.remember(
      "image",
      ctx.vim.images.add(ctx.caller, {
        name: ctx.name ?? "",
        sizeBytes: Math.round(c.sizeGb * 1e9),
        ...opt("visibility", c.visibility),
        ...opt("minRamMb", c.minRamMb),
        ...opt("minDiskGb", c.minDiskGb),
      }),
      (v) => v.softwareImageId,
    ),
  deleteImage: (ctx) => ctx.vim.images.delete(ctx.caller, ctx.names.id("image", ctx.name ?? "")),
  createKeyPair: (ctx, c) => ctx.remember("key pair", ctx.vim.keyPairs.create(ctx.caller, ctx.name ?? "", c.publicKey ?? exampleKey(ctx.name ?? "")), (v) => v.keyPairId),
  deleteKeyPair: (ctx) => ctx.vim.keyPairs.delete(ctx.caller, ctx.names.id("key pair", ctx.name ?? "")),
  createSecurityGroup: (ctx, c) =>
    ctx.remember(
      "security group",
      ctx.vim.securityGroups.create(
        ctx.caller,
        ctx.name ?? "",
        (c.rules ?? []).map((r) => ({ direction: r.direction, protocol: r.protocol, ...opt("portRangeMin", r.portMin), ...opt("portRangeMax", r.portMax), ...opt("remoteIpPrefix", r.remoteIpPrefix) })),
        undefined,
        c.description ?? "",
      ),
      (v) => v.securityGroupId,
    ),
  deleteSecurityGroup: (ctx) => ctx.vim.securityGroups.delete(ctx.caller, ctx.names.id("security group", ctx.name ?? "")),
  createStack: (ctx, c) => ctx.remember("stack", ctx.vim.stacks.create(ctx.caller, { name: ctx.name ?? "", resources: c.resources.map((r) => stackMember(ctx, r)) }), (v) => String(v["stackId"])),
  deleteStack: (ctx) => ctx.vim.stacks.delete(ctx.caller, ctx.names.id("stack", ctx.name ?? "")),
};
