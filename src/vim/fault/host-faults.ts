/**
 * Which hosts are physically failed, since when, and whether the VIM has noticed (Nova host_status,
 * ifa-digest §4.4: UNKNOWN while the heartbeat is merely missing, DOWN once detected). A host may be
 * failed by several faults at once (its own crash and its rack's power loss): it comes back only
 * when the last of them is repaired.
 */
import type { NfviState } from "../../nfvi/index.js";

export type HostStatus = "UP" | "UNKNOWN" | "DOWN" | "MAINTENANCE";

export class HostFaults {
  private readonly faultCount: Int32Array;
  private readonly failedAtMs: Float64Array;
  private readonly detected: Uint8Array;
  private failedNow = 0;

  constructor(private readonly nfvi: NfviState) {
    this.faultCount = new Int32Array(nfvi.hostCount);
    this.failedAtMs = new Float64Array(nfvi.hostCount).fill(-1);
    this.detected = new Uint8Array(nfvi.hostCount);
  }

  /** Adds a fault to host h; true when the host was healthy until now (it just failed). */
  fail(h: number, nowMs: number): boolean {
    this.faultCount[h]!++;
    if (this.faultCount[h] !== 1) return false;
    this.failedAtMs[h] = nowMs;
    this.detected[h] = 0;
    this.failedNow++;
    return true;
  }

  /** Removes a fault from host h; true when it was the last one (the host is healthy again). */
  repair(h: number): boolean {
    if (this.faultCount[h]! <= 0) return false;
    this.faultCount[h]!--;
    if (this.faultCount[h] !== 0) return false;
    this.failedAtMs[h] = -1;
    this.detected[h] = 0;
    this.failedNow--;
    return true;
  }

  markDetected(h: number): void {
    if (this.faultCount[h]! > 0) this.detected[h] = 1;
  }

  isFailed(h: number): boolean {
    return this.faultCount[h]! > 0;
  }

  /** When host h failed (its current outage), or -1. */
  failedSinceMs(h: number): number {
    return this.failedAtMs[h]!;
  }

  get failedHostCount(): number {
    return this.failedNow;
  }

  /** host_status as Nova reports it for a server on h (later values override earlier). */
  hostStatus(h: number): HostStatus {
    if (this.faultCount[h]! > 0) return this.detected[h] === 1 ? "DOWN" : "UNKNOWN";
    const state = this.nfvi.hostState(h);
    if (state === "DOWN") return "DOWN";
    return state === "MAINTENANCE" || !this.nfvi.isEnabled(h) ? "MAINTENANCE" : "UP";
  }
}
