/**
 * A small world for fault tests: hosts in racks and zones (novaHost), the spread policy, a compute
 * service whose hooks reach a FaultManager, and an alarm service with a recording subscriber.
 */
import { asId, type HostId, type RackId, type ZoneId } from "../domain/index.js";
import { Simulation } from "../kernel/index.js";
import { ComputeMetrics, EventLog } from "../metrics/index.js";
import { novaHost, type NfviState } from "../nfvi/index.js";
import {
  AlarmService,
  ComputeService,
  FaultManager,
  HostAdministration,
  INSTANT_OPERATIONS,
  type AlarmNotification,
  type FaultManagerConfig,
  type FlavourSpec,
  type OperationTimings,
} from "../vim/index.js";
import { policySelector, smallNfvi } from "./small-vim.js";

export interface FaultWorld {
  readonly sim: Simulation;
  readonly nfvi: NfviState;
  readonly compute: ComputeService;
  readonly faults: FaultManager;
  readonly alarms: AlarmService;
  readonly notifications: AlarmNotification[];
  readonly log: EventLog;
}

export const SMALL_FLAVOUR: FlavourSpec = { id: "m1.small", amounts: { VCPU: 2, PCPU: 0, MEMORY_MB: 4096, DISK_GB: 20 }, requiredMetadata: {} };

/** `zones` × `racks` × `hostsPerRack` hosts of 16 vCPU, 64 GB (ids z<i>-r<j>-h<k>). */
export function faultWorld(
  shape: { zones: number; racks: number; hostsPerRack: number },
  config: Partial<FaultManagerConfig> = {},
  timings: OperationTimings = INSTANT_OPERATIONS,
): FaultWorld {
  const specs = [];
  for (let z = 1; z <= shape.zones; z++)
    for (let r = 1; r <= shape.racks; r++)
      for (let k = 1; k <= shape.hostsPerRack; k++)
        specs.push(novaHost({ id: asId<HostId>(`z${z}-r${r}-h${k}`), zone: asId<ZoneId>(`z${z}`), rack: asId<RackId>(`r${r}`), vcpus: 16, memoryMb: 65_536, diskGb: 500 }));
  const nfvi = smallNfvi(specs);
  const sim = new Simulation();
  const log = new EventLog({ keepRecords: true });
  let faults: FaultManager | undefined;
  const compute = new ComputeService(sim, nfvi, policySelector(nfvi), log, new ComputeMetrics(), { onTaskEnd: (s) => faults?.onTaskEnd(s), onTerminated: (s) => faults?.onTerminated(s) }, timings);
  const alarms = new AlarmService(sim, log);
  const notifications: AlarmNotification[] = [];
  alarms.subscribe({}, (n) => notifications.push(n));
  faults = new FaultManager(sim, nfvi, compute, new HostAdministration(sim, nfvi, log), alarms, {
    detectionDelayMs: 500,
    hangDetectionDelayMs: 60_000,
    alarmClearDelayMs: 0,
    recovery: "evacuate",
    evacuation: { concurrency: 1_000, rebuildMs: () => 30_000, priorityOf: () => 0 },
    ...config,
  });
  return { sim, nfvi, compute, faults, alarms, notifications, log };
}

/** Allocates `n` single servers (boot time 0) for `tenant`, optionally in a group. */
export function allocateServers(w: FaultWorld, n: number, tenant = "t1", groupId?: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = w.compute.allocate({ tenant, flavour: SMALL_FLAVOUR, zone: undefined, groupId, name: undefined, metadata: {}, bootTimesMs: [0], measured: true });
    out.push(r.servers[0]!.no);
  }
  return out;
}
