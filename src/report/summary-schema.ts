/**
 * The JSON Schema (draft 2020-12) of summary.json, version "nfvtwin.summary/2". Written by hand from
 * RunSummary so that it documents the file, not the code: a consumer can check a file without this
 * package. Bump `schemaVersion` (scenario/runner/summarise.ts) and `$id` together when a field is
 * removed or changes meaning; adding an optional field keeps the version.
 */
import { AVAILABILITY_SCHEMA, PERFORMANCE_SCHEMA } from "./availability-schema.js";
import { NETWORK_POOLS_SCHEMA } from "./network-pools-schema.js";
import { CLUSTERS_SCHEMA } from "./clusters-schema.js";
import { TRACES_SCHEMA } from "./traces.js";
import { BINDING_RESOURCE_SCHEMA } from "./binding-schema.js";
import { type Schema, closed, distribution, int, mapOf, num, share, str } from "./schema-parts.js";

const classUtilisation = closed({ capacity: num, meanUsed: num, peakUsed: num, meanUtilisation: num, peakUtilisation: num });
const expectation = closed({ text: str, passed: { type: "boolean" }, metric: str, value: num });
const operationSummary = closed({
  actions: mapOf(int, "outcome (accepted, WRONG_STATE, NO_VALID_HOST, NOT_FOUND, noEligibleServer) → scenario actions"),
  tasks: closed({ started: int, completed: int, failed: int }),
});

/** The `accelerators` section: written only when the model has accelerators. */
const acceleratorSummary = closed({
  devices: int,
  handles: int,
  utilisation: mapOf(mapOf(closed({ handles: int, meanBound: num, peakBound: int, meanUtilisation: num, peakUtilisation: num }), "accelerator type → bound handles"), "zone (or all) → accelerator type"),
  bindFailures: mapOf(int, "countable reason → binds that failed"),
  reprogramming: closed({ onloads: int, refused: int, programmingTimeMs: num, handleTimeLostMs: num }),
  offload: mapOf(
    closed({
      offered: int,
      served: int,
      dropped: { type: "integer", minimum: 0, description: "waiting when the data path closed (release, unbind, fault); the queue has no size limit, so nothing is refused while open" },
      inSystemAtEnd: { type: "integer", minimum: 0, description: "waiting or in service when the run ended: offered = served + dropped + inSystemAtEnd" },
      meanQueueLength: { type: "number", minimum: 0, description: "time-average number waiting per open data path (exact; as utilisation, over session time)" },
      meanInSystem: { type: "number", minimum: 0, description: "time-average number waiting or in service per open data path" },
      waitingMs: { type: "number", minimum: 0, description: "mean wait before service of the served requests; waitingMs + serviceMs = latencyMs.mean" },
      serviceMs: { type: "number", minimum: 0, description: "mean service time of the served requests" },
      latencyMs: distribution,
      utilisation: num,
    }),
    "accelerator function → offload traffic",
  ),
});

/** `reservations`, written only when the scenario has a `reservations:` section. */
const reservationFields = {
  counts: closed({
    admitted: int,
    refusedByKind: mapOf(int, "error kind → reservations refused at admission"),
    serversBound: int,
    consumptionRefusedByKind: mapOf(int, "error kind → requests a reservation refused"),
    expired: int,
    ended: int,
    terminated: int,
    reclaimedDeleted: int,
    reclaimedKept: int,
    beforeEndWarnings: int,
    holdShortfalls: int,
  }),
  leases: { type: "array", items: closed({ id: str, tenant: str, status: str, lease: str, used: { type: "boolean" }, boundAtEnd: int }) },
  occupancy: { type: "array", items: closed({ timeMs: int, active: int, reservedVcpu: num, boundVcpu: num, reservedMemoryMb: num, boundMemoryMb: num }) },
};
/** `forecast` is there only when the scenario has `capacityForecast:`. */
const reservationSummary: Schema = {
  ...closed(reservationFields),
  properties: {
    ...reservationFields,
    forecast: {
      type: "array",
      items: closed({ fromMs: int, toMs: int, resourceClass: str, totalCapacity: num, reservedCapacity: num, allocatedCapacity: num, availableCapacity: num, atMs: int }),
    },
  },
};

