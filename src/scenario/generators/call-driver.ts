/**
 * Drives `operations.calls`: each call is made through the VIM's typed façade as the named user, so
 * roles, tenants and pools decide its outcome exactly as for a library caller. Outcomes (accepted, or
 * the error kind: FORBIDDEN, EXHAUSTED, CONFLICT, MALFORMED, NOT_FOUND, ...) are counted per call;
 * an expected refusal never stops the run. Names given in the file map to the created resources' ids.
 */
import type { Result } from "../../domain/index.js";
import { NORMAL, type Simulation } from "../../kernel/index.js";
import type { ComputeMetrics, EventLog } from "../../metrics/index.js";
import { recordRefusal } from "./refusals.js";
import type { Vim } from "../../vim/index.js";
import { ms } from "../resolve/distribution.js";
import type { CallSpec } from "../resolve/operations.js";

export class CallDriver {
  /** Kind/name → resource id, the newest first: later calls refer to resources by name. */
  private readonly ids = new Map<string, string>();

  constructor(
    private readonly sim: Simulation,
    private readonly vim: Vim,
    private readonly metrics: ComputeMetrics,
    private readonly calls: ReadonlyArray<CallSpec>,
    private readonly defaultZone: string,
    private readonly log: EventLog,
  ) {}

  start(): void {
    for (const c of this.calls) this.sim.scheduleAt(c.atMs, (_sim, call: CallSpec) => this.make(call), c, NORMAL);
  }

  /** Makes a call `count` times; each repetition's outcome is counted on its own. */
  private make(c: CallSpec): void {
    const n = c.count ?? 1;
    for (let i = 1; i <= n; i++) {
      const name = c.name === undefined ? undefined : n > 1 ? `${c.name}-${i}` : c.name;
      const r = this.once(c, name);
      this.metrics.onActionOutcome(c.call, r.ok ? "accepted" : r.error.kind);
      if (!r.ok) recordRefusal(this.log, this.sim.nowMs, name ?? c.as, c.call, r.error);
    }
  }

  private once(c: CallSpec, name: string | undefined): Result<unknown> {
    const caller = { userId: c.as };
    const ref = (kind: string, refName: string): string => this.ids.get(`${kind}/${refName}`) ?? `${kind}:${refName}:unknown`;
    const remember = <T>(kind: string, r: Result<T>, id: (v: T) => string): Result<T> => {
      if (r.ok && name !== undefined) this.ids.set(`${kind}/${name}`, id(r.value));
      return r;
    };
    switch (c.call) {
      case "createNetwork":
        return remember("network", this.vim.network.createNetwork(caller, { networkType: c.networkType, ...(name === undefined ? {} : { name }), ...(c.segmentationId === undefined ? {} : { segmentationId: c.segmentationId }) }), (v) => v.networkResourceId);
      case "createSubnet":
        return this.vim.network.createSubnet(caller, {
          networkId: ref("network", c.network),
          cidr: c.cidr,
          ...(name === undefined ? {} : { name }),
          ...(c.gatewayIp === undefined ? {} : { gatewayIp: c.gatewayIp }),
          ...(c.dhcp === undefined ? {} : { isDhcpEnabled: c.dhcp }),
          ...(c.pools === undefined ? {} : { addressPool: c.pools }),
        });
      case "createPort":
        return this.vim.network.createPort(caller, { networkId: ref("network", c.network), ...(name === undefined ? {} : { name }) });
      case "createVolume":
        return remember("volume", this.vim.storage.create(caller, { zoneId: c.zone ?? this.defaultZone, sizeOfStorageGb: c.sizeGb, ...(name === undefined ? {} : { storageName: name }), ...(c.multiattach === undefined ? {} : { multiattach: c.multiattach }) }), (v) => v.storageId);
      case "attachVolume": {
        const named = this.vim.compute.query(caller, { name: c.computeName });
        const server = named.ok ? named.value[named.value.length - 1] : undefined;
        return this.vim.storage.attach(caller, ref("volume", c.name ?? ""), typeof server?.["computeId"] === "string" ? server["computeId"] : `compute:${c.computeName}:unknown`);
      }
      case "createImage":
        return remember(
          "image",
          this.vim.images.add(caller, {
            name: name ?? "",
            sizeBytes: Math.round(c.sizeGb * 1e9),
            ...(c.visibility === undefined ? {} : { visibility: c.visibility }),
            ...(c.minRamMb === undefined ? {} : { minRamMb: c.minRamMb }),
            ...(c.minDiskGb === undefined ? {} : { minDiskGb: c.minDiskGb }),
          }),
          (v) => v.softwareImageId,
        );
      case "createServer":
        return this.vim.compute.allocate(caller, {
          flavourId: c.flavour,
          ...(name === undefined ? {} : { name }),
          ...(c.zone === undefined ? {} : { zoneId: c.zone }),
          ...(c.image === undefined ? {} : { imageId: ref("image", c.image) }),
          ...(c.bootTime === undefined ? {} : { bootTimeMs: ms(c.bootTime) }),
        });
    }
  }
}
