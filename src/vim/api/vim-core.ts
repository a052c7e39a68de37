/**
 * What every part of the library façade works over: the existing services (compute, network,
 * storage, images, change notifications), the identity stores, and the guard that applies
 * `authorize`. The façade owns no resource state of its own beyond what it records here.
 */
import type { NfviState } from "../../nfvi/index.js";
import type { ChangeNotifier } from "../change/change-notifier.js";
import type { Clock } from "../common/change-log.js";
import type { ComputeService } from "../compute/compute-service.js";
import { virtualCompute } from "../compute/server-query.js";
import type { ServerRecord } from "../compute/server.js";
import type { IdentityStore } from "../identity/identity-store.js";
import type { KeyPairStore } from "../identity/key-pairs.js";
import type { SecurityGroupStore } from "../identity/security-groups.js";
import type { ImageService } from "../image/image-service.js";
import type { NetworkService } from "../network/network-service.js";
import type { QuotaStore } from "../quota/quota-store.js";
import type { LiveUsageBook } from "../quota/live-usage-book.js";
import type { StorageService } from "../storage/storage-service.js";
import type { CapacityCommitments } from "../capacity/capacity-query.js";
import type { ReservationService } from "../reservation/reservation-service.js";
import type { StorageReservationService } from "../reservation/storage-reservation-service.js";
import type { NetworkReservationService } from "../reservation/network-reservation-service.js";
import type { FlavourCatalogue } from "./flavour-catalogue.js";
import type { Guard } from "./guard.js";
import type { StackStore } from "./stack.js";

/** What the façade records about a server beyond the compute service's record. */
export interface ServerExtras {
  readonly imageId: string | null;
  readonly keyPairId: string | null;
  readonly securityGroupIds: readonly string[];
}

export interface VimCore {
  readonly clock: Clock;
  readonly nfvi: NfviState;
  readonly identity: IdentityStore;
  readonly guard: Guard;
  readonly compute: ComputeService;
  readonly network: NetworkService;
  readonly storage: StorageService;
  readonly images: ImageService;
  readonly flavours: FlavourCatalogue;
  readonly keyPairs: KeyPairStore;
  readonly securityGroups: SecurityGroupStore;
  readonly notifier: ChangeNotifier;
  /** Tenants' quota sets; usage is kept by the services above (quota-api.ts keptUsage, INV-B3). */
  readonly quotas: QuotaStore;
  /** Compute usage per tenant as the façade counts it (every live server). */
  readonly usage: LiveUsageBook;
  readonly stacks: StackStore;
  /** Per live server number. */
  readonly serverExtras: Map<number, ServerExtras>;
  /** Server group id → owner tenant (groups are created through the façade only). */
  readonly serverGroupOwners: Map<string, string>;
  /** Reservation management, when the VIM was built with it (VimConfig.reservations). */
  readonly reservations?: ReservationService;
  /** Storage reservation management, when the VIM was built with it (VimConfig.storageReservations). */
  readonly storageReservations?: StorageReservationService;
  /** Network reservation management, when the VIM was built with it (VimConfig.networkReservations). */
  readonly networkReservations?: NetworkReservationService;
  /** What capacity queries count as reserved (the reservations' commitments, or none). */
  readonly commitments?: CapacityCommitments;
  /** Ports the VIM made for interfaces it attached (deleted with the interface or the server). */
  readonly interfacePorts: Set<string>;
}

const COMPUTE_ID = /^vm-(\d+)$/;

/** The live server behind an IFA computeId, if any. */
export function serverOf(core: VimCore, computeId: string): ServerRecord | undefined {
  const m = COMPUTE_ID.exec(computeId);
  return m === null ? undefined : core.compute.server(Number(m[1]));
}

/** The IFA VirtualCompute view of a server, with the façade's extras. */
export function computeView(core: VimCore, s: ServerRecord): Record<string, unknown> {
  const zones = core.nfvi.topology.zones;
  const base = virtualCompute(s, (h) => core.nfvi.hostId(h), (h) => zones[core.nfvi.zoneIndexOf(h)]!.id);
  const extras = core.serverExtras.get(s.no);
  return { ...base, imageId: extras?.imageId ?? null, keyPairId: extras?.keyPairId ?? null, securityGroupIds: [...(extras?.securityGroupIds ?? [])] };
}
