/**
 * A small world for CCM tests: the fault world's hosts (zones × racks × hosts of 16 vCPU, 64 GB) behind
 * the VIM façade, a tenant t1 with the CCM's service user and no quota limits, a volume backend of
 * `storageGbPerZone` GB per zone, two public node images,
 * and a ClusterManager with fixed timings (boot 1 min, join 1 min, drain 30 s, retry 1 min).
 */
import { ClusterManager, DEFAULT_HEALTH, schedulerOf, type CcmSettings, type ClusterSpec, type NodePoolSpec } from "../ccm/index.js";
import { ImageService, NetworkService, QUOTA_ITEMS, StorageService, UNLIMITED, Vim, type FaultManagerConfig } from "../vim/index.js";
import { faultWorld, SMALL_FLAVOUR, type FaultWorld } from "./fault-world.js";

export interface CcmWorld extends FaultWorld {
  readonly vim: Vim;
  readonly ccm: ClusterManager;
  /** VIM image ids: k8s-1.29 and k8s-1.30. */
  readonly images: { readonly old: string; readonly next: string };
}

export const CCM_SETTINGS: CcmSettings = { bootTimeMs: () => 60_000, joinTimeMs: () => 60_000, drainTimeMs: 30_000, retryIntervalMs: 60_000, health: DEFAULT_HEALTH };

export function ccmWorld(shape = { zones: 3, racks: 1, hostsPerRack: 4 }, settings: Partial<CcmSettings> = {}, faults: Partial<FaultManagerConfig> = {}, storageGbPerZone = 10_000): CcmWorld {
  const w = faultWorld(shape, { recovery: "none", ...faults });
  const network = new NetworkService(w.sim, w.log, { vlan: [100, 199], vxlan: [1, 1000], flatNetworks: ["physnet1"] }, { networkId: "ext-net", cidr: "203.0.113.0/24" });
  const storage = new StorageService(w.sim, w.log, w.nfvi.topology.zones.map((z) => ({ zoneId: z.id, capacityGb: storageGbPerZone })));
  const vim = new Vim({ clock: w.sim, log: w.log, nfvi: w.nfvi, compute: w.compute, network, storage, images: new ImageService(w.sim, w.log), flavours: [SMALL_FLAVOUR, { ...SMALL_FLAVOUR, id: "m1.large", amounts: { ...SMALL_FLAVOUR.amounts, VCPU: 8, MEMORY_MB: 31_000 } }] });
  const seeded = vim.seedTenant({ id: "t1", users: [{ id: "ccm.t1", roles: ["member"] }] });
  if (!seeded.ok) throw new Error(seeded.error.message);
  const quota = vim.quotas.create(vim.admin, "t1", Object.fromEntries(QUOTA_ITEMS.map((q) => [q, UNLIMITED])), { force: true });
  if (!quota.ok) throw new Error(quota.error.message);
  const image = (name: string): string => {
    const r = vim.images.add(vim.admin, { name, visibility: "public", sizeBytes: 0 });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.softwareImageId;
  };
  const images = { old: image("k8s-1.29"), next: image("k8s-1.30") };
  const ccm = new ClusterManager(vim, schedulerOf(w.sim), { ...CCM_SETTINGS, ...settings }, (t) => ({ userId: `ccm.${t}` }));
  return { ...w, vim, ccm, images };
}

/** A pool of m1.small workers (surge 1, unavailable 0) with overrides. */
export const pool = (name: string, replicas: number, over: Partial<NodePoolSpec> = {}): NodePoolSpec => ({
  name,
  flavourId: "m1.small",
  minReplicas: 1,
  maxReplicas: 10,
  replicas,
  zones: [],
  labels: {},
  maxSurge: 1,
  maxUnavailable: 0,
  ...over,
});

/** A cluster of tenant t1 with a control plane of `cp` over zones z1..z3 and the given pools. */
export const clusterSpec = (w: CcmWorld, id: string, cp: number, pools: NodePoolSpec[], over: Partial<ClusterSpec> = {}): ClusterSpec => ({
  id,
  tenantId: "t1",
  kubernetesVersion: "1.29.3",
  imageId: w.images.old,
  subnetCidr: "10.0.0.0/22",
  controlPlane: { replicas: cp, flavourId: "m1.small", policy: "anti-affinity", zones: ["z1", "z2", "z3"] },
  pools,
  onPartialFailure: "rollback",
  ...over,
});
