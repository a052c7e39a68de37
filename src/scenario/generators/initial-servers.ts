/**
 * The production state (issue 19): the scenario's `initialServers` placed at time 0 before any other
 * event (URGENT: before host events, which may disable their hosts, and before arrivals), one by one
 * in id order, each forced onto its host with a boot of 0 ms, so it is ACTIVE at time 0. Placement
 * still checks capacity (a forced host skips Nova's filters, not Placement's resources). A residual
 * lifetime is a uniform share of a lifetime drawn from the server's distribution, both from the named
 * stream `initial-servers/residual`, drawn for every server in order whatever its placement, so one
 * refusal moves no other draw. Their server groups are created first, so a member is placed into its
 * group (a forced host skips the group's filter: a broken policy stays as it was) and later requests
 * of the group obey it. They are outside the measured metrics (measured: false): they are the
 * starting point, not demand.
 */
import { roundToMs, sampler, LOW, URGENT, type DistributionSpec, type RandomStreams, type Simulation } from "../../kernel/index.js";
import type { ComputeService, FlavourSpec, ServerRecord } from "../../vim/index.js";
import type { InitialServerSpec } from "../resolve/initial-servers.js";

/** Schedules the placement of `servers` at time 0 (nothing when there are none). */
export function scheduleInitialServers(
  sim: Simulation,
  streams: RandomStreams,
  compute: ComputeService,
  servers: ReadonlyArray<InitialServerSpec> | undefined,
  flavours: ReadonlyMap<string, FlavourSpec>,
): void {
  if (servers === undefined || servers.length === 0) return;
  sim.scheduleAt(0, () => placeAll(sim, streams, compute, servers, flavours), undefined, URGENT);
}

function placeAll(sim: Simulation, streams: RandomStreams, compute: ComputeService, servers: ReadonlyArray<InitialServerSpec>, flavours: ReadonlyMap<string, FlavourSpec>): void {
  const stream = streams.stream("initial-servers/residual");
  const samplers = new Map<DistributionSpec, () => number>();
  const drawMs = (spec: DistributionSpec): number => {
    let draw = samplers.get(spec);
    if (draw === undefined) samplers.set(spec, (draw = sampler(spec, stream)));
    const lifetime = draw();
    return roundToMs(stream.next() * lifetime);
  };
  for (const s of servers) {
    if (s.group !== undefined && compute.serverGroup(s.group.id) === undefined) compute.createServerGroup(s.group.id, s.group.policy, s.group.maxPerHost);
  }
  for (const s of servers) {
    const residualMs = s.residualOf === undefined ? -1 : drawMs(s.residualOf);
    const flavour = flavours.get(s.flavour)!;
    const result = compute.allocate({ tenant: s.tenant, flavour, zone: undefined, groupId: s.group?.id, name: s.id, metadata: {}, bootTimesMs: [0], measured: false, forceHost: s.host });
    const server = result.servers[0];
    if (result.error !== undefined || server === undefined || residualMs < 0) continue;
    sim.schedule(residualMs, endOfLife, { compute, server }, LOW);
  }
}

function endOfLife(_sim: Simulation, p: { compute: ComputeService; server: ServerRecord }): void {
  // The server may already be gone (a fault, a call); NOT_FOUND is an expected outcome.
  p.compute.terminateServer(p.server);
}
