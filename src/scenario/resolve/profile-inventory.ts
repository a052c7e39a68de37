/**
 * Placement inventories of a host profile, with the Nova/Placement 2023.1+ defaults: VCPU ratio 4.0,
 * MEMORY_MB 1.0, DISK_GB 1.0, 512 MB of memory reserved for the host, PCPU always 1.0; a single VM's
 * vCPUs never exceed the host's CPUs (max_unit = total).
 */
import type { ResourceClass } from "../../domain/index.js";
import type { HostProfile } from "../schema/model.js";
import type { ResolvedInventory } from "./resolved-model.js";

export const DEFAULT_ALLOCATION_RATIOS = { VCPU: 4.0, MEMORY_MB: 1.0, DISK_GB: 1.0 } as const;
export const DEFAULT_RESERVED_MEMORY_MB = 512;

/** Inventories per class for `profile`, or the problems that make it impossible. */
export function profileInventories(
  profile: HostProfile,
  ratioOverrides: Partial<Record<"VCPU" | "MEMORY_MB" | "DISK_GB", number>> = {},
): {
  inventories: Partial<Record<ResourceClass, ResolvedInventory>>;
  problems: Array<{ path: Array<string | number>; message: string }>;
} {
  const problems: Array<{ path: Array<string | number>; message: string }> = [];
  const cpus = profile.cpu.sockets * profile.cpu.coresPerSocket * (profile.cpu.threadsPerCore ?? 1);
  const dedicated = profile.cpu.dedicated ?? 0;
  if (dedicated > cpus) problems.push({ path: ["cpu", "dedicated"], message: `dedicated CPUs (${dedicated}) exceed the host's ${cpus} CPUs` });
  const reserved = profile.reserved ?? {};
  const ratios = profile.allocationRatios ?? {};
  const totals: Record<ResourceClass, number> = {
    VCPU: cpus - dedicated,
    PCPU: dedicated,
    MEMORY_MB: profile.memoryMb,
    DISK_GB: profile.diskGb,
  };
  const inventories: Partial<Record<ResourceClass, ResolvedInventory>> = {};
  for (const rc of ["VCPU", "PCPU", "MEMORY_MB", "DISK_GB"] as const) {
    const total = totals[rc];
    const res = reserved[rc] ?? (rc === "MEMORY_MB" ? Math.min(DEFAULT_RESERVED_MEMORY_MB, total) : 0);
    if (res > total) {
      problems.push({ path: ["reserved", rc], message: `reserved ${rc} (${res}) is greater than the total (${total})` });
      continue;
    }
    if (total <= 0) continue; // no inventory of this class: capacity 0, as Placement reports nothing
    const ratio = rc === "PCPU" ? 1.0 : (ratioOverrides[rc] ?? ratios[rc] ?? DEFAULT_ALLOCATION_RATIOS[rc]);
    inventories[rc] = { total, reserved: res, allocationRatio: ratio, maxUnit: total };
  }
  return { inventories, problems };
}
