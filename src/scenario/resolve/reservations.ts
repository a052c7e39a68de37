/**
 * Resolves the scenario's `reservations:` and the `reservation:` references of streams and timed
 * requests. Bad static input is reported with its position (exit 2), never left to the run: an end
 * before the start, a start before the lease is requested (a start in the past), an expiry outside the
 * window, a reservation larger than its zone, an unknown tenant, zone, flavour or reservation, and a
 * request drawing from another tenant's reservation or with another flavour than its slots'.
 */
import { RESOURCE_CLASSES, didYouMean } from "../../domain/index.js";
import type { ReservationEntry } from "../schema/reservations.js";
import type { Scenario } from "../schema/scenario.js";
import { ms } from "./distribution.js";
import type { ResolvedModel } from "./resolved-model.js";
import type { PoolAcceleration } from "../../vim/index.js";

type Path = Array<string | number>;
type Report = (path: Path, message: string) => void;

/** What every static lease of a run (compute, storage, network) has; times in ms from the start of the run. */
export interface LeaseSpecBase {
  readonly id: string;
  readonly tenant: string;
  /** When the lease is requested. */
  readonly atMs: number;
  readonly startMs: number;
  readonly endMs: number | undefined;
  readonly expiryMs: number | undefined;
  readonly reclaim: "delete" | "keep";
}

/** The lease fields of a `reservations:` entry, whatever it reserves: times in ms from the start of the run. */
export function leaseSpecBase(e: ReservationEntry): LeaseSpecBase {
  const atMs = e.at === undefined ? 0 : ms(e.at);
  return {
    id: e.id,
    tenant: e.tenant,
    atMs,
    startMs: e.start === undefined ? atMs : ms(e.start),
    endMs: e.end === undefined ? undefined : ms(e.end),
    expiryMs: e.expiry === undefined ? undefined : ms(e.expiry),
    reclaim: e.reclaim ?? "delete",
  };
}

/** A static reservation of a run, times in ms from the start of the run. */
export interface ReservationSpec extends LeaseSpecBase {
  readonly zone: string | undefined;
  readonly beforeEndLeadMs: number | undefined;
  /** `acceleration` only on a pool that asks for accelerators (older specs, and their digests, unchanged). */
  readonly pool: { readonly numCpuCores: number; readonly virtualMemSizeMb: number; readonly numVcInstances: number; readonly acceleration?: PoolAcceleration } | undefined;
  readonly containers: { readonly flavour: string; readonly count: number; readonly affinity: "affinity" | "anti-affinity" | undefined } | undefined;
}

/** Per class, what the model's hosts of `zone` (all hosts when undefined) can ever allocate. */
function zoneCapacity(model: ResolvedModel, zone: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const rc of RESOURCE_CLASSES) out[rc] = 0;
  for (const h of model.hosts) {
    if (zone !== undefined && h.zone !== zone) continue;
    for (const rc of RESOURCE_CLASSES) {
      const inv = h.inventories[rc];
      if (inv !== undefined) out[rc]! += Math.floor((inv.total - inv.reserved) * inv.allocationRatio);
    }
  }
  return out;
}

function checkTimes(e: ReservationEntry, spec: ReservationSpec, base: Path, report: Report): void {
  if (spec.startMs < spec.atMs) report([...base, "start"], `start ${e.start} is before the reservation is requested at ${e.at ?? "0s"} (a start in the past)`);
  if (spec.endMs !== undefined && spec.endMs <= spec.startMs) report([...base, "end"], `end ${e.end} is not after start ${e.start ?? e.at ?? "0s"}`);
  if (spec.expiryMs !== undefined && (spec.expiryMs <= spec.startMs || (spec.endMs !== undefined && spec.expiryMs >= spec.endMs))) {
    report([...base, "expiry"], `expiry ${e.expiry} is not inside the window (start, end)`);
  }
}

