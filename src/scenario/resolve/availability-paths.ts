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

/** Is `parts` (after "availability") a numeric path of the section? */
export function isAvailabilityPath(parts: ReadonlyArray<string>): boolean {
  const [section = "", a, b] = parts;
  if (parts.length === 2) return (FIELDS[section] ?? []).includes(a ?? "") || (section === "faults" && a === "byDomain");
  if (parts.length === 3 && (DISTRIBUTIONS[section] ?? []).includes(a ?? "")) return DIST.includes(b ?? "");
  if (parts.length === 3 && section === "faults" && a === "byDomain") return true;
  if (parts.length === 3 && section === "alarms" && a === "raisedByType") return true;
  if (parts.length === 3 && section === "tenants") return ["availability", "downtimeMs", "exposureMs"].includes(b ?? "");
  if (parts.length === 3 && section === "headroom") return (a === "racks" || a === "zones") && (b === "total" || b === "survivable");
  return false;
}

/** Is `parts` (after "performance") a numeric path of the PM section? */
export function isPerformancePath(parts: ReadonlyArray<string>): boolean {
  const [a, b] = parts;
  if (parts.length === 1) return a === "jobs" || a === "collections" || a === "reports";
  return parts.length === 2 && a === "thresholdCrossings" && (b === "UP" || b === "DOWN");
}
