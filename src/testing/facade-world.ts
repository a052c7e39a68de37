/**
 * A tiny VIM behind the library façade for tests: a few hosts in one zone, one storage backend,
 * two flavours (one that fits nowhere), and tenants whose users hold each default role.
 */
import { asId, type HostId, type RackId, type ZoneId } from "../domain/index.js";
import { Simulation } from "../kernel/index.js";
import { ComputeMetrics, EventLog } from "../metrics/index.js";
import { novaHost, type NfviState } from "../nfvi/index.js";
import { policySelector, smallNfvi } from "./small-vim.js";
import { ComputeService, ImageService, NetworkService, StorageService, Vim, type Caller, type FlavourSpec } from "../vim/index.js";

export const WORLD_FLAVOURS: FlavourSpec[] = [
  { id: "small", amounts: { VCPU: 1, PCPU: 0, MEMORY_MB: 1024, DISK_GB: 10 }, requiredMetadata: {} },
  /** More vCPUs than any host has (4): always NO_VALID_HOST, yet within the default cores quota (20). */
  { id: "huge", amounts: { VCPU: 8, PCPU: 0, MEMORY_MB: 1024, DISK_GB: 10 }, requiredMetadata: {} },
];
export const WORLD_ROLES = ["tenant-admin", "member", "reader"] as const;

export interface VimWorld {
  readonly vim: Vim;
  /** The event log every service writes (its count is the number of committed changes). */
  readonly log: EventLog;
  readonly sim: Simulation;
  readonly nfvi: NfviState;
  /** Callers: the cloud administrator first, then per tenant its tenant-admin, member, reader. */
  readonly callers: ReadonlyArray<{ readonly caller: Caller; readonly tenantId: string; readonly role: string }>;
  /** The services behind the façade, for tests that recount what they hold. */
  readonly services: { readonly compute: ComputeService; readonly network: NetworkService; readonly storage: StorageService };
}

/** Builds the world with `tenants` tenants (t1, t2, ...), each with one user per default tenant role. */
export function vimWorld(tenants = 2, hosts = 3): VimWorld {
  const specs = Array.from({ length: hosts }, (_, i) => novaHost({ id: asId<HostId>(`h${i}`), zone: asId<ZoneId>("az1"), rack: asId<RackId>("r"), vcpus: 4, memoryMb: 8192, diskGb: 100, cpuAllocationRatio: 1 }));
  const nfvi = smallNfvi(specs);
  const selector = policySelector(nfvi);
  const sim = new Simulation();
  const log = new EventLog({ keepRecords: false });
  const compute = new ComputeService(sim, nfvi, selector, log, new ComputeMetrics());
  const network = new NetworkService(sim, log, { vlan: [100, 103], vxlan: [1, 4], flatNetworks: ["physnet1"] });
  const storage = new StorageService(sim, log, [{ zoneId: "az1", capacityGb: 40 }]);
  const images = new ImageService(sim, log);
  const vim = new Vim({ clock: sim, log, nfvi, compute, network, storage, images, flavours: WORLD_FLAVOURS });
  const callers: Array<{ caller: Caller; tenantId: string; role: string }> = [{ caller: vim.admin, tenantId: "admin", role: "cloud-admin" }];
  for (let t = 1; t <= tenants; t++) {
    const tenantId = `t${t}`;
    const seeded = vim.seedTenant({ id: tenantId, users: WORLD_ROLES.map((role) => ({ id: `${tenantId}-${role}`, roles: [role] })) });
    if (!seeded.ok) throw new Error(seeded.error.message);
    for (const role of WORLD_ROLES) callers.push({ caller: { userId: `${tenantId}-${role}` }, tenantId, role });
  }
  return { vim, sim, log, nfvi, callers, services: { compute, network, storage } };
}