function checkSize(spec: ReservationSpec, model: ResolvedModel, base: Path, report: Report): void {
  const capacity = zoneCapacity(model, spec.zone);
  const asked: Record<string, number> = {};
  let path: Path = [...base, "pool"];
  if (spec.pool !== undefined) {
    asked.VCPU = spec.pool.numCpuCores;
    asked.MEMORY_MB = spec.pool.virtualMemSizeMb;
  } else if (spec.containers !== undefined) {
    path = [...base, "containers"];
    const f = model.flavours.get(spec.containers.flavour);
    if (f === undefined) return;
    for (const rc of RESOURCE_CLASSES) asked[rc] = f.amounts[rc] * spec.containers.count;
  }
  for (const [rc, n] of Object.entries(asked)) {
    if (n > capacity[rc]!) report(path, `the reservation asks ${n} ${rc}, more than the ${capacity[rc]} of ${spec.zone === undefined ? "the whole model" : `zone ${spec.zone}`}`);
  }
}

/** A pool's `accelerators:` as the service takes them: a device profile of the model, at most one set per instance. */
function poolAcceleration(pool: NonNullable<ReservationEntry["pool"]>, model: ResolvedModel, base: Path, report: Report): { acceleration?: PoolAcceleration } {
  const a = pool.accelerators;
  if (a === undefined) return {};
  const profiles = model.accelerators?.profiles;
  const deviceProfile = profiles?.get(a.profile);
  const path = [...base, "pool", "accelerators"];
  if (deviceProfile === undefined) report([...path, "profile"], `unknown device profile "${a.profile}"; ${didYouMean(a.profile, [...(profiles?.keys() ?? [])].sort())}device profiles: ${[...(profiles?.keys() ?? [])].sort().join(", ") || "(none)"}`);
  if (a.count > pool.instances) report([...path, "count"], `${a.count} sets of accelerators for ${pool.instances} instances: each instance binds at most one`);
  else if (a.count > pool.cores) report([...path, "count"], `${a.count} sets of accelerators for ${pool.cores} cores: each set comes with at least one core of the pool`);
  return deviceProfile === undefined ? {} : { acceleration: { deviceProfile, count: a.count } };
}

function resolveEntry(e: ReservationEntry, i: number, model: ResolvedModel, report: Report): ReservationSpec {
  const base: Path = ["reservations", i];
  if (!model.tenants.has(e.tenant)) report([...base, "tenant"], `unknown tenant "${e.tenant}"; ${didYouMean(e.tenant, [...model.tenants.keys()].sort())}defined tenants: ${[...model.tenants.keys()].sort().join(", ")}`);
  if (e.zone !== undefined && !model.zones.some((z) => z.id === e.zone)) report([...base, "zone"], `unknown zone "${e.zone}"; ${didYouMean(e.zone, model.zones.map((z) => z.id).sort())}defined zones: ${model.zones.map((z) => z.id).sort().join(", ")}`);
  if ((e.pool === undefined) === (e.containers === undefined) && e.storage === undefined && e.network === undefined) {
    report(base, "give exactly one of pool (cores, ramMb, instances), containers (flavour, count), storage (gigabytes, volumes) or network (publicIps, ports, segments)");
  }
  if (e.containers !== undefined && !model.flavours.has(e.containers.flavour)) {
    report([...base, "containers", "flavour"], `unknown flavour "${e.containers.flavour}"; ${didYouMean(e.containers.flavour, [...model.flavours.keys()].sort())}defined flavours: ${[...model.flavours.keys()].sort().join(", ")}`);
  }
  if (e.pool !== undefined && e.pool.cores + e.pool.ramMb === 0) report([...base, "pool"], "a pool reservation asks for no cores and no memory");
  const spec: ReservationSpec = {
    ...leaseSpecBase(e),
    zone: e.zone,
    beforeEndLeadMs: e.beforeEnd === undefined ? undefined : ms(e.beforeEnd),
    pool: e.pool === undefined ? undefined : { numCpuCores: e.pool.cores, virtualMemSizeMb: e.pool.ramMb, numVcInstances: e.pool.instances, ...poolAcceleration(e.pool, model, base, report) },
    containers: e.containers === undefined ? undefined : { flavour: e.containers.flavour, count: e.containers.count, affinity: e.containers.affinity },
  };
  checkTimes(e, spec, base, report);
  checkSize(spec, model, base, report);
  return spec;
}

