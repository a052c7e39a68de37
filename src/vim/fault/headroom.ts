/**
 * The N+1 check (issue 8 item 5, issue 16 item 1): if any one rack or any one zone failed now,
 * would the evacuation find a host for every one of its servers? A dry run per domain
 * (headroom-dry-run.ts): the domain's hosts go down on a detached copy of the NFVI, and its servers
 * are re-placed there one after another, in the evacuation queue's order (priority, then server
 * number), with the run's placement policy: filters and weighers, accelerator device profiles, the
 * server's zone, its group's (anti-)affinity. The remaining hosts are every usable host outside the
 * domain (the server's own zone, when it has one, confines it as it confines the evacuation).
 * Survivable means every server found a host; otherwise the outcome says how many did not and what
 * was short. The live state is not changed and nothing is logged or drawn.
 *
 * Cost. First the counting bound (headroom-bound.ts): one scan of the hosts per distinct need in a
 * check, then O(servers + hosts) per domain (a zone's need is merged from its racks'); a domain it
 * proves survivable needs no dry run, and its answer is the dry run's. Only the others are dry-run:
 * one indexed placement per server, on the copy of the site that a run's FaultManager keeps between
 * checks and brings back in step host by host (HeadroomScratch). bench/headroom.bench.ts (10,000
 * hosts, 80,000 servers, every domain proved): 36 ms a check (20 ms CPU) on the shared machine,
 * against 2.28 s for the dry run of every domain before the bound; that dry run now takes 1.2 s
 * (about 7.5 µs per re-placed server). So a run checks on every utilisation sample
 * (scenario/runner/headroom-checks.ts), or once per `faults.headroomCheck.every`.
 */
import { InvariantViolation, RESOURCE_CLASS_COUNT } from "../../domain/index.js";
import { readAmounts, type NfviState } from "../../nfvi/index.js";
import type { Policy } from "../../placement/index.js";
import { compareIds } from "../common/change-log.js";
import type { ServerGroup } from "../compute/server-group.js";
import type { ServerRecord } from "../compute/server.js";
import type { FlavourSpec } from "../compute/flavour.js";
import { HeadroomBound, mergeNeeds, type RawNeed } from "./headroom-bound.js";
import { countOn, groupByHost } from "./servers-by-host.js";
import { HeadroomDryRun, type HeadroomScratch } from "./headroom-dry-run.js";

export interface DomainHeadroom {
  readonly id: string;
  readonly survivable: boolean;
  /** Servers holding an allocation on the domain's hosts: what its loss would evacuate. */
  readonly servers: number;
  /** Of those, the servers that found no host in the dry run. */
  readonly unplaced: number;
  /** Reason → servers that found no host for it, in the placement diagnosis's words, sorted by reason. */
  readonly short: Readonly<Record<string, number>>;
}

export interface HeadroomReport {
  readonly racks: ReadonlyArray<DomainHeadroom>;
  readonly zones: ReadonlyArray<DomainHeadroom>;
}

/** The live servers and their groups, as the compute service keeps them. */
export interface HeadroomServers {
  readonly liveServerCount: number;
  liveServerAt(i: number): ServerRecord | undefined;
  serverGroup(id: string): ServerGroup | undefined;
}

export interface HeadroomInputs {
  readonly nfvi: NfviState;
  readonly servers: HeadroomServers;
  /** The policy the run places with (the evacuation's). */
  readonly policy: Policy;
  /** The evacuation queue's priority: larger first, ties by server number. */
  readonly priorityOf: (s: ServerRecord) => number;
  /** The copy kept between checks (a run's FaultManager keeps one); without it each check copies the site. */
  readonly scratch?: HeadroomScratch;
  /** Dry-run every domain, without the bound's shortcut (tests compare the two). */
  readonly exhaustive?: boolean;
}

