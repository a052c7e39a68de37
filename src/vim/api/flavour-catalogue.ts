/**
 * Flavours as a catalogue (IFA CreateComputeFlavour / QueryComputeFlavour / DeleteComputeFlavour,
 * Nova flavors): public, not owned by a tenant. Deleting a flavour leaves the servers that use it
 * unchanged; later allocations naming it fail with NOT_FOUND (INV-D8).
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { EventLog } from "../../metrics/index.js";
import { compareIds, type ChangePublisher, type Clock } from "../common/change-log.js";
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
  private publisher: ChangePublisher | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly log: EventLog,
    initial: readonly FlavourSpec[] = [],
  ) {
    for (const f of initial) this.flavours.set(f.id, f);
  }

  /** Announces flavour changes to `publisher` as InformationChangeNotifications (the VIM's notifier). */
  publishTo(publisher: ChangePublisher): void {
    this.publisher = publisher;
  }

  /** CreateComputeFlavour: CONFLICT for a known id, INVALID_ARGUMENT for amounts that are not counts. */
  create(req: CreateFlavourRequest): Result<FlavourSpec> {
    if (this.flavours.has(req.flavourId)) return fail(domainError("CONFLICT", `flavour ${req.flavourId} already exists`));
    if (!isCount(req.vcpus) || req.vcpus === 0 || !isCount(req.ramMb) || !isCount(req.diskGb)) return fail(domainError("INVALID_ARGUMENT", `flavour ${req.flavourId}: vCPUs must be positive, RAM and disk non-negative integers`));
    const cpus = req.dedicatedCpus === true ? { VCPU: 0, PCPU: req.vcpus } : { VCPU: req.vcpus, PCPU: 0 };
    const f: FlavourSpec = { id: req.flavourId, amounts: { ...cpus, MEMORY_MB: req.ramMb, DISK_GB: req.diskGb }, requiredMetadata: { ...req.requiredMetadata } };
    this.flavours.set(f.id, f);
    this.record(f.id, "create", null, f);
    return ok(f);
  }

  delete(flavourId: string): Result<void> {
    const f = this.flavours.get(flavourId);
    if (f === undefined) return fail(domainError("NOT_FOUND", `flavour ${flavourId} does not exist`));
    this.flavours.delete(flavourId);
    this.record(flavourId, "delete", f, null);
    return ok(undefined);
  }

  /** One log record per change, and one InformationChangeNotification when someone listens. */
  private record(flavourId: string, op: "create" | "delete", before: FlavourSpec | null, after: FlavourSpec | null): void {
    const now = this.clock.nowMs;
    const listening = this.publisher?.active === true;
    const seq = this.log.wantsContent ? this.log.append(now, "flavour", flavourId, op, before === null ? null : { ...before }, after === null ? null : { ...after }) : this.log.skip(now, "flavour", flavourId, op);
    if (!listening) return;
    this.publisher!.publish({
      kind: "information",
      seq,
      timeMs: now,
      changeId: `info-${seq}`,
      virtualisedResourceId: flavourId,
      resourceTypeId: flavourId,
      tenantId: undefined,
      changeType: op === "create" ? "ADDITION" : "REMOVAL",
      changedResourceData: { ...(after ?? before) },
    });
  }

  flavour(id: string): FlavourSpec | undefined {
    return this.flavours.get(id);
  }

  /** Flavours by id. */
  list(): FlavourSpec[] {
    return [...this.flavours.values()].sort((a, b) => compareIds(a.id, b.id));
  }
}