/** The static reservations, in file order; reports duplicates and every problem above. */
export function resolveReservations(scenario: Scenario, model: ResolvedModel, report: Report): ReservationSpec[] {
  const seen = new Set<string>();
  const out = (scenario.reservations ?? []).flatMap((e, i) => {
    if (seen.has(e.id)) report(["reservations", i, "id"], `reservation id "${e.id}" is used twice`);
    seen.add(e.id);
    const spec = resolveEntry(e, i, model, report);
    // Storage and network entries were checked here too (tenant, zone, window); storage-reservations.ts
    // and network-reservations.ts resolve them.
    return e.storage === undefined && e.network === undefined ? [spec] : [];
  });
  checkReferences(scenario, out, report);
  return out;
}

/** `reservation:` of streams and requests: a known reservation of the same tenant, with its flavour. */
function checkReferences(scenario: Scenario, reservations: readonly ReservationSpec[], report: Report): void {
  const byId = new Map(reservations.map((r) => [r.id, r] as const));
  const check = (ref: string | undefined, tenant: string, flavours: readonly string[], path: Path): void => {
    if (ref === undefined) return;
    const r = byId.get(ref);
    if (r === undefined) return report(path, `unknown reservation "${ref}"; ${didYouMean(ref, [...byId.keys()].sort())}defined reservations: ${[...byId.keys()].sort().join(", ") || "(none)"}`);
    if (r.tenant !== tenant) return report(path, `reservation "${ref}" belongs to tenant ${r.tenant}, not ${tenant}`);
    const other = flavours.find((f) => r.containers !== undefined && f !== r.containers.flavour);
    if (other !== undefined) report(path, `reservation "${ref}" holds slots of flavour ${r.containers!.flavour}, not ${other}`);
  };
  (scenario.workload.streams ?? []).forEach((s, i) => check(s.reservation, s.tenant, Object.keys(s.flavours), ["workload", "streams", i, "reservation"]));
  (scenario.workload.requests ?? []).forEach((r, i) => check(r.reservation, r.tenant, [r.flavour], ["workload", "requests", i, "reservation"]));
}

/** A capacity forecast of a run (see schema CapacityForecast), in ms. */
export interface ForecastSpec {
  readonly atMs: number;
  readonly windowMs: number;
  readonly stepMs: number;
  readonly zone: string | undefined;
}

const DAY_MS = 86_400_000;

/** The scenario's capacity forecast, or undefined; an unknown zone or a step longer than the window is reported. */
export function resolveForecast(scenario: Scenario, model: ResolvedModel, report: Report): ForecastSpec | undefined {
  const f = scenario.capacityForecast;
  if (f === undefined) return undefined;
  if (f.zone !== undefined && !model.zones.some((z) => z.id === f.zone)) report(["capacityForecast", "zone"], `unknown zone "${f.zone}"; ${didYouMean(f.zone, model.zones.map((z) => z.id).sort())}defined zones: ${model.zones.map((z) => z.id).sort().join(", ")}`);
  const spec = { atMs: f.at === undefined ? 0 : ms(f.at), windowMs: ms(f.window), stepMs: f.step === undefined ? DAY_MS : ms(f.step), zone: f.zone };
  if (spec.stepMs <= 0 || spec.windowMs < spec.stepMs) report(["capacityForecast", "step"], `step ${f.step ?? "1d"} must be positive and no longer than the window ${f.window}`);
  return spec;
}
