/**
 * The `faults:` section → FaultsSpec: components of each failure domain resolved to host ids,
 * distributions to kernel specs in ms, maintenance windows to host events. Every problem is reported
 * with its path: a rack or zone that does not exist, a share outside (0, 1], a repair or failure
 * time that could be negative or zero.
 */
import { distributionMean, validateDistribution, type DistributionSpec } from "../../kernel/index.js";
import type { DurationOrDistribution } from "../schema/common.js";
import type { Faults, FailureProcess, Storm } from "../schema/faults.js";
import { ms, toDistributionSpec } from "./distribution.js";
import type { ResolvedModel } from "./resolved-model.js";
import type { HostEventSpec } from "./run-spec.js";
import { didYouMean } from "../../domain/index.js";

type Path = Array<string | number>;
type Report = (path: Path, message: string) => void;

export type FaultDomainName = FailureProcess["domain"];

/** One failable element and the hosts that depend on it (sorted ids). */
export interface FaultComponent {
  readonly id: string;
  readonly hosts: ReadonlyArray<string>;
}

export interface FailureProcessSpec {
  readonly domain: FaultDomainName;
  readonly kind: "crash" | "hang" | "degraded";
  readonly capacityShare: number;
  readonly timeToFailure: DistributionSpec;
  readonly timeToRepair: DistributionSpec;
  readonly components: ReadonlyArray<FaultComponent>;
}

export interface StormSpec {
  readonly atMs: number;
  readonly domain: FaultDomainName;
  readonly kind: "crash" | "hang" | "degraded" | "flapping";
  readonly capacityShare: number;
  readonly components: ReadonlyArray<FaultComponent>;
  /** Domain host: the share of the components that fail (drawn from the storm's stream); 1 = all. */
  readonly share: number;
  readonly withinMs: number;
  readonly timeToRepair: DistributionSpec;
  readonly flaps: number;
  readonly flapIntervalMs: number;
}

export interface FaultsSpec {
  readonly detectionDelayMs: number;
  readonly hangDetectionDelayMs: number;
  readonly alarmClearDelayMs: number;
  readonly notificationDeadlineMs: number;
  readonly recovery: { readonly policy: "evacuate" | "restart" | "none"; readonly concurrency: number; readonly rebuildTime: DistributionSpec; readonly priorityKey: string };
  readonly processes: ReadonlyArray<FailureProcessSpec>;
  readonly storms: ReadonlyArray<StormSpec>;
  readonly cascade: { readonly utilisationAbove: number; readonly probability: number; readonly delayMs: number; readonly timeToRepair: DistributionSpec } | undefined;
  /**
   * The N+1 check runs on a utilisation sample at least this long after the previous check, and at
   * the end; absent: on every sample (absent rather than 0 so that the run digest of a scenario
   * without the option is as before).
   */
  readonly headroomCheckEveryMs?: number;
}

interface Selected {
  readonly hosts?: ReadonlyArray<string>;
  readonly zone?: string;
  readonly racks?: ReadonlyArray<string>;
}

/** The hosts a selection names (every host when it names none), checking ids against the model. */
function selectHosts(sel: Selected, model: ResolvedModel, base: Path, report: Report): ResolvedModel["hosts"] {
  if (sel.hosts !== undefined && sel.zone !== undefined) report(base, "select hosts either by hosts (a list of ids) or by zone (with optional racks)");
  if (sel.racks !== undefined && sel.zone === undefined) report([...base, "racks"], "racks need a zone (rack ids repeat across zones)");
  const known = new Set(model.hosts.map((h) => h.id));
  (sel.hosts ?? []).forEach((id, k) => {
    if (!known.has(id)) report([...base, "hosts", k], `unknown host "${id}"; host ids look like ${model.hosts[0]?.id ?? "<zone>-<rack>-h001"}`);
  });
  const zone = sel.zone === undefined ? undefined : model.zones.find((z) => z.id === sel.zone);
  if (sel.zone !== undefined && zone === undefined) report([...base, "zone"], `unknown zone "${sel.zone}"; ${didYouMean(sel.zone, model.zones.map((z) => z.id).sort())}defined zones: ${model.zones.map((z) => z.id).sort().join(", ")}`);
  (sel.racks ?? []).forEach((r, k) => {
    if (zone !== undefined && !zone.racks.includes(r)) report([...base, "racks", k], `zone ${zone.id} has no rack "${r}"; its racks: ${zone.racks.join(", ")}`);
  });
  if (sel.hosts !== undefined) return model.hosts.filter((h) => sel.hosts!.includes(h.id));
  return model.hosts.filter((h) => (sel.zone === undefined || h.zone === sel.zone) && (sel.racks === undefined || sel.racks.includes(h.rack)));
}

