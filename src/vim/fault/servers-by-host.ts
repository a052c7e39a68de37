/**
 * The live servers holding an allocation, grouped by host for the N+1 check (headroom.ts): a
 * counting sort into one array, so that a domain's servers are read host range by host range,
 * without a list per host or per domain.
 */
import type { ServerRecord } from "../compute/server.js";

/** Host h's servers are servers[start[h]] to servers[start[h + 1] − 1], in server-list order. */
export interface ServersByHost {
  readonly start: Int32Array;
  readonly servers: readonly ServerRecord[];
}

/** Groups the `count` servers `at(0)` … `at(count − 1)` by host (those without a host are left out). */
export function groupByHost(hostCount: number, count: number, at: (i: number) => ServerRecord | undefined): ServersByHost {
  const start = new Int32Array(hostCount + 1);
  for (let i = 0; i < count; i++) {
    const h = at(i)!.hostIndex;
    if (h >= 0) start[h + 1]!++;
  }
  for (let h = 0; h < hostCount; h++) start[h + 1]! += start[h]!;
  const next = start.slice(0, hostCount);
  const servers = new Array<ServerRecord>(start[hostCount]!);
  for (let i = 0; i < count; i++) {
    const s = at(i)!;
    if (s.hostIndex >= 0) servers[next[s.hostIndex]!++] = s;
  }
  return { start, servers };
}

/** How many servers the hosts hold. */
export function countOn(byHost: ServersByHost, hosts: readonly number[]): number {
  let n = 0;
  for (const h of hosts) n += byHost.start[h + 1]! - byHost.start[h]!;
  return n;
}
