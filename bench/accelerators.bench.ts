/**
 * Accelerator-aware placement (issue 7 target): on 2,000 hosts with 8 accelerator devices each, the
 * churn of allocations (terminate a random server, allocate a new one) with a flavour whose device
 * profile asks for accelerator handles stays within 1.5x of the same churn with a CPU-only flavour
 * (throughput ≥ 1/1.5 of it). The CPU-only churn on the same hosts without accelerators (no
 * accelerator filter at all) is shown as the baseline of the unchanged path.
 */
import { asId, type DeviceProfile, type HostId, type RackId, type ZoneId } from "../src/domain/index.js";
import { createStream, Simulation } from "../src/kernel/index.js";
import { ComputeMetrics, EventLog } from "../src/metrics/index.js";
import { createNfviState, novaHost, type AcceleratorSpec, type AccImageSpec, type HostSpec } from "../src/nfvi/index.js";
import { makeSelector } from "../src/scenario/index.js";
import { AccelerationService, ComputeService, ServerAccelerators, type FlavourSpec } from "../src/vim/index.js";
import { median } from "./format.js";
import type { BenchContext, BenchSection, BenchTable } from "./section.js";

const HOSTS = 2_000;
const SERVERS = 12_000;
const TARGET_RATIO = 1.5;

const IMAGES: readonly AccImageSpec[] = [{ id: "ipsec", type: "FPGA", functions: ["crypto"], onloadTimeMs: 60_000 }];
const DEVICES: readonly AcceleratorSpec[] = [
  ...[0, 1, 2, 3].map((i): AcceleratorSpec => ({ name: `fpga${i}`, type: "FPGA", vendor: "intel", model: "n3000", functions: [], handles: 1, handleType: "PCI", imageId: "ipsec", numaNode: i % 2 })),
  ...[0, 1].map((i): AcceleratorSpec => ({ name: `gpu${i}`, type: "GPU", vendor: "nvidia", model: "a16", functions: ["inference"], handles: 4, handleType: "MDEV", numaNode: i })),
  ...[0, 1].map((i): AcceleratorSpec => ({ name: `nic${i}`, type: "NIC", vendor: "mellanox", model: "cx6", functions: ["ovs-offload"], handles: 8, handleType: "VF", numaNode: i })),
];
export const PROFILE: DeviceProfile = { name: "gpu-nic", groups: [{ type: "GPU", function: "inference", count: 1 }, { type: "NIC", count: 1 }] };

function hosts(withAccelerators: boolean): HostSpec[] {
  return Array.from({ length: HOSTS }, (_, i) => {
    const base = novaHost({ id: asId<HostId>(`h${String(i).padStart(4, "0")}`), zone: asId<ZoneId>(i % 2 === 0 ? "az1" : "az2"), rack: asId<RackId>(`r${Math.floor(i / 40)}`), vcpus: 64, memoryMb: 262_144, diskGb: 2_000, cpuAllocationRatio: 4 });
    return withAccelerators ? { ...base, accelerators: DEVICES } : base;
  });
}

/** Nanoseconds spent inside placement (the selector), for the placement-only rate. */
interface Timer {
  ns: bigint;
}

function world(withAccelerators: boolean, timer: Timer): ComputeService {
  const nfvi = createNfviState(hosts(withAccelerators), [], { accImages: IMAGES, shapes: [{ VCPU: 4, MEMORY_MB: 8192, DISK_GB: 40 }] });
  if (!nfvi.ok) throw new Error(nfvi.error.message);
  const sim = new Simulation();
  const log = new EventLog({ keepRecords: false });
  const select = makeSelector("spread", nfvi.value);
  const timed: typeof select = (request) => {
    const t = process.hrtime.bigint();
    const out = select(request);
    timer.ns += process.hrtime.bigint() - t;
    return out;
  };
  const compute = new ComputeService(sim, nfvi.value, timed, log, new ComputeMetrics());
  if (nfvi.value.accelerators !== undefined) compute.useAccelerators(new ServerAccelerators(new AccelerationService(sim, nfvi.value.accelerators, (h) => nfvi.value.hostId(h), log)));
  return compute;
}

