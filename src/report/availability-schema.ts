/**
 * JSON Schema (draft 2020-12) of summary.json's optional `availability` section (issue 8), written
 * when the scenario has `faults:`. Same conventions as summary-schema.ts: closed objects, every
 * listed property required.
 */
import { type Schema, closed, distribution, int, mapOf, num, share, str } from "./schema-parts.js";

const shortfalls = {
  type: "array",
  description: "every domain not survivable, most unplaced servers first: its servers, those that found no host in the dry run, and why (reason → servers)",
  items: closed({ id: str, servers: int, unplaced: int, short: mapOf(int, "placement reason → servers that found no host") }),
};

const headroom = closed({
  total: int,
  survivable: int,
  notSurvivable: { type: "array", items: str },
  shortfalls,
  checks: { type: "integer", minimum: 0, description: "checks over the run: one per utilisation sample, the last at the end (whose state total, survivable and shortfalls describe)" },
  survivableShare: { ...share, description: "share of the checks in which every domain of this kind was survivable" },
  worst: closed(
    { timeMs: num, survivable: int, shortfalls },
    "the check with the fewest survivable domains (then the most servers unplaced, then the earliest): its time and shortfalls",
  ),
});

export const AVAILABILITY_SCHEMA: Schema = closed(
  {
    faults: closed({ injected: int, byDomain: mapOf(int, "failure domain → faults injected") }),
    alarms: closed({ raised: int, updated: int, cleared: int, activeAtEnd: int, raisedByType: mapOf(int, "managed object type → alarms raised"), durationMs: distribution }),
    doctor: closed({ deadlineMs: num, notifications: int, maxLatencyMs: num, p99LatencyMs: num, violations: int, met: { type: "boolean" } }, "OPNFV Doctor: fault to the consumer's alarm notification per affected server"),
    servers: closed({ incidents: int, restored: int, lost: int, downAtEnd: int, downtimeMs: distribution, timeToRestoreMs: distribution }),
    evacuations: closed({ started: int, succeeded: int, failed: int, successRate: share, restarts: int }),
    capacity: closed({
      hostHoursDown: num,
      peakHostsDown: int,
      meanShareDown: share,
      hostsDownOverTime: { type: "array", description: "[bucket start ms, peak failed hosts in the bucket], at most 200 buckets", items: { type: "array", items: num, minItems: 2, maxItems: 2 } },
    }),
    hostsUp: mapOf(
      closed({
        hosts: int,
        minUp: { type: "integer", minimum: 0, description: "fewest hosts up for a positive time" },
        atLeast: { type: "object", description: "k (0 to hosts) → share of the time with at least k hosts up; \"0\" is 1", propertyNames: { pattern: "^(0|[1-9][0-9]*)$" }, additionalProperties: share },
      }),
      "k-of-n availability, exact (accumulated at host failures and repairs): failure domain (all = the site, a zone, or zone/rack) → hosts up over the run",
    ),
    hostAvailability: closed(
      { hosts: int, mean: share, min: share, p1: share, p5: share, p50: share },
      "each host's up-time share over the run, across hosts (nearest rank); mean = 1 − capacity.meanShareDown",
    ),
    tenants: mapOf(closed({ availability: share, downtimeMs: num, exposureMs: num }), "tenant → SLA availability (1 − downtime / exposure)"),
    headroom: closed({ racks: headroom, zones: headroom }, "N+1: would the evacuation of any one rack or zone find a host for every server (a dry run with the run's placement policy)"),
  },
  "Faults, alarms, downtime and headroom; present only when the scenario has `faults:`",
);

/** JSON Schema of the optional `performance` section (PM jobs and thresholds). */
export const PERFORMANCE_SCHEMA: Schema = closed(
  {
    jobs: int,
    collections: int,
    reports: int,
    thresholdCrossings: closed({ UP: int, DOWN: int }),
    crossings: {
      type: "array",
      description: "the first 1,000 threshold crossings, in time order",
      items: closed({ timeMs: num, thresholdId: str, objectInstanceId: str, performanceMetric: str, crossingDirection: { enum: ["UP", "DOWN"] }, performanceValue: num }),
    },
  },
  "PM jobs and thresholds; present only when the scenario has `performance:`",
);