/** `storageReservations`, written only when the scenario has storage entries in `reservations:`. */
const storageCounts = closed({
  admitted: int,
  refusedByKind: mapOf(int, "error kind → storage reservations refused at admission"),
  volumesBound: int,
  consumptionRefusedByKind: mapOf(int, "error kind → volumes a storage reservation refused"),
  expired: int,
  ended: int,
  terminated: int,
  reclaimedDeleted: int,
  reclaimedKept: int,
});
const storageReservationSummary = closed({
  // beforeEndWarnings is written only when some storage lease asks for the warning: not required.
  counts: { ...storageCounts, properties: { ...(storageCounts.properties as Record<string, Schema>), beforeEndWarnings: int } },
  leases: { type: "array", items: closed({ id: str, tenant: str, zone: str, gigabytes: int, status: str, lease: str, used: { type: "boolean" }, volumesBound: int, boundGbAtEnd: int }) },
});

/** `networkReservations`, written only when the scenario has network entries in `reservations:`. */
const networkReservationSummary = closed({
  counts: closed({
    admitted: int,
    refusedByKind: mapOf(int, "error kind → network reservations refused at admission"),
    publicIpsBound: int,
    portsBound: int,
    segmentsBound: int,
    consumptionRefusedByKind: mapOf(int, "error kind → allocations a network reservation refused"),
    expired: int,
    ended: int,
    terminated: int,
    reclaimedDeleted: int,
    reclaimedKept: int,
    beforeEndWarnings: int,
  }),
  leases: {
    type: "array",
    items: closed({ id: str, tenant: str, publicIps: int, ports: int, network: { oneOf: [{ type: "null" }, str], description: "the network of the reserved ports; null without ports" }, segments: int, segmentType: str, status: str, lease: str, used: { type: "boolean" }, boundAtEnd: int }),
  },
});

export const SUMMARY_SCHEMA_ID = "urn:nfvtwin:schema:summary:2";

/** `quotas`, written only when some tenant's compute quota is limited. */
const computeItems = (value: Schema): Schema => closed({ instances: value, cores: value, ram: value });
const quotaLimit: Schema = { type: "integer", minimum: -1, description: "-1 = unlimited" };
const quotaSummary = mapOf(
  closed({
    limits: computeItems(quotaLimit),
    peak: computeItems(num),
    end: computeItems(num),
    peakShareOfLimit: computeItems({ oneOf: [{ type: "null" }, { type: "number", minimum: 0 }], description: "peak usage / limit at the end; null when unlimited" }),
    refusals: int,
    firstRefusalMs: { oneOf: [{ type: "null" }, { type: "number", minimum: 0 }], description: "simulated time of the first QUOTA_EXCEEDED: the time to exhaustion; null if never" },
  }),
  "tenant → compute quota against use",
);

/** `windows`, written only when the scenario has time windows (`windows:`, `faults.windows: true`). */
const windowFields: Record<string, Schema> = {
  source: { type: "string", enum: ["scenario", "storm", "maintenance"], description: "written in windows:, or a storm's or maintenance window's own (faults.windows: true)" },
  fromMs: int,
  toMs: int,
  measuredFromMs: { type: "integer", minimum: 0, description: "the span counted: [fromMs, toMs) clipped to the measured period (warm-up's end to the run's end)" },
  measuredToMs: int,
  requests: closed({ measured: int, placed: int, rejected: int, rejectionRate: share }, "requests decided within the window, counted as requests.* counts them"),
  servers: closed({ requested: int, placed: int, rejected: int, rejectionRate: share }, "their servers, counted as servers.* counts them"),
  utilisation: mapOf(closed({ meanCapacity: num, meanUsed: num, peakUsed: num, meanUtilisation: num, peakUtilisation: num }), "resource class → the site's exact time-weighted use within the window, and its peak"),
};
/** `accelerators` is there only when the model has accelerators, `availability` only when the scenario has faults. */
const windowSummary: Schema = {
  ...closed(windowFields, "one time window of the run"),
  properties: {
    ...windowFields,
    accelerators: mapOf(closed({ handles: int, meanBound: num, peakBound: int, meanUtilisation: num, peakUtilisation: num }), "with accelerators: type → the site's bound handles within the window"),
    availability: closed(
      {
        hostAvailability: share,
        meanShareDown: share,
        peakHostsDown: int,
        tenants: mapOf(closed({ availability: share, downtimeMs: num, exposureMs: num }), "tenant → SLA availability within the window (1 − downtime / exposure, each the part of the servers' intervals within it)"),
      },
      "with faults: the share of host time up within the window, its complement, the peak of failed hosts, and per tenant SLA availability",
    ),
  },
};