const flavour = (profile: DeviceProfile | undefined): FlavourSpec => ({ id: profile === undefined ? "c4" : "c4.acc", amounts: { VCPU: 4, PCPU: 0, MEMORY_MB: 8192, DISK_GB: 40 }, requiredMetadata: {}, ...(profile === undefined ? {} : { deviceProfile: profile }) });

/**
 * Populates SERVERS servers, then times `churn` terminate+allocate pairs: allocations per second of
 * the whole VIM path (claims, ARQ life cycle, log records) and placement decisions per second of the
 * time spent in placement alone.
 */
export function measure(withAccelerators: boolean, profile: DeviceProfile | undefined, churn: number): { churn: number; placement: number } {
  const timer: Timer = { ns: 0n };
  const compute = world(withAccelerators, timer);
  const f = flavour(profile);
  const allocate = () => compute.allocate({ tenant: "t", flavour: f, zone: undefined, groupId: undefined, name: undefined, metadata: {}, bootTimesMs: [0], measured: true });
  for (let i = 0; i < SERVERS; i++) {
    const r = allocate();
    if (r.error !== undefined) throw new Error(`populating failed at ${i}: ${r.error}`);
  }
  const u = createStream(11, "bench/accelerators");
  timer.ns = 0n;
  const started = process.hrtime.bigint();
  for (let i = 0; i < churn; i++) {
    const s = compute.liveServerAt(Math.floor(u.next() * compute.liveServerCount))!;
    compute.terminate(s.no);
    if (allocate().error !== undefined) throw new Error("churn allocation failed");
  }
  return { churn: churn / (Number(process.hrtime.bigint() - started) / 1e9), placement: churn / (Number(timer.ns) / 1e9) };
}

export const acceleratorsSection: BenchSection = {
  name: "accelerators",
  title: `Accelerator-aware placement: ${HOSTS.toLocaleString("en")} hosts × ${DEVICES.length} devices, ${SERVERS.toLocaleString("en")} servers, terminate+allocate churn`,
  async run(context: BenchContext): Promise<BenchTable> {
    const churn = context.quick ? 20_000 : 100_000;
    const reps = context.quick ? 1 : 3;
    const rate = (withAcc: boolean, profile: DeviceProfile | undefined) => {
      const runs = Array.from({ length: reps }, () => measure(withAcc, profile, churn));
      return { churn: median(runs.map((r) => r.churn)), placement: median(runs.map((r) => r.placement)) };
    };
    const bare = rate(false, undefined);
    const cpuOnly = rate(true, undefined);
    const accel = rate(true, PROFILE);
    const fmt = (x: number): string => `${Math.round(x).toLocaleString("en")}/s`;
    const placementRatio = cpuOnly.placement / accel.placement;
    const churnRatio = cpuOnly.churn / accel.churn;
    return {
      columns: ["what", "placement decisions per second (median)", "terminate+allocate per second (median)"],
      rows: [
        ["CPU-only flavour, hosts without accelerators (no accelerator filter)", fmt(bare.placement), fmt(bare.churn)],
        ["CPU-only flavour, hosts with accelerators (filter passes at once)", fmt(cpuOnly.placement), fmt(cpuOnly.churn)],
        [`device profile ${PROFILE.name} (1 GPU mdev + 1 NIC VF), bound with the claim`, fmt(accel.placement), fmt(accel.churn)],
      ],
      notes: [
        `${churn.toLocaleString("en")} terminate+allocate pairs per run, median of ${reps}; populating is not timed; placement = time inside the selector only`,
        `accelerator-aware placement vs CPU-only placement: ${placementRatio.toFixed(2)}x slower (target ≤ ${TARGET_RATIO}x): ${placementRatio <= TARGET_RATIO ? "met" : "NOT MET"}`,
        `whole VIM path (two ARQs per server: create, bind, bound, delete, each a log record): ${churnRatio.toFixed(2)}x slower (no target)`,
      ],
    };
  },
};
