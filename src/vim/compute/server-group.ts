/**
 * Server groups (Nova server groups, IFA affinity/anti-affinity groups with scope NFVI_NODE): the
 * policy and where the live members are, so placement can apply (anti-)affinity without a scan.
 */
export type GroupPolicy = "affinity" | "anti-affinity" | "soft-affinity" | "soft-anti-affinity";

export interface ServerGroup {
  readonly id: string;
  readonly policy: GroupPolicy;
  /** Anti-affinity: at most this many live members per host (Nova max_server_per_host). */
  readonly maxPerHost: number;
  /** Live members with a host, counted per host index. */
  readonly hostCounts: Map<number, number>;
  /** Live members (server numbers), placed or not. */
  readonly members: Set<number>;
}

/** A new empty group. */
export const makeServerGroup = (id: string, policy: GroupPolicy, maxPerHost: number): ServerGroup => ({
  id,
  policy,
  maxPerHost,
  hostCounts: new Map(),
  members: new Set(),
});

/** Records that member `no` now holds an allocation on host `h`. */
export function addMemberHost(group: ServerGroup, h: number): void {
  group.hostCounts.set(h, (group.hostCounts.get(h) ?? 0) + 1);
}

/** Records that a member left host `h` (terminated or never placed). */
export function removeMemberHost(group: ServerGroup, h: number): void {
  const n = (group.hostCounts.get(h) ?? 0) - 1;
  if (n <= 0) group.hostCounts.delete(h);
  else group.hostCounts.set(h, n);
}
