/**
 * Flavours as a catalogue (IFA CreateComputeFlavour / QueryComputeFlavour / DeleteComputeFlavour,
 * Nova flavors): public, not owned by a tenant. Deleting a flavour leaves the servers that use it
 * unchanged; later allocations naming it fail with NOT_FOUND (INV-D8).
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { EventLog } from "../../metrics/index.js";
import { ChangeLog, compareIds, type Clock } from "../common/change-log.js";
import type { FlavourSpec } from "../compute/flavour.js";

export interface CreateFlavourRequest {
  readonly flavourId: string;
  readonly vcpus: number;
  readonly ramMb: number;
  readonly diskGb: number;
  /** Dedicated (pinned) CPUs instead of shared vCPUs (hw:cpu_policy=dedicated). */
  readonly dedicatedCpus?: boolean;
  readonly requiredMetadata?: Readonly<Record<string, string>>;
}

const isCount = (n: number): boolean => Number.isInteger(n) && n >= 0;

export class FlavourCatalogue {
  private readonly flavours = new Map<string, FlavourSpec>();
  /** Its change records (the VIM attaches its notifier: `changes.publishTo`). */
  readonly changes: ChangeLog;

  constructor(clock: Clock, log: EventLog, initial: readonly FlavourSpec[] = []) {
    this.changes = new ChangeLog(clock, log);
    for (const f of initial) this.flavours.set(f.id, f);
  }

  /** CreateComputeFlavour: CONFLICT for a known id, INVALID_ARGUMENT for amounts that are not counts. */
  create(req: CreateFlavourRequest): Result<FlavourSpec> {
    if (this.flavours.has(req.flavourId)) return fail(domainError("CONFLICT", `flavour ${req.flavourId} already exists`));
    if (!isCount(req.vcpus) || req.vcpus === 0 || !isCount(req.ramMb) || !isCount(req.diskGb)) return fail(domainError("INVALID_ARGUMENT", `flavour ${req.flavourId}: vCPUs must be positive, RAM and disk non-negative integers`));
    const cpus = req.dedicatedCpus === true ? { VCPU: 0, PCPU: req.vcpus } : { VCPU: req.vcpus, PCPU: 0 };
    const f: FlavourSpec = { id: req.flavourId, amounts: { ...cpus, MEMORY_MB: req.ramMb, DISK_GB: req.diskGb }, requiredMetadata: { ...req.requiredMetadata } };
    this.flavours.set(f.id, f);
    this.changes.write("flavour", f.id, "create", null, () => ({ ...f }));
    return ok(f);
  }

  delete(flavourId: string): Result<void> {
    const f = this.flavours.get(flavourId);
    if (f === undefined) return fail(domainError("NOT_FOUND", `flavour ${flavourId} does not exist`));
    this.flavours.delete(flavourId);
    this.changes.write("flavour", flavourId, "delete", this.changes.snapshot(() => ({ ...f })), () => null);
    return ok(undefined);
  }

  flavour(id: string): FlavourSpec | undefined {
    return this.flavours.get(id);
  }

  /** Flavours by id. */
  list(): FlavourSpec[] {
    return [...this.flavours.values()].sort((a, b) => compareIds(a.id, b.id));
  }
}
