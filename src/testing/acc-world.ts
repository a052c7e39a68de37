/**
 * A tiny accelerated cloud for tests: hosts with FPGAs (two images), GPUs (mediated devices) and
 * SmartNICs (VFs), a compute service with the accelerator port, and the IFA 019 service.
 */
import { asId, type DeviceProfile, type HostId, type RackId, type ZoneId } from "../domain/index.js";
import { Simulation } from "../kernel/index.js";
import { ComputeMetrics, EventLog } from "../metrics/index.js";
import { createNfviState, novaHost, type AcceleratorSpec, type AccImageSpec, type NfviState } from "../nfvi/index.js";
import { makeSelector } from "../scenario/index.js";
import { checkAccelerationInvariants } from "../vim/acceleration/acc-invariants.js";
import { AccelerationService, ComputeService, ReservationRouting, ReservationService, ServerAccelerators, type FlavourSpec } from "../vim/index.js";

export const ACC_IMAGES: readonly AccImageSpec[] = [
  { id: "ipsec-v1", type: "FPGA", functions: ["crypto"], onloadTimeMs: 30_000 },
  { id: "fec-v2", type: "FPGA", functions: ["fec"], onloadTimeMs: 45_000 },
];

const fpga = (name: string, imageId: string, numaNode: number): AcceleratorSpec => ({ name, type: "FPGA", vendor: "intel", model: "n3000", functions: [], handles: 1, handleType: "PCI", imageId, numaNode });
const gpu = (name: string): AcceleratorSpec => ({ name, type: "GPU", vendor: "nvidia", model: "a16", functions: ["render", "inference"], handles: 4, handleType: "MDEV", numaNode: 0 });
const nic = (name: string): AcceleratorSpec => ({ name, type: "NIC", vendor: "mellanox", model: "cx6", functions: ["ovs-offload"], handles: 8, handleType: "VF", numaNode: 1 });

export const PROFILES: Readonly<Record<string, DeviceProfile>> = {
  ipsec: { name: "ipsec", groups: [{ type: "FPGA", function: "crypto", count: 1 }] },
  fec: { name: "fec", groups: [{ type: "FPGA", imageId: "fec-v2", count: 1 }] },
  gpu2: { name: "gpu2", groups: [{ type: "GPU", count: 2 }] },
  mixed: { name: "mixed", groups: [{ type: "GPU", function: "inference", count: 1 }, { type: "NIC", count: 2 }] },
};

export interface AccWorld {
  readonly sim: Simulation;
  readonly nfvi: NfviState;
  readonly compute: ComputeService;
  readonly acc: AccelerationService;
  readonly log: EventLog;
  /** Flavours by profile name ("none" has no device profile). */
  readonly flavours: Readonly<Record<string, FlavourSpec>>;
  /** Reservation management, when asked for (the selector then routes bound requests through it). */
  readonly reservations?: ReservationService;
}

/** `hosts` hosts: even ones with two FPGAs and a GPU, odd ones with a GPU and a SmartNIC. */
export function accWorld(hosts = 4, options: { keepRecords?: boolean; bootTimeMs?: number; reservations?: boolean } = {}): AccWorld {
  const specs = Array.from({ length: hosts }, (_, i) =>
    ({
      ...novaHost({ id: asId<HostId>(`h${String(i).padStart(2, "0")}`), zone: asId<ZoneId>(i < hosts / 2 ? "az1" : "az2"), rack: asId<RackId>("r1"), vcpus: 16, memoryMb: 65536, diskGb: 1000 }),
      accelerators: i % 2 === 0 ? [fpga("fpga0", "ipsec-v1", 0), fpga("fpga1", "fec-v2", 1), gpu("gpu0")] : [gpu("gpu0"), nic("nic0")],
    }),
  );
  const built = createNfviState(specs, [], { accImages: ACC_IMAGES });
  if (!built.ok) throw new Error(built.error.message);
  const nfvi = built.value;
  const sim = new Simulation();
  const log = new EventLog({ keepRecords: options.keepRecords ?? true });
  const routing = options.reservations === true ? new ReservationRouting(nfvi) : undefined;
  const select = makeSelector("spread", nfvi);
  const compute = new ComputeService(sim, nfvi, routing?.wrap(select) ?? select, log, new ComputeMetrics(), {});
  const acc = new AccelerationService(sim, nfvi.accelerators!, (h) => nfvi.hostId(h), log);
  compute.useAccelerators(new ServerAccelerators(acc));
  const amounts = { VCPU: 2, PCPU: 0, MEMORY_MB: 4096, DISK_GB: 20 };
  const flavour = (p?: DeviceProfile): FlavourSpec => ({ id: p === undefined ? "m1" : `m1.${p.name}`, amounts, requiredMetadata: {}, ...(p === undefined ? {} : { deviceProfile: p }) });
  const flavours: Record<string, FlavourSpec> = { none: flavour() };
  for (const p of Object.values(PROFILES)) flavours[p.name] = flavour(p);
  const reservations = routing === undefined ? undefined : new ReservationService(sim, nfvi, compute, routing, log, compute.notifier);
  return { sim, nfvi, compute, acc, log, flavours, ...(reservations === undefined ? {} : { reservations }) };
}

/** An Allocate request of `count` servers of `flavour` for `tenant`, each booting in 10 ms. */
export const accRequest = (tenant: string, flavour: FlavourSpec, count = 1) => ({ tenant, flavour, zone: undefined, groupId: undefined, name: undefined, metadata: {}, bootTimesMs: Array.from({ length: count }, () => 10), measured: true });

/** Free GPU handles over every host. */
export function freeGpuHandles(w: AccWorld): number {
  let n = 0;
  for (let h = 0; h < w.nfvi.hostCount; h++) n += w.nfvi.accelerators!.freeOfType(h, "GPU");
  return n;
}

/** The first broken rule of held handles (INV-F7) or of the accelerator tables, null when sound. */
export function accHoldProblem(w: AccWorld): string | null {
  return w.reservations!.accHoldProblem() ?? checkAccelerationInvariants(w.acc, new Map(w.compute.query().map((s) => [s.id, s] as const)));
}
