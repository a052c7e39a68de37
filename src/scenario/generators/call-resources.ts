/** Scenario calls on virtualised networks and storage, through the typed façade. */
import { opt, type CallContext, type CallHandlers } from "./call-context.js";

/** The network resource (port, subnet or network) named `name`, the most specific first. */
function networkResourceId(ctx: CallContext, name: string): string {
  for (const kind of ["port", "subnet", "network"]) if (ctx.names.has(kind, name)) return ctx.names.id(kind, name);
  return ctx.names.id("network", name);
}

export const RESOURCE_HANDLERS: CallHandlers<
  "createNetwork" | "createSubnet" | "createPort" | "allocatePublicIp" | "releasePublicIp" | "bindPort" | "unbindPort" | "deleteNetworkResource" | "createVolume" | "attachVolume" | "detachVolume" | "extendVolume" | "deleteVolume"
> = {
  createNetwork: (ctx, c) =>
    ctx.remember("network", ctx.vim.network.createNetwork(ctx.caller, { networkType: c.networkType, ...opt("name", ctx.name), ...opt("segmentationId", c.segmentationId), ...opt("physicalNetwork", c.physicalNetwork), ...opt("reservationId", c.reservation) }), (v) => v.networkResourceId),
  createSubnet: (ctx, c) =>
    ctx.remember(
      "subnet",
      ctx.vim.network.createSubnet(ctx.caller, {
        networkId: ctx.names.id("network", c.network),
        cidr: c.cidr,
        ...opt("name", ctx.name),
        ...opt("gatewayIp", c.gatewayIp),
        ...opt("isDhcpEnabled", c.dhcp),
        ...opt("addressPool", c.pools),
      }),
      (v) => v.resourceId,
    ),
  createPort: (ctx, c) =>
    ctx.remember("port", ctx.vim.network.createPort(ctx.caller, { networkId: ctx.names.id("network", c.network), ...opt("name", ctx.name), ...opt("reservationId", c.reservation) }), (v) => v.resourceId),
  allocatePublicIp: (ctx, c) =>
    ctx.remember("public IP", ctx.vim.network.allocatePublicIp(ctx.caller, { ...opt("portId", c.port === undefined ? undefined : ctx.names.id("port", c.port)), ...opt("reservationId", c.reservation) }), (v) => v.publicIpId),
  releasePublicIp: (ctx) => ctx.vim.network.releasePublicIp(ctx.caller, ctx.names.id("public IP", ctx.name ?? "")),
  bindPort: (ctx, c) => ctx.vim.network.bindPort(ctx.caller, ctx.names.id("port", ctx.name ?? ""), ctx.serverId(c.computeName)),
  unbindPort: (ctx) => ctx.vim.network.unbindPort(ctx.caller, ctx.names.id("port", ctx.name ?? "")),
  deleteNetworkResource: (ctx) => ctx.vim.network.delete(ctx.caller, networkResourceId(ctx, ctx.name ?? "")),
  createVolume: (ctx, c) =>
    ctx.remember(
      "volume",
      ctx.vim.storage.create(ctx.caller, { zoneId: c.zone ?? ctx.defaultZone, sizeOfStorageGb: c.sizeGb, ...opt("storageName", ctx.name), ...opt("multiattach", c.multiattach), ...opt("reservationId", c.reservation) }),
      (v) => v.storageId,
    ),
  attachVolume: (ctx, c) => ctx.vim.storage.attach(ctx.caller, ctx.names.id("volume", ctx.name ?? ""), ctx.serverId(c.computeName)),
  detachVolume: (ctx, c) => ctx.vim.storage.detach(ctx.caller, ctx.names.id("volume", ctx.name ?? ""), ctx.serverId(c.computeName)),
  extendVolume: (ctx, c) => ctx.vim.storage.extend(ctx.caller, ctx.names.id("volume", ctx.name ?? ""), c.sizeGb),
  deleteVolume: (ctx) => ctx.vim.storage.delete(ctx.caller, ctx.names.id("volume", ctx.name ?? "")),
};
