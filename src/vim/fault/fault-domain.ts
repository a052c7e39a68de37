/**
 * Failure domains of the NFVI (issue 8): what a fault in each takes down, and how its alarms name
 * it. Host-level domains (host, hypervisor, NIC) take down one host; rack, PDU (the rack's power
 * feed), top-of-rack switch and zone take down every host that depends on them.
 */
import type { FaultyResourceType, ManagedObjectType } from "./alarm.js";

export const FAULT_DOMAINS = ["host", "hypervisor", "nic", "rack", "pdu", "tor", "zone"] as const;
export type FaultDomain = (typeof FAULT_DOMAINS)[number];

/** crash: detected after the detection delay; hang: detected late (heartbeat timeout); degraded: capacity lost, servers run on. */
export const FAULT_KINDS = ["crash", "hang", "degraded"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

interface DomainText {
  readonly objectType: ManagedObjectType;
  readonly resourceType: FaultyResourceType;
  readonly faultType: string;
  readonly probableCause: string;
}

/** Alarm vocabulary per domain (fault types in the "compute.cpu.failure" style of ifa-digest §1.13). */
export const DOMAIN_TEXT: Readonly<Record<FaultDomain, DomainText>> = {
  host: { objectType: "COMPUTE_HOST", resourceType: "COMPUTE", faultType: "compute.host.failure", probableCause: "HOST_FAILURE" },
  hypervisor: { objectType: "HYPERVISOR", resourceType: "COMPUTE", faultType: "compute.hypervisor.failure", probableCause: "HYPERVISOR_CRASH" },
  nic: { objectType: "NIC", resourceType: "NETWORK", faultType: "network.nic.failure", probableCause: "NIC_LINK_DOWN" },
  rack: { objectType: "RACK", resourceType: "COMPUTE", faultType: "infrastructure.rack.failure", probableCause: "RACK_FAILURE" },
  pdu: { objectType: "PDU", resourceType: "COMPUTE", faultType: "power.pdu.failure", probableCause: "POWER_LOSS" },
  tor: { objectType: "TOR_SWITCH", resourceType: "NETWORK", faultType: "network.tor.failure", probableCause: "SWITCH_FAILURE" },
  zone: { objectType: "ZONE", resourceType: "COMPUTE", faultType: "infrastructure.zone.outage", probableCause: "ZONE_OUTAGE" },
};

/** Domains whose fault is a host's own (the host alarm is the root cause). */
export const isHostLevel = (d: FaultDomain): boolean => d === "host" || d === "hypervisor" || d === "nic";

/** One fault to inject now: a domain, the host indices that depend on it, and when it is repaired. */
export interface FaultInjection {
  readonly domain: FaultDomain;
  /** The failed element's id (host id, `<zone>/<rack>`, PDU or switch id, zone id). */
  readonly domainId: string;
  readonly hosts: ReadonlyArray<number>;
  readonly kind: FaultKind;
  readonly repairAfterMs: number;
}