/** The domain's servers in evacuation order: priority (larger first), then server number. */
function evacuationOrder(list: readonly ServerRecord[], priorityOf: (s: ServerRecord) => number): ServerRecord[] {
  // A sort of positions over typed arrays: no object per server, no lookup in the comparator.
  const priority = Float64Array.from(list, priorityOf);
  const no = Float64Array.from(list, (s) => s.no);
  const order = Uint32Array.from(list, (_, i) => i).sort((a, b) => priority[b]! - priority[a]! || no[a]! - no[b]!);
  return Array.from(order, (i) => list[i]!);
}

/** The flavour's amounts in class order, one vector per flavour. */
function vectorCache(): (f: FlavourSpec) => Float64Array {
  const vectors = new Map<FlavourSpec, Float64Array>();
  return (f) => {
    let v = vectors.get(f);
    // Stryker disable next-line ConditionalExpression: a cache; reading the amounts again gives the same vector
    if (v !== undefined) return v;
    v = new Float64Array(RESOURCE_CLASS_COUNT);
    const bad = readAmounts(f.amounts, v);
    if (bad !== null) throw new InvariantViolation("FLAVOUR", `flavour ${f.id}: ${bad.message}`);
    vectors.set(f, v);
    return v;
  };
}

/** For every rack and every zone: could the rest of the site take its servers if it failed now? */
export function nPlusOneHeadroom(inputs: HeadroomInputs): HeadroomReport {
  const t = inputs.nfvi.topology;
  const byHost = groupByHost(inputs.nfvi.hostCount, inputs.servers.liveServerCount, (i) => inputs.servers.liveServerAt(i));
  const groupOf = (id: string): ServerGroup | undefined => inputs.servers.serverGroup(id);
  const bound = inputs.exhaustive === true ? undefined : new HeadroomBound(inputs.nfvi, inputs.policy, groupOf, vectorCache());
  // The copies are made once per check, and only when some domain needs the dry run.
  let dry: HeadroomDryRun | undefined;
  const judge = (id: string, hosts: readonly number[], raw: RawNeed | null): DomainHeadroom => {
    const count = countOn(byHost, hosts);
    if (count === 0 || bound?.provesRaw(raw, hosts) === true) return { id, survivable: true, servers: count, unplaced: 0, short: {} };
    const list: ServerRecord[] = [];
    for (const h of hosts) for (let i = byHost.start[h]!; i < byHost.start[h + 1]!; i++) list.push(byHost.servers[i]!);
    dry ??= new HeadroomDryRun(inputs.nfvi, inputs.policy, groupOf, inputs.scratch);
    const outcome = dry.run(hosts, evacuationOrder(list, inputs.priorityOf));
    const short = Object.fromEntries([...outcome.short].sort(([a], [b]) => compareIds(a, b)));
    return { id, survivable: outcome.unplaced === 0, servers: list.length, unplaced: outcome.unplaced, short };
  };
  // Each server's need is read once, for its rack; a zone's is the merge of its racks' when they cover it.
  const rackNeeds = t.racks.map((r) => bound?.rawNeedOf(r.hosts, byHost) ?? null);
  const racks = t.racks.map((r, i) => {
    const zone = t.zones[r.zoneIndex]!;
    // Model racks may already carry their zone in the id (az1/r01).
    return judge(r.id.startsWith(`${zone.id}/`) ? r.id : `${zone.id}/${r.id}`, r.hosts, rackNeeds[i]!);
  });
  const zones = t.zones.map((z, zi) => {
    // Stryker disable next-line all: a built topology's zone is exactly its racks' hosts (topology.ts), so covered is always true; false only re-reads the zone's servers into the same need
    const covered = z.racks.every((r) => t.racks[r]?.zoneIndex === zi) && z.racks.reduce((n, r) => n + (t.racks[r]?.hosts.length ?? 0), 0) === z.hosts.length;
    const raw = bound === undefined ? null : covered ? mergeNeeds(z.racks.map((r) => rackNeeds[r] ?? null)) : bound.rawNeedOf(z.hosts, byHost);
    return judge(z.id, z.hosts, raw);
  });
  return { racks, zones };
}
