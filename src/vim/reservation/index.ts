/** Reservation management (IFA 005 §1.10 as Blazar leases): the part of the VIM room other rooms may use. */
export { admitReservation, checkFitsZone, roomOver, shapeTotals, type Affinity, type AdmissionRequest, type AdmissionView, type Placement, type ReservationShape } from "./admission.js";
export { CommitmentIndex, maxOfSum, type Commitment } from "./commitment-index.js";
export { HoldBook } from "./hold-book.js";
export { isAllowedCombination, LEASE_EDGES, LEASE_STATUSES, RESERVATION_OPS, reservationTransition, type IfaReservationStatus, type LeaseStatus, type ReservationOp, type ReservationStatus } from "./reservation-machine.js";
export { DEFAULT_BEFORE_END_LEAD_MS, RECLAIM_POLICIES, reservationView, validateShape, validateTimes, type ReclaimPolicy, type ReservationRecord, type ReservationRequest } from "./reservation.js";
export { reservationCommitments } from "./reservation-commitments.js";
export { ReservationRouting } from "./reservation-routing.js";
export { BEFORE_END_PRIORITY, END_PRIORITY, ReservationService, START_PRIORITY, type ReservationFilter, type ReservationUpdate } from "./reservation-service.js";
export type { ReservationCounts } from "./reservation-stats.js";
export { ReservationApi, routeAllocation, type CreateReservationInput, type ReservationView, type UpdateReservationInput } from "../api/reservation-api.js";
export { admitStorage, maxCommittedGb, type StorageAdmissionView } from "./storage-admission.js";
export { storageReservationView, validateStoragePool, type StoragePoolRequest, type StorageReservationRecord, type StorageReservationRequest } from "./storage-reservation.js";
export { StorageReservationService } from "./storage-reservation-service.js";
export type { CreateStorageReservationInput } from "../api/storage-reservation-api.js";
