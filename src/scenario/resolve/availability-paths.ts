/** The metrics of summary.json's `availability` section an expectation may name (issue 8). */
const DIST = ["count", "mean", "min", "max", "p50", "p95", "p99"];
const FIELDS: Readonly<Record<string, ReadonlyArray<string>>> = {
  faults: ["injected"],
  alarms: ["raised", "updated", "cleared", "activeAtEnd"],
  doctor: ["deadlineMs", "notifications", "maxLatencyMs", "p99LatencyMs", "violations"],
  servers: ["incidents", "restored", "lost", "downAtEnd"],
  evacuations: ["started", "succeeded", "failed", "successRate", "restarts"],
  capacity: ["hostHoursDown", "peakHostsDown", "meanShareDown"],
};
const DISTRIBUTIONS: Readonly<Record<string, ReadonlyArray<string>>> = { alarms: ["durationMs"], servers: ["downtimeMs", "timeToRestoreMs"] };

/** availability.headroom.<racks|zones>.<field> (and .worst.<timeMs|survivable>). */
const HEADROOM = ["total", "survivable", "checks", "survivableShare"];
const HOST_AVAILABILITY = ["hosts", "mean", "min", "p1", "p5", "p50"];
/** A k of atLeast.<k>: a non-negative integer as summary.json writes it (no sign, no leading zero). */
const K = /^(0|[1-9][0-9]{0,5})$/;

/** The racks of a model as `availability.hostsUp` names them: "zone/rack" (the ids build-nfvi gives). */
export function rackDomainIds(zones: ReadonlyArray<{ readonly id: string; readonly racks: ReadonlyArray<string> }>): string[] {
  return zones.flatMap((z) => z.racks.map((r) => `${z.id}/${r}`));
}

/** availability.hostsUp.<domain>.<hosts|minUp> or .atLeast.<k>, and availability.hostAvailability.<field>. */
function isKOfNPath(parts: ReadonlyArray<string>, domains: ReadonlyArray<string>): boolean {
  const [section, domain = "", field, k = ""] = parts;
  if (section === "hostAvailability") return parts.length === 2 && HOST_AVAILABILITY.includes(domain);
  if (section !== "hostsUp" || !domains.includes(domain)) return false;
  return (parts.length === 3 && (field === "hosts" || field === "minUp")) || (parts.length === 4 && field === "atLeast" && K.test(k));
}

/** Is `parts` (after "availability") a numeric path of the section over these hostsUp `domains`? */
export function isAvailabilityPath(parts: ReadonlyArray<string>, domains: ReadonlyArray<string> = []): boolean {
  const [section = "", a, b] = parts;
  if (section === "hostsUp" || section === "hostAvailability") return isKOfNPath(parts, domains);
  if (parts.length === 2) return (FIELDS[section] ?? []).includes(a ?? "") || (section === "faults" && a === "byDomain");
  if (parts.length === 3 && (DISTRIBUTIONS[section] ?? []).includes(a ?? "")) return DIST.includes(b ?? "");
  if (parts.length === 3 && section === "faults" && a === "byDomain") return true;
  if (parts.length === 3 && section === "alarms" && a === "raisedByType") return true;
  if (parts.length === 3 && section === "tenants") return ["availability", "downtimeMs", "exposureMs"].includes(b ?? "");
  if (parts.length === 3 && section === "headroom") return (a === "racks" || a === "zones") && HEADROOM.includes(b ?? "");
  if (parts.length === 4 && section === "headroom") return (a === "racks" || a === "zones") && b === "worst" && (parts[3] === "timeMs" || parts[3] === "survivable");
  return false;
}

/** Is `parts` (after "performance") a numeric path of the PM section? */
export function isPerformancePath(parts: ReadonlyArray<string>): boolean {
  const [a, b] = parts;
  if (parts.length === 1) return a === "jobs" || a === "collections" || a === "reports";
  return parts.length === 2 && a === "thresholdCrossings" && (b === "UP" || b === "DOWN");
}
