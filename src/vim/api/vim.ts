/**
 * The typed library façade of the VIM (issue 5 item 8): one method per IFA operation, grouped by
 * interface (vim.compute.allocate, vim.network.createPort, vim.identity.createUser ...). Every
 * method takes the caller first, checks `authorize` against its role and tenant (the rule is in
 * guard.ts), scopes queries to the caller's tenant, and returns a typed Result: expected failures
 * are values, never exceptions. It composes the existing services without changing them.
 */
import { FaultApi } from "./fault-api.js";
import { AlarmService } from "../fault/alarm-service.js";
import { ImageCache } from "../image/image-cache.js";
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { EventLog } from "../../metrics/index.js";
import type { NfviState } from "../../nfvi/index.js";
import type { Clock } from "../common/change-log.js";
import type { ComputeService } from "../compute/compute-service.js";
import type { FlavourSpec } from "../compute/flavour.js";
import { IdentityStore } from "../identity/identity-store.js";
import { KeyPairStore } from "../identity/key-pairs.js";
import { DEFAULT_ROLES, type Role } from "../identity/roles.js";
import { SecurityGroupStore } from "../identity/security-groups.js";
import type { ImageService } from "../image/image-service.js";
import type { NetworkService } from "../network/network-service.js";
import { QuotaStore } from "../quota/quota-store.js";
import type { StorageService } from "../storage/storage-service.js";
import { ChangeApi } from "./change-api.js";
import { ComputeApi } from "./compute-api.js";
import { FlavourApi } from "./flavour-api.js";
import { FlavourCatalogue } from "./flavour-catalogue.js";
import { Guard, type Caller } from "./guard.js";
import { IdentityApi } from "./identity-api.js";
import { ImageApi } from "./image-api.js";
import { CapacityApi } from "./capacity-api.js";
import { InformationApi } from "./information-api.js";
import { NetworkApi } from "./network-api.js";
import { checkQuotaUsage, QuotaApi } from "./quota-api.js";
import { StackApi } from "./stack-api.js";
import { StackStore } from "./stack.js";
import { StorageApi } from "./storage-api.js";
import { KeyPairApi, SecurityGroupApi } from "./tenant-resources-api.js";
import type { VimCore } from "./vim-core.js";
import { ReservationApi } from "./reservation-api.js";
import type { ReservationService } from "../reservation/reservation-service.js";
import { reservationCommitments } from "../reservation/reservation-commitments.js";
import type { StorageReservationService } from "../reservation/storage-reservation-service.js";
import type { NetworkReservationService } from "../reservation/network-reservation-service.js";

export interface VimConfig {
  readonly clock: Clock;
  readonly log: EventLog;
  readonly nfvi: NfviState;
  readonly compute: ComputeService;
  readonly network: NetworkService;
  readonly storage: StorageService;
  readonly images: ImageService;
  readonly flavours?: readonly FlavourSpec[];
  /** The alarm service the fault manager raises into; a quiet one when absent. */
  readonly alarms?: AlarmService;
  /** Image transfer bandwidth to a host, Mbit/s (default 10,000: a 10 GbE storage network). */
  readonly imageBandwidthMbps?: number;
  readonly roles?: readonly Role[];
  /** Keystone bootstrap: the cloud administrator's tenant and user (default "admin" and "admin"). */
  readonly adminTenantId?: string;
  readonly adminUserId?: string;
  /** Reservation management (built by the caller, whose compute selector routes through it). */
  readonly reservations?: ReservationService;
  /** Storage reservation management (built by the caller over the same storage service). */
  readonly storageReservations?: StorageReservationService;
  /** Network reservation management (built by the caller over the same network service). */
  readonly networkReservations?: NetworkReservationService;
}

/** A tenant as a model file declares it: its users and their role names. */
export interface TenantSeed {
  readonly id: string;
  readonly users: ReadonlyArray<{ readonly id: string; readonly roles: readonly string[] }>;
}

/** Image transfer bandwidth when the configuration gives none (Mbit/s). */
const DEFAULT_IMAGE_BANDWIDTH_MBPS = 10_000;

export class Vim {
  readonly identity: IdentityApi;
  readonly flavours: FlavourApi;
  readonly images: ImageApi;
  readonly compute: ComputeApi;
  readonly network: NetworkApi;
  readonly storage: StorageApi;
  readonly keyPairs: KeyPairApi;
  readonly securityGroups: SecurityGroupApi;
  readonly stacks: StackApi;
  readonly changes: ChangeApi;
  readonly quotas: QuotaApi;
  readonly capacity: CapacityApi;
  readonly reservations: ReservationApi;
  /** Consumable resource types and resource zones (IFA information management). */
  readonly information: InformationApi;
  /** IFA Fault Management: GetAlarmList and alarm subscriptions (issue 8). */
  readonly faults: FaultApi;
  /** The bootstrap cloud administrator. */
  readonly admin: Caller;
  private readonly core: VimCore;