const REQUIRED_FIELDS: Record<string, Schema> = {
  schemaVersion: { const: "nfvtwin.summary/2" },
  scenario: closed({ name: str, file: str, description: str, seed: { type: "integer" }, model: str, hosts: int, zones: int, policy: str }),
  run: closed({
    simulatedTimeMs: int,
    simulatedTime: str,
    events: int,
    stoppedBy: str,
    digest: { type: "string", pattern: "^[0-9a-f]{64}$", description: "SHA-256 of the simulation inputs and the event log; equal for a replay" },
    logRecords: int,
    eventLogDigest: { type: "string", description: "FNV-1a over every record's content, or a note when records were not digested" },
    warmupEndMs: int,
  }),
  requests: closed(
    {
      total: { type: "integer", minimum: 0, description: "requests decided over the whole run (warm-up included)" },
      measured: { type: "integer", minimum: 0, description: "requests decided after the warm-up" },
      placed: { type: "integer", minimum: 0, description: "measured requests whose servers were all placed" },
      rejected: { type: "integer", minimum: 0, description: "measured requests refused (a multi-server request is placed whole or not at all)" },
      rejectionRate: { ...share, description: "rejected / measured, counted in requests" },
      rejectedByKind: mapOf(int, "error kind → rejected requests"),
      hostsRejectedByReason: mapOf(int, "filter reason → host rejections summed over rejected requests"),
      all: closed({ total: int, placed: int, rejected: int }, "requests including the warm-up"),
      arrivals: { type: "integer", minimum: 0, description: "workload arrivals over the whole run, numbered 1.. for explain --request (scenario calls are not numbered)" },
      rejectedRequests: closed(
        {
          count: { type: "integer", minimum: 0, description: "requests refused over the whole run, warm-up included" },
          sample: {
            type: "array",
            description: "the first 100 refused requests, in arrival order",
            items: closed({ request: int, timeMs: num, time: str, tenant: str, flavour: str, servers: int, kind: str, reason: str, measured: { type: "boolean" } }),
          },
        },
        "refused requests (explain --rejected lists them)",
      ),
    },
    "a request is one allocation (one arrival or one scenario call) of one or more servers",
  ),
  servers: closed(
    {
      requested: { type: "integer", minimum: 0, description: "servers asked for by measured requests" },
      placed: { type: "integer", minimum: 0, description: "servers of measured requests that were placed" },
      rejected: { type: "integer", minimum: 0, description: "servers of measured requests that were refused" },
      rejectionRate: { ...share, description: "rejected / requested, counted in servers" },
      rejectedByKind: mapOf(int, "error kind → rejected servers"),
      placedByZone: mapOf(int, "zone → placed servers"),
      all: closed({ requested: int, placed: int, rejected: int }, "servers including the warm-up"),
      created: int,
      terminated: int,
      aliveAtEnd: int,
      peakAlive: int,
      meanAlive: num,
      bootTimeMs: distribution,
    },
    "counted in servers (VMs): a request of 3 counts 3 here",
  ),
  utilisation: mapOf(mapOf(classUtilisation, "resource class → utilisation"), "zone (or all) → resource class → utilisation"),
  fragmentation: mapOf(
    closed({
      meanStrandedShareOfFree: share,
      lastStranded: num,
      byClass: mapOf(closed({ meanStranded: num, meanStrandedShareOfFree: share, lastStranded: num }), "resource class or accelerator type (handles) → stranded units, time-weighted"),
    }),
    "zone (or all) → stranded capacity: free units of usable hosts where no flavour of the mix fits (accelerators included)",
  ),
  warnings: { type: "array", items: str },
};

/** The schema object; `stableJson(SUMMARY_JSON_SCHEMA)` is the file form. */
export const SUMMARY_JSON_SCHEMA: Schema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: SUMMARY_SCHEMA_ID,
  title: "nfvtwin summary.json",
  description: "The summary of one run of one scenario on one seed. Requests count after the warm-up unless under `all`.",
  type: "object",
  required: Object.keys(REQUIRED_FIELDS).sort(),
  additionalProperties: false,
  // `expectations` is written only when the scenario has `expect:` entries, and `operations` only when
  // it has an `operations:` section (or the VIM ran operations), so neither is required.
  properties: { ...REQUIRED_FIELDS, expectations: { type: "array", items: expectation }, operations: mapOf(operationSummary, "operation → actions by outcome and tasks by phase"), reservations: reservationSummary, storageReservations: storageReservationSummary, networkReservations: networkReservationSummary, quotas: quotaSummary, availability: AVAILABILITY_SCHEMA, performance: PERFORMANCE_SCHEMA, accelerators: acceleratorSummary, networkPools: NETWORK_POOLS_SCHEMA, bindingResource: BINDING_RESOURCE_SCHEMA, windows: mapOf(windowSummary, "window name → requests, utilisation and availability within the window"), clusters: CLUSTERS_SCHEMA, traces: TRACES_SCHEMA },
};
