/** The VIM room: IFA 005/006 operations over the NFVI, driven by the kernel, logged to metrics. */
export {
  ComputeService,
  INSTANT_OPERATIONS,
  type AllocateComputeRequest,
  type ComputeHooks,
  type OperateOptions,
  type OperationTimings,
} from "./compute/compute-service.js";
export type { FlavourSpec } from "./compute/flavour.js";
export type { HostSelector, Selection, SelectionRequest } from "./compute/host-selector.js";
export { toPlacementRequest } from "./compute/placement-request.js";
export { makeServerGroup, type GroupPolicy, type ServerGroup } from "./compute/server-group.js";
export {
  OPERATION_RULES,
  SERVER_OPS,
  SERVER_STATES,
  SERVER_TRANSITIONS,
  serverStatus,
  transition,
  USER_OPS,
  type PowerState,
  type ServerOp,
  type ServerState,
  type ServerStatus,
  type TaskState,
  type UserOp,
  type VmState,
} from "./compute/server-machine.js";
export { migrationConsumerId } from "./compute/server-move.js";
export { matchesFilter, selectAttributes, virtualCompute, type ServerFilter } from "./compute/server-query.js";
export { serverId, serverSnapshot, type ServerMove, type ServerRecord } from "./compute/server.js";
export { HostAdministration, type HostCondition } from "./host/host-administration.js";
export { ChangeLog, type Clock } from "./common/change-log.js";
export { decideAddressing, type AddressPoolText, type SubnetAddressing } from "./network/allocation-pools.js";
export { cidrBounds, cidrContains, cidrsOverlap, formatCidr, formatIp, parseCidr, parseIp, type Cidr, type IpAddress, type IpVersion } from "./network/cidr.js";
export { NetworkService } from "./network/network-service.js";
export {
  FUNDAMENTAL_ATTRIBUTES,
  type CreateNetworkRequest,
  type CreatePortRequest,
  type CreateSubnetRequest,
  type CreateTrunkRequest,
  type FixedIpRequest,
  type NetworkResourceFilter,
  type SubPortRequest,
  type UpdateNetworkResourceData,
} from "./network/network-requests.js";
export {
  NETWORK_TYPES,
  networkView,
  portView,
  subnetView,
  trunkView,
  type NetworkRecord,
  type NetworkType,
  type PortRecord,
  type SubnetRecord,
  type TrunkRecord,
} from "./network/network-resources.js";
export { RangeAllocator, type ValueRange } from "./network/range-allocator.js";
export { DEFAULT_SEGMENTATION, type SegmentationConfig } from "./network/segmentation-pools.js";
export { StorageService, type CreateVolumeRequest, type StorageBackend, type UpdateVolumeData } from "./storage/storage-service.js";
export { snapshotView, volumeView, type VolumeFilter, type VolumeRecord, type VolumeSnapshotRecord } from "./storage/volume.js";
export { VOLUME_OPS, VOLUME_STATUSES, VOLUME_TRANSITIONS, volumeTransition, type VolumeOp, type VolumeStatus } from "./storage/volume-machine.js";
export { ImageService, type AddImageRequest, type UpdateImageData } from "./image/image-service.js";
export { ImageCache, type CachedImage } from "./image/image-cache.js";
export { checkImageFits } from "./image/image-fit.js";
export { imageView, isVisibleTo, type ImageFilter, type ImageRecord, type ImageStatus, type ImageVisibility } from "./image/image.js";
export { PRIVILEGES, RESOURCES, isPrivilege, privilegesOf, type Privilege, type ResourceName } from "./identity/privileges.js";
export { DEFAULT_ROLES, makeRole, type Role, type RoleScope } from "./identity/roles.js";
export { actsOnAllTenants, authorize, CROSS_TENANT, MISSING_PRIVILEGE, type Principal } from "./identity/authorize.js";
export { IdentityStore, type TenantRecord, type UserRecord } from "./identity/identity-store.js";
export { KeyPairStore, type KeyPairRecord } from "./identity/key-pairs.js";
export { DEFAULT_GROUP, SecurityGroupStore, type SecurityGroupRecord } from "./identity/security-groups.js";
export { checkRule, type RuleDirection, type RuleProtocol, type SecurityGroupRule, type SecurityGroupRuleRequest } from "./identity/security-group-rules.js";
export { Vim, type TenantSeed, type VimConfig } from "./api/vim.js";
export { Guard, sees, type Caller } from "./api/guard.js";
export { ComputeApi, type AllocateComputeInput, type ComputeView, type ServerGroupView } from "./api/compute-api.js";
export { NetworkApi } from "./api/network-api.js";
export { StorageApi } from "./api/storage-api.js";
export { ImageApi } from "./api/image-api.js";
export { FlavourApi } from "./api/flavour-api.js";
export { FlavourCatalogue, type CreateFlavourRequest } from "./api/flavour-catalogue.js";
export { IdentityApi } from "./api/identity-api.js";
export { KeyPairApi, SecurityGroupApi } from "./api/tenant-resources-api.js";
export { StackApi, type CreateStackInput } from "./api/stack-api.js";
export { stackView, type StackMember, type StackRecord, type StackResourceRequest, type StackStatus } from "./api/stack.js";
export { ChangeApi } from "./api/change-api.js";
export type { ChangeNotification, NotificationFilter, VimNotification } from "./change/notifications.js";
export { admit, belowUsage, DEFAULT_QUOTAS, QUOTA_IFA_NAMES, QUOTA_ITEMS, UNLIMITED, validateLimits, zeroQuotaSet, type QuotaItem, type QuotaSet } from "./quota/quota-set.js";
export { computeCharge, countUsage, resizeCharge, serverCharge, type QuotaUsageSources } from "./quota/quota-usage.js";
export { QuotaStore, type QuotaChangeOptions } from "./quota/quota-store.js";
export { QuotaApi, quotaAdmits, type QuotaView } from "./api/quota-api.js";
export { hostsInScope, NO_RESERVATIONS, queryCapacity, totalsOf, type CapacityCommitments, type CapacityInformation, type CapacityQuery } from "./capacity/capacity-query.js";
export { CapacityMonitor, type CapacityChangeNotification, type CapacityConsumer, type CapacityMeasure, type CapacityThreshold } from "./capacity/capacity-monitor.js";
export { CapacityApi } from "./api/capacity-api.js";
export { queryPoolCapacity, type PoolCapacityInformation, type PoolCapacitySource, type PoolResourceType } from "./capacity/pool-capacity.js";
export type { PoolCapacityQuery } from "./api/pool-capacity-api.js";
export type { PoolCapacityThreshold } from "./api/capacity-api.js";
export { PoolCapacityMonitor, type PoolCapacityChangeNotification, type PoolCapacityConsumer } from "./capacity/pool-capacity-monitor.js";
export * from "./reservation/index.js";
export { InformationApi } from "./api/information-api.js";
export {
  NFVI_POP_ID,
  type ResourceZone,
  type VirtualComputeResourceInformation,
  type VirtualNetworkResourceInformation,
  type VirtualStorageResourceInformation,
} from "./information/resource-information.js";
export { ALARM_STATES, ALARM_TRANSITIONS, alarmTransition, aodhSeverity, PERCEIVED_SEVERITIES, type Alarm, type AlarmState, type ManagedObjectType, type PerceivedSeverity } from "./fault/alarm.js";
export { AlarmService, matchesAlarm, type AlarmFilter, type AlarmNotification, type AlarmStatistics, type RaiseAlarm } from "./fault/alarm-service.js";
export { FAULT_DOMAINS, FAULT_KINDS, type FaultDomain, type FaultInjection, type FaultKind } from "./fault/fault-domain.js";
export { FaultManager, type FaultManagerConfig, type RecoveryPolicy } from "./fault/fault-manager.js";
export { AvailabilityTracker, type TenantInterval } from "./fault/availability.js";
export { HostFaults, type HostStatus } from "./fault/host-faults.js";
export { nPlusOneHeadroom, type DomainHeadroom, type HeadroomInputs, type HeadroomReport, type HeadroomServers } from "./fault/headroom.js";
export { HeadroomScratch } from "./fault/headroom-dry-run.js";
export { FaultApi } from "./api/fault-api.js";
export { PM_OBJECT_TYPES, PERFORMANCE_METRICS, type PerformanceMetric, type PerformanceReport, type PmJob, type PmJobSpec, type PmNotification, type PmObjectType, type Threshold, type ThresholdSpec } from "./performance/pm-types.js";
export { MetricSource } from "./performance/metric-source.js";
export { PmService, type PmConsumer, type PmStatistics } from "./performance/pm-service.js";
export { AccelerationService } from "./acceleration/acc-resource-service.js";
export type { ArqListener, AttachTarget } from "./acceleration/acc-resource-service.js";
export { ServerAccelerators, REFUSED_WITH_ACCELERATORS } from "./acceleration/server-accelerators.js";
export { ARQ_OPS, ARQ_STATES, arqTransition, holdsHandles } from "./acceleration/arq-machine.js";
export type { ArqOp, ArqState } from "./acceleration/arq-machine.js";
export type { Arq } from "./acceleration/arq.js";
export type { AccFilter, AccResourceInfo } from "./acceleration/acc-info.js";
export { ACC_STATISTICS } from "./acceleration/acc-statistics.js";
export type { AccStatistic } from "./acceleration/acc-statistics.js";
export type { AccAlarm, AccAlarmFilter } from "./acceleration/acc-alarms.js";
export type { AcceleratorPort } from "./compute/accelerator-port.js";
export { checkAccelerationInvariants } from "./acceleration/acc-invariants.js";
export { VnfAccelerationService } from "./acceleration/vnf-acc-service.js";
export type { OffloadObserver, ServiceTimeSource } from "./acceleration/vnf-acc-service.js";
export { DataPathQueue } from "./acceleration/data-path.js";
export { TenantUsageBook, type ComputeUsage } from "./quota/tenant-usage-book.js";
export { forwardAccelerationAlarms } from "./acceleration/acc-alarm-forwarding.js";
export { checkVimInvariants, type InvariantScope } from "./invariants.js";
export { checkComputeInvariants } from "./compute/compute-invariants.js";
export { checkQuotaInvariants } from "./quota/quota-invariants.js";
export { checkFaultInvariants } from "./fault/fault-invariants.js";
export { checkNetworkInvariants, type NetworkInvariantView } from "./network/network-invariants.js";
export { checkReservationInvariants, type ReservationInvariantView } from "./reservation/reservation-invariants.js";