  constructor(config: VimConfig) {
    const identity = new IdentityStore(config.clock, config.log, config.roles ?? DEFAULT_ROLES);
    this.core = {
      clock: config.clock,
      nfvi: config.nfvi,
      identity,
      guard: new Guard(identity),
      compute: config.compute,
      network: config.network,
      storage: config.storage,
      images: config.images,
      flavours: new FlavourCatalogue(config.clock, config.log, config.flavours ?? []),
      keyPairs: new KeyPairStore(config.clock, config.log),
      securityGroups: new SecurityGroupStore(config.clock, config.log),
      notifier: config.compute.notifier,
      quotas: new QuotaStore(config.clock, config.log, config.compute.notifier),
      usage: config.compute.trackLiveUsage(),
      stacks: new StackStore(),
      serverExtras: new Map(),
      serverGroupOwners: new Map(),
      ...(config.reservations === undefined ? {} : { reservations: config.reservations, commitments: reservationCommitments(config.reservations, config.nfvi, config.clock) }),
      interfacePorts: new Set(),
      ...(config.storageReservations === undefined ? {} : { storageReservations: config.storageReservations }),
      ...(config.networkReservations === undefined ? {} : { networkReservations: config.networkReservations }),
    };
    this.identity = new IdentityApi(this.core);
    this.flavours = new FlavourApi(this.core);
    this.images = new ImageApi(this.core);
    this.network = new NetworkApi(this.core);
    this.compute = new ComputeApi(this.core, this.network);
    this.storage = new StorageApi(this.core);
    this.keyPairs = new KeyPairApi(this.core);
    this.securityGroups = new SecurityGroupApi(this.core);
    this.stacks = new StackApi(this.core, this.compute, this.network, this.storage);
    this.changes = new ChangeApi(this.core);
    this.quotas = new QuotaApi(this.core);
    this.capacity = new CapacityApi(this.core);
    this.reservations = new ReservationApi(this.core);
    this.information = new InformationApi(this.core);
    this.faults = new FaultApi(this.core, config.alarms ?? new AlarmService(config.clock, config.log));
    // The first boot of an image on a host waits for its transfer from the image service (Nova's
    // _base cache); later boots there find it cached.
    const cache = new ImageCache(config.clock, config.log);
    // Every service's committed changes reach subscribers too (INV-H1), not only the compute service's.
    this.core.flavours.publishTo(this.core.notifier);
    for (const source of [identity, this.core.keyPairs, this.core.securityGroups, config.network, config.storage, config.images, cache]) source.changes.publishTo(this.core.notifier);
    config.storageReservations?.changes.publishTo(this.core.notifier);
    config.networkReservations?.changes.publishTo(this.core.notifier);
    const bandwidthMbps = config.imageBandwidthMbps ?? DEFAULT_IMAGE_BANDWIDTH_MBPS;
    config.compute.useImageTransfer((imageId, h) => {
      const image = config.images.get(imageId);
      return image.ok ? cache.transferTimeMs(image.value, h, bandwidthMbps) : 0;
    });
    const adminTenant = config.adminTenantId ?? "admin";
    this.admin = { userId: config.adminUserId ?? "admin" };
    const bootstrapped = this.seedTenant({ id: adminTenant, users: [{ id: this.admin.userId, roles: ["cloud-admin"] }] });
    if (!bootstrapped.ok) throw new Error(`VIM bootstrap failed: ${bootstrapped.error.message}`);
  }

  /** INV-B3 over the façade's kept quota usage (every tenant's, against a recount); throws InvariantViolation. For the invariant mode and tests. */
  checkQuotaUsage(): void {
    checkQuotaUsage(this.core);
  }

  /**
   * Creates a tenant, its default security group and its users without a caller: the operator's
   * deployment step that loads a model's tenants (as keystone-manage bootstrap does for the admin).
   */
  seedTenant(seed: TenantSeed): Result<void> {
    const t = this.core.identity.createTenant(seed.id, seed.id);
    if (!t.ok) return t;
    this.core.securityGroups.createDefault(seed.id);
    for (const u of seed.users) {
      const r = this.core.identity.createUser(u.id, seed.id, u.roles);
      if (!r.ok) return fail(domainError(r.error.kind, `tenant ${seed.id}: ${r.error.message}`));
    }
    return ok(undefined);
  }
}
