/**
 * Deployments whose pods come from a container trace (`clusters.definitions[].deployments[].trace`):
 * Alibaba 2018 container_meta.csv, the first row of each container one pod with that row's requests
 * (cpu_request / 100 cores, mem_size % of machineRamGb), arriving at the cluster's creation + trace
 * time × timeScale. The file is opened later, as workload.traces' are (checked before any run).
 */
import { DEFAULT_MACHINE_RAM_GB } from "../../ingest/index.js";
import type { DistributionSpec } from "../../kernel/index.js";
import type { InputIssue } from "../load/input-issue.js";
import type { Clusters } from "../schema/clusters.js";
import { toDistributionSpec } from "./distribution.js";
import type { TraceFileSpec } from "./traces.js";

type Path = Array<string | number>;
type Deployment = NonNullable<Clusters["definitions"][number]["deployments"]>[number];

/** One trace-driven deployment's pods: the trace as read, the time scale, and their lifetime (undefined: to the end). */
export interface PodTraceSpec extends TraceFileSpec {
  readonly deployment: string;
  readonly timeScale: number;
  readonly lifetime: DistributionSpec | undefined;
}

/** The trace-driven deployments of one cluster definition; problems reported at their fields. */
export function resolvePodTraces(
  deployments: ReadonlyArray<Deployment>,
  base: Path,
  at: (path: Path) => Omit<InputIssue, "message" | "severity">,
  report: (path: Path, message: string) => void,
): PodTraceSpec[] {
  return deployments.flatMap((dep, i) => {
    const path = [...base, "deployments", i];
    const t = dep.trace;
    if (t === undefined) return [];
    if (dep.arrivals !== undefined) report([...path, "arrivals"], "a deployment has a trace or arrivals, not both");
    if (dep.replicas !== undefined) report([...path, "replicas"], "a deployment has a trace or replicas, not both");
    return [
      {
        deployment: dep.name, file: t.file, display: t.file, at: at([...path, "trace", "file"]), format: t.format, machineRamGb: t.machineRamGb ?? DEFAULT_MACHINE_RAM_GB, machine: undefined,
        fromS: 0, toS: undefined, aliveAtStart: false, tenants: t.appDu === undefined ? undefined : [t.appDu], skipBadRows: false, timeScale: t.timeScale ?? 1,
        lifetime: dep.lifetime === undefined ? undefined : toDistributionSpec(dep.lifetime),
      },
    ];
  });
}