const byId = (a: FaultComponent, b: FaultComponent): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The components of `domain` among `hosts`: one per host, per rack (its PDU, its switch) or per zone. */
export function componentsOf(domain: FaultDomainName, hosts: ResolvedModel["hosts"]): FaultComponent[] {
  const groups = new Map<string, string[]>();
  for (const h of hosts) {
    const key =
      domain === "zone" ? h.zone : domain === "rack" ? `${h.zone}/${h.rack}` : domain === "pdu" ? `${h.zone}/${h.rack}/pdu` : domain === "tor" ? `${h.zone}/${h.rack}/tor` : h.id;
    let list = groups.get(key);
    if (list === undefined) groups.set(key, (list = []));
    list.push(h.id);
  }
  return [...groups].map(([id, list]) => ({ id, hosts: list.sort() })).sort(byId);
}

/** The remaining share of a degraded host's capacity, in (0, 1). */
function capacityShare(share: number | undefined, path: Path, report: Report): number {
  if (share !== undefined && !(share > 0 && share < 1)) report(path, `capacityShare must be in (0, 1) (the share of the capacity a degraded host keeps); got ${share}`);
  return share ?? 0.5;
}

/** A duration distribution that must stay positive (a time to failure or repair). */
function positiveDistribution(d: DurationOrDistribution, path: Path, what: string, report: Report): DistributionSpec {
  if (typeof d === "object" && d.kind === "normal" && d.min === undefined) {
    report(path, `${what} can be negative: a normal distribution needs min (e.g. min: 0s), or use lognormal, weibull or exponential`);
  }
  const spec = toDistributionSpec(d);
  const problems = validateDistribution(spec);
  for (const p of problems) report(path, `${what}: ${p}`);
  if (problems.length === 0 && !(distributionMean(spec) > 0)) report(path, `${what} must have a positive mean; got ${distributionMean(spec)} ms`);
  return spec;
}

function resolveProcess(p: FailureProcess, i: number, model: ResolvedModel, report: Report): FailureProcessSpec {
  const base: Path = ["faults", "processes", i];
  const known = [...new Set(model.hosts.map((h) => h.profile))].sort();
  (p.profiles ?? []).forEach((id, k) => {
    if (!known.includes(id)) report([...base, "profiles", k], `no host has profile "${id}"; profiles in use: ${known.join(", ")}`);
  });
  const hosts = selectHosts(p, model, base, report).filter((h) => p.profiles === undefined || p.profiles.includes(h.profile));
  if (p.accType !== undefined && p.domain !== "accelerator") report([...base, "accType"], "accType applies to domain accelerator");
  if (p.domain === "accelerator" && p.kind !== undefined && p.kind !== "crash") report([...base, "kind"], "an accelerator device fails by crashing only (it is DISABLED until repaired)");
  const components = p.domain === "accelerator" ? acceleratorComponents(hosts, p.accType, base, report) : componentsOf(p.domain, hosts);
  return {
    domain: p.domain,
    kind: p.kind ?? "crash",
    capacityShare: capacityShare(p.capacityShare, [...base, "capacityShare"], report),
    timeToFailure: positiveDistribution(p.timeToFailure, [...base, "timeToFailure"], "time to failure", report),
    timeToRepair: positiveDistribution(p.timeToRepair, [...base, "timeToRepair"], "time to repair", report),
    components,
  };
}

/** Domain accelerator: one component per device `<host>/<device>` of the hosts (of type `accType`). */
function acceleratorComponents(hosts: ResolvedModel["hosts"], accType: string | undefined, base: Path, report: Report): FaultComponent[] {
  const devices = hosts.flatMap((h) => (h.accelerators ?? []).filter((a) => accType === undefined || a.type === accType).map((a) => ({ id: `${h.id}/${a.name}`, hosts: [h.id] })));
  if (devices.length === 0) {
    const types = [...new Set(hosts.flatMap((h) => (h.accelerators ?? []).map((a) => a.type)))].sort();
    report(accType === undefined ? [...base, "domain"] : [...base, "accType"], `no accelerator device ${accType === undefined ? "" : `of type ${accType} `}on the selected hosts; types there: ${types.join(", ") || "none"}`);
  }
  return devices.sort(byId);
}

