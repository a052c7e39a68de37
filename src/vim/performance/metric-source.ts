/**
 * What a PM measurement reads (ifa-digest §1.12, twin semantics): a host's and a zone's used share
 * of capacity per resource class, and a VM's allocated units while it runs (ACTIVE on a usable
 * host), 0 otherwise, so that a threshold on a VM notices it going down.
 */
import { RESOURCE_CLASSES, asId, type HostId } from "../../domain/index.js";
import type { NfviState } from "../../nfvi/index.js";
import type { ComputeService } from "../compute/compute-service.js";
import type { PerformanceMetric, PmObjectType } from "./pm-types.js";

const CLASS_OF: Readonly<Record<PerformanceMetric, number>> = {
  VCpuUsageMean: RESOURCE_CLASSES.indexOf("VCPU"),
  VMemoryUsageMean: RESOURCE_CLASSES.indexOf("MEMORY_MB"),
  VDiskUsageMean: RESOURCE_CLASSES.indexOf("DISK_GB"),
};
const AMOUNT_OF: Readonly<Record<PerformanceMetric, "VCPU" | "MEMORY_MB" | "DISK_GB">> = { VCpuUsageMean: "VCPU", VMemoryUsageMean: "MEMORY_MB", VDiskUsageMean: "DISK_GB" };

const round = (x: number): number => Math.round(x * 1e9) / 1e9;

export class MetricSource {
  constructor(
    private readonly nfvi: NfviState,
    private readonly compute: ComputeService,
  ) {}

  /** Every object of a type, sorted by id (VMs: live servers by number). */
  objects(type: PmObjectType): string[] {
    if (type === "ZONE") return this.nfvi.topology.zones.map((z) => z.id as string);
    if (type === "HOST") return Array.from({ length: this.nfvi.hostCount }, (_, h) => this.nfvi.hostId(h) as string);
    const out: string[] = [];
    for (let i = 0; i < this.compute.liveServerCount; i++) out.push(this.compute.liveServerAt(i)!.id);
    return out.sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
  }

  /** The value now, or undefined when the object does not exist (anymore). */
  value(type: PmObjectType, id: string, metric: PerformanceMetric): number | undefined {
    const c = CLASS_OF[metric];
    if (type === "HOST") {
      const h = this.nfvi.hostIndex(asId<HostId>(id));
      if (h === undefined) return undefined;
      const cap = this.nfvi.capacity(h, c);
      return cap > 0 ? round(this.nfvi.used(h, c) / cap) : 0;
    }
    if (type === "ZONE") {
      const zone = this.nfvi.topology.zones.find((z) => z.id === id);
      if (zone === undefined) return undefined;
      let used = 0;
      let cap = 0;
      for (const h of zone.hosts) {
        used += this.nfvi.used(h, c);
        cap += this.nfvi.capacity(h, c);
      }
      return cap > 0 ? round(used / cap) : 0;
    }
    const no = /^vm-(\d+)$/.exec(id);
    const s = no === null ? undefined : this.compute.server(Number(no[1]));
    if (s === undefined) return undefined;
    const running = s.state.vmState === "active" && s.hostIndex >= 0 && this.nfvi.isUsable(s.hostIndex);
    return running ? (s.flavourSpec.amounts[AMOUNT_OF[metric]] ?? 0) : 0;
  }
}
