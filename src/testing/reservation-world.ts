/**
 * A VIM with reservation management behind the façade, for tests and benchmarks: hosts in two zones,
 * the compute selector wrapped by the reservation routing, tenants t1.. with a member user each
 * (`<tenant>-member`), and three flavours.
 */
import { asId, type HostId, type RackId, type ZoneId } from "../domain/index.js";
import { Simulation } from "../kernel/index.js";
import { ComputeMetrics, EventLog } from "../metrics/index.js";
import { novaHost, type NfviState } from "../nfvi/index.js";
import { policySelector, smallNfvi } from "./small-vim.js";
import { ComputeService, ImageService, NetworkReservationService, NetworkService, ReservationRouting, ReservationService, StorageReservationService, StorageService, Vim, type FlavourSpec, type SegmentationConfig } from "../vim/index.js";

export const RESERVATION_FLAVOURS: FlavourSpec[] = [
  { id: "small", amounts: { VCPU: 1, PCPU: 0, MEMORY_MB: 1024, DISK_GB: 10 }, requiredMetadata: {} },
  { id: "medium", amounts: { VCPU: 2, PCPU: 0, MEMORY_MB: 4096, DISK_GB: 20 }, requiredMetadata: {} },
  { id: "large", amounts: { VCPU: 4, PCPU: 0, MEMORY_MB: 8192, DISK_GB: 40 }, requiredMetadata: {} },
];

export interface ReservationWorld {
  readonly vim: Vim;
  readonly sim: Simulation;
  readonly nfvi: NfviState;
  readonly compute: ComputeService;
  readonly reservations: ReservationService;
  /** Storage reservations over the 1000 GB backend of az1. */
  readonly storageReservations: StorageReservationService;
  readonly storage: StorageService;
  /** Network reservations over the network service (public pool of 253 addresses, VLAN ids 1-4094). */
  readonly networkReservations: NetworkReservationService;
  readonly network: NetworkService;
  readonly log: EventLog;
  readonly zones: readonly string[];
}

/** `hosts` hosts of `vcpus` cores and 2 GB RAM per core (plus Nova's 512 MB host reserve), alternating between az1 and az2. */
export function reservationWorld(options: { hosts?: number; vcpus?: number; tenants?: number; keepRecords?: boolean; segmentation?: SegmentationConfig } = {}): ReservationWorld {
  const vcpus = options.vcpus ?? 8;
  const specs = Array.from({ length: options.hosts ?? 4 }, (_, i) =>
    novaHost({ id: asId<HostId>(`h${String(i).padStart(4, "0")}`), zone: asId<ZoneId>(`az${(i % 2) + 1}`), rack: asId<RackId>("r"), vcpus, memoryMb: vcpus * 2048 + 512, diskGb: vcpus * 25, cpuAllocationRatio: 1 }),
  );
  const nfvi = smallNfvi(specs);
  const sim = new Simulation();
  const log = new EventLog({ keepRecords: options.keepRecords ?? false });
  const routing = new ReservationRouting(nfvi);
  const compute = new ComputeService(sim, nfvi, routing.wrap(policySelector(nfvi)), log, new ComputeMetrics());
  const reservations = new ReservationService(sim, nfvi, compute, routing, log, compute.notifier);
  const network = new NetworkService(sim, log, options.segmentation);
  const networkReservations = new NetworkReservationService(sim, network, log);
  const storage = new StorageService(sim, log, [{ zoneId: "az1", capacityGb: 1000 }]);
  const storageReservations = new StorageReservationService(sim, storage, log);
  const vim = new Vim({ clock: sim, log, nfvi, compute, network, storage, images: new ImageService(sim, log), flavours: RESERVATION_FLAVOURS, reservations, storageReservations, networkReservations });
  for (let t = 1; t <= (options.tenants ?? 2); t++) {
    const seeded = vim.seedTenant({ id: `t${t}`, users: [{ id: `t${t}-member`, roles: ["member"] }] });
    if (!seeded.ok) throw new Error(seeded.error.message);
  }
  return { vim, sim, nfvi, compute, reservations, storageReservations, storage, networkReservations, network, log, zones: ["az1", "az2"] };
}