function resolveStorm(s: Storm, i: number, model: ResolvedModel, report: Report): StormSpec {
  const base: Path = ["faults", "storms", i];
  const hosts = selectHosts(s, model, base, report);
  if (s.share !== undefined && !(s.share > 0 && s.share <= 1)) report([...base, "share"], `share must be in (0, 1] (a share of the selected hosts, 1 = 100 %); got ${s.share}`);
  if (s.share !== undefined && s.domain !== "host") report([...base, "share"], `share applies to domain host; a ${s.domain} storm fails every selected ${s.domain}`);
  if (s.kind === "flapping" && s.flapInterval === undefined) report(base, "a flapping storm needs flapInterval (how long the host stays up between flaps)");
  if (hosts.length === 0) report(base, "the storm selects no host");
  return {
    atMs: ms(s.at),
    domain: s.domain,
    kind: s.kind ?? "crash",
    capacityShare: capacityShare(s.capacityShare, [...base, "capacityShare"], report),
    components: componentsOf(s.domain, hosts),
    share: s.share ?? 1,
    withinMs: s.within === undefined ? 0 : ms(s.within),
    timeToRepair: positiveDistribution(s.timeToRepair, [...base, "timeToRepair"], "time to repair", report),
    flaps: s.kind === "flapping" ? (s.flaps ?? 3) : 1,
    flapIntervalMs: s.flapInterval === undefined ? 0 : ms(s.flapInterval),
  };
}

/** Maintenance windows as host events: MAINTENANCE with a drain at the start, UP at the end. */
function maintenanceEvents(f: Faults, model: ResolvedModel, report: Report): HostEventSpec[] {
  return (f.maintenance ?? []).flatMap((w, i) => {
    const hosts = selectHosts(w, model, ["faults", "maintenance", i], report).map((h) => h.id).sort();
    const drain = w.drain === undefined ? undefined : w.drain === "LIVE_MIGRATION" ? ("migrate.live" as const) : ("migrate.offline" as const);
    const startMs = ms(w.at);
    return [
      { atMs: startMs, hosts, state: "MAINTENANCE" as const, enabled: undefined, drain },
      { atMs: startMs + ms(w.duration), hosts, state: "UP" as const, enabled: undefined, drain: undefined },
    ];
  });
}

/** Resolves the section; undefined when the scenario has none. */
export function resolveFaults(
  f: Faults | undefined,
  model: ResolvedModel,
  hasHorizon: boolean,
  report: Report,
): { spec: FaultsSpec; hostEvents: HostEventSpec[] } | undefined {
  if (f === undefined) return undefined;
  const processes = (f.processes ?? []).map((p, i) => resolveProcess(p, i, model, report));
  if (processes.length > 0 && !hasHorizon) report(["faults", "processes"], "failure processes run until the horizon: give stop.horizon");
  const storms = (f.storms ?? []).map((s, i) => resolveStorm(s, i, model, report));
  const c = f.cascade;
  if (c !== undefined && !(c.utilisationAbove > 0 && c.utilisationAbove <= 1)) report(["faults", "cascade", "utilisationAbove"], `utilisationAbove must be in (0, 1]; got ${c.utilisationAbove}`);
  if (c !== undefined && !(c.probability >= 0 && c.probability <= 1)) report(["faults", "cascade", "probability"], `probability must be in [0, 1]; got ${c.probability}`);
  const d = f.detection ?? {};
  const r = f.recovery ?? {};
  const spec: FaultsSpec = {
    detectionDelayMs: d.delay === undefined ? 500 : ms(d.delay),
    hangDetectionDelayMs: d.hangDelay === undefined ? 60_000 : ms(d.hangDelay),
    alarmClearDelayMs: d.alarmClearDelay === undefined ? 0 : ms(d.alarmClearDelay),
    notificationDeadlineMs: d.notificationDeadline === undefined ? 1_000 : ms(d.notificationDeadline),
    recovery: {
      policy: r.policy ?? "evacuate",
      concurrency: r.concurrency ?? 10,
      rebuildTime: r.rebuildTime === undefined ? { kind: "constant", value: 60_000 } : positiveDistribution(r.rebuildTime, ["faults", "recovery", "rebuildTime"], "rebuild time", report),
      priorityKey: r.priorityKey ?? "priority",
    },
    processes,
    storms,
    ...(f.headroomCheck === undefined ? {} : { headroomCheckEveryMs: ms(f.headroomCheck.every) }),
    cascade:
      c === undefined
        ? undefined
        : { utilisationAbove: c.utilisationAbove, probability: c.probability, delayMs: c.delay === undefined ? 0 : ms(c.delay), timeToRepair: positiveDistribution(c.timeToRepair, ["faults", "cascade", "timeToRepair"], "time to repair", report) },
  };
  return { spec, hostEvents: maintenanceEvents(f, model, report) };
}
