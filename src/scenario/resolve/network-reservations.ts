/**
 * Resolves the network entries of `reservations:` (IFA CreateNetworkResourceReservation at a time of
 * the run) and the `reservation:` of createPort, createNetwork and allocatePublicIp calls. Bad static
 * input is reported with its position (exit 2): the window checks of compute leases (reservations.ts),
 * a reservation asking nothing or more than a pool holds (the external pool's public IPs, a provider
 * range's segmentation ids, both as the model's `network:` section sets them), ports without their network or on a network no call of the tenant makes,
 * a compute or storage field on a network entry, and a call drawing from an unknown reservation,
 * another tenant's, or one whose window has ended by the time of the call.
 */
import { formatDurationMs } from "../../kernel/index.js";
import type { ReservationEntry } from "../schema/reservations.js";
import type { Scenario } from "../schema/scenario.js";
import { ms } from "./distribution.js";
import { runNetwork } from "./resolve-network.js";
import type { ResolvedModel, ResolvedNetwork } from "./resolved-model.js";
import { leaseSpecBase, type LeaseSpecBase } from "./reservations.js";
import { didYouMean } from "../../domain/index.js";

type Path = Array<string | number>;
type Report = (path: Path, message: string) => void;

/** A static network reservation of a run, times in ms from the start of the run. */
export interface NetworkReservationSpec extends LeaseSpecBase {
  readonly zone: string | undefined;
  readonly beforeEndLeadMs: number | undefined;
  readonly publicIps: number | undefined;
  readonly ports: number | undefined;
  /** The name of the network the ports are on (a createNetwork call's name). */
  readonly network: string | undefined;
  readonly segments: number | undefined;
  readonly segmentType: "vlan" | "vxlan";
}

const rangeSize = (r: readonly [number, number]): number => Math.max(0, r[1] - r[0] + 1);

type NetworkEntry = ReservationEntry & { network: NonNullable<ReservationEntry["network"]> };

/** Checks a network entry's amounts against the run's pools: the model's external network and segmentation ranges (runNetwork). */
function checkAmounts(e: NetworkEntry, base: Path, pools: ResolvedNetwork, networksOf: (tenant: string) => string[], report: Report): void {
  const n = e.network;
  const at: Path = [...base, "network"];
  if (n.publicIps === undefined && n.ports === undefined && n.segments === undefined) report(at, "a network reservation asks for publicIps, ports or segments");
  const publicIps = pools.external.publicIps;
  if (n.publicIps !== undefined && n.publicIps > publicIps) report([...at, "publicIps"], `the reservation asks ${n.publicIps} public IPs, more than the ${publicIps} of the external network's pool`);
  const type = n.segmentType ?? "vlan";
  const range = rangeSize(pools.segmentation[type]);
  if (n.segments !== undefined && n.segments > range) report([...at, "segments"], `the reservation asks ${n.segments} ${type} segmentation ids, more than the ${range} of the provider's range`);
  if (n.segmentType !== undefined && n.segments === undefined) report([...at, "segmentType"], "segmentType without segments");
  if (n.ports !== undefined && n.network === undefined) report([...at, "ports"], "ports are reserved on a network: give network (a createNetwork call's name)");
  if (n.network !== undefined && n.ports === undefined) report([...at, "network"], "network without ports: give how many ports to reserve on it");
  if (n.network !== undefined && !networksOf(e.tenant).includes(n.network)) {
    report([...at, "network"], `unknown network "${n.network}"; ${didYouMean(n.network, networksOf(e.tenant))}networks tenant ${e.tenant}'s calls create: ${networksOf(e.tenant).join(", ") || "none"}`);
  }
}

function resolveNetworkEntry(e: NetworkEntry, i: number, pools: ResolvedNetwork, networksOf: (tenant: string) => string[], report: Report): NetworkReservationSpec {
  const base: Path = ["reservations", i];
  for (const field of ["pool", "containers", "storage"] as const) if (e[field] !== undefined) report([...base, field], `a network reservation has no ${field} (it reserves network resources)`);
  checkAmounts(e, base, pools, networksOf, report);
  return {
    ...leaseSpecBase(e),
    zone: e.zone,
    beforeEndLeadMs: e.beforeEnd === undefined ? undefined : ms(e.beforeEnd),
    publicIps: e.network.publicIps,
    ports: e.network.ports,
    network: e.network.network,
    segments: e.network.segments,
    segmentType: e.network.segmentType ?? "vlan",
  };
}

/** Tenant → the network names its users' createNetwork calls give (name, or name-1 ... name-N with count), sorted. */
function networkNames(scenario: Scenario, model: ResolvedModel): (tenant: string) => string[] {
  const tenantOf = new Map([...model.tenants.values()].flatMap((t) => t.users.map((u) => [u.id, t.id] as const)));
  const byTenant = new Map<string, Set<string>>();
  for (const c of scenario.operations?.calls ?? []) {
    if (c.call !== "createNetwork" || c.name === undefined) continue;
    const tenant = tenantOf.get(c.as) ?? "";
    const names = byTenant.get(tenant) ?? byTenant.set(tenant, new Set()).get(tenant)!;
    const n = c.count ?? 1;
    for (const name of n === 1 ? [c.name] : Array.from({ length: n }, (_, k) => `${c.name}-${k + 1}`)) names.add(name);
  }
  return (tenant) => [...(byTenant.get(tenant) ?? [])].sort();
}

/** The network entries of `reservations:`, in file order (tenant, zone, window and ids are checked with the compute ones). */
export function resolveNetworkReservations(scenario: Scenario, model: ResolvedModel, report: Report): NetworkReservationSpec[] {
  const networksOf = networkNames(scenario, model);
  const out: NetworkReservationSpec[] = [];
  (scenario.reservations ?? []).forEach((e, i) => {
    if (e.network !== undefined) out.push(resolveNetworkEntry({ ...e, network: e.network }, i, runNetwork(model), networksOf, report));
  });
  checkNetworkCalls(scenario, model, out, report);
  return out;
}

/** createPort, createNetwork and allocatePublicIp with `reservation:` name a network reservation of the caller's tenant, still open at the call. */
function checkNetworkCalls(scenario: Scenario, model: ResolvedModel, specs: readonly NetworkReservationSpec[], report: Report): void {
  const byId = new Map(specs.map((s) => [s.id, s] as const));
  const tenantOf = new Map([...model.tenants.values()].flatMap((t) => t.users.map((u) => [u.id, t.id] as const)));
  (scenario.operations?.calls ?? []).forEach((c, i) => {
    if ((c.call !== "createPort" && c.call !== "createNetwork" && c.call !== "allocatePublicIp") || c.reservation === undefined) return;
    const path: Path = ["operations", "calls", i, "reservation"];
    const r = byId.get(c.reservation);
    if (r === undefined) return report(path, `unknown network reservation "${c.reservation}"; ${didYouMean(c.reservation, [...byId.keys()].sort())}network reservations: ${[...byId.keys()].sort().join(", ") || "(none)"}`);
    const tenant = tenantOf.get(c.as);
    if (tenant !== undefined && tenant !== r.tenant) return report(path, `network reservation "${c.reservation}" belongs to tenant ${r.tenant}, not ${tenant}`);
    if (r.endMs !== undefined && ms(c.at) >= r.endMs) report(path, `network reservation "${c.reservation}" has ended by ${c.at} (its window ends at ${formatDurationMs(r.endMs)})`);
  });
}
