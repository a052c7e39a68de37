/**
 * Replays one demand trace (workload.traces): rows are pulled one at a time from a LineSource, so a
 * run holds one pending row per trace whatever its length. Each row is a request of one server at
 * its (windowed, scaled) time, its size mapped to a flavour; `copies` superposed copies each keep a
 * row with probability `keep`, on the named streams `trace/<id>/copy<i>` (one draw per copy per row,
 * whatever the outcome, so variants and sweep points share every draw).
 */
import { integerMsSampler, NORMAL, type RandomStreams, type Simulation } from "../../kernel/index.js";
import { InvariantViolation } from "../../domain/index.js";
import { exactFlavourId, MappingTable, sizeLabel, smallestFitting, TraceReader, type LineSource, type MappingRow, type TraceCreate, type TraceEvent } from "../../ingest/index.js";
import type { FlavourSpec, ServerRecord } from "../../vim/index.js";
import type { TraceStreamSpec } from "../resolve/traces.js";
import type { WorkloadDriver } from "./workload-driver.js";

/** What summary.json says of one replayed trace. */
/**
 * The next row of a trace checked before the run (check-traces.ts): a bad row here means a run
 * started without that check, a broken invariant rather than an input error.
 */
export function checkedRow(reader: TraceReader, display: string): { readonly event: TraceEvent; readonly line: number } | undefined {
  const step = reader.next();
  if (step !== undefined && "bad" in step) {
    throw new InvariantViolation("TRACE-CHECKED", `${display}:${step.line}: ${step.bad} (traces are checked before a run: load the scenario with its trace check)`);
  }
  return step;
}

export interface TraceReplaySummary {
  readonly file: string;
  readonly format: string;
  /** Lines read (headers and comments included; reading stops at the window's end or the horizon). */
  readonly linesRead: number;
  readonly badRowsSkipped: number;
  readonly rowsBeforeWindow: number;
  /** Rows before the window started at time 0 (aliveAtStart), deletes included. */
  readonly rowsAliveAtStart: number;
  readonly rowsOtherTenants: number;
  readonly creates: number;
  readonly deletes: number;
  /** Create rows that no copy kept (thinning). */
  readonly rowsThinnedOut: number;
  /** Create rows no flavour fits (skipped). */
  readonly rowsUnmapped: number;
  /** Requests made (one per kept copy of a row). */
  readonly requests: number;
  readonly copies: number;
  readonly keepProbability: number;
  /** Trace size → flavour, with the rows that mapped so, sorted by vCPUs, RAM, then flavour (named flavours last). */
  readonly mapping: ReadonlyArray<MappingRow>;
}

interface Pending {
  readonly replay: TraceReplay;
  event: TraceEvent;
  kept: number;
}

const NONE = "none";

export class TraceReplay {
  private readonly reader: TraceReader;
  private readonly keepStreams: ReadonlyArray<{ next(): number }>;
  private readonly drawBootMs: () => number;
  private readonly mapping = new MappingTable();
  /** Flavour and mapping-table counter by size (vcpus × 2^32 + ramMb + 1; 0 RAM unknown). */
  private readonly bySize = new Map<number, { readonly flavour: FlavourSpec | undefined; readonly counter: { rows: number } }>();
  /** Servers by trace id, for formats with delete events (Huawei): as many as are alive. */
  private readonly alive = new Map<string, ServerRecord[]>();
  private readonly pending: Pending;
  private thinned = 0;
  private unmapped = 0;
  private requests = 0;

  constructor(
    private readonly sim: Simulation,
    streams: RandomStreams,
    private readonly spec: TraceStreamSpec,
    lines: LineSource,
    private readonly flavours: ReadonlyMap<string, FlavourSpec>,
    private readonly driver: WorkloadDriver,
    private readonly horizonMs: number | undefined,
  ) {
    this.reader = new TraceReader(lines, spec);
    this.keepStreams = Array.from({ length: spec.copies }, (_, i) => streams.stream(`trace/${spec.id}/copy${i}`));
    this.drawBootMs = integerMsSampler(spec.bootTime, streams.stream(`trace/${spec.id}/boot`));
    this.pending = { replay: this, event: undefined as unknown as TraceEvent, kept: 0 };
  }

  /** Schedules the first row. */
  start(): void {
    this.pull();
  }

  /** Reads rows until one is due (kept by some copy), and schedules it; nothing when the trace is done. */
  private pull(): void {
    for (;;) {
      const step = checkedRow(this.reader, this.spec.display);
      if (step === undefined) return;
      // A row alive at the window's start (aliveAtStart) starts at 0.
      const atMs = Math.max(0, Math.round((step.event.timeS - this.spec.fromS) * 1000 * this.spec.timeScale));
      if (this.horizonMs !== undefined && atMs >= this.horizonMs) return;
      let kept = 1;
      if (step.event.kind === "create") {
        kept = 0;
        for (const s of this.keepStreams) if (s.next() < this.spec.keep) kept++;
        if (kept === 0) {
          this.thinned++;
          continue;
        }
      }
      this.pending.event = step.event;
      this.pending.kept = kept;
      this.sim.scheduleAt(Math.max(atMs, this.sim.nowMs), TraceReplay.onRow, this.pending, NORMAL);
      return;
    }
  }

  private static onRow(_sim: Simulation, p: Pending): void {
    const replay = p.replay;
    if (replay.driver.isStopped) return;
    if (p.event.kind === "create") replay.create(p.event, p.kept);
    else replay.delete(p.event.id);
    if (!replay.driver.isStopped) replay.pull();
  }

  private create(e: TraceCreate, kept: number): void {
    const flavour = this.flavourOf(e);
    if (flavour === undefined) {
      this.unmapped++;
      return;
    }
    // What is left of the lifetime at the window's start, for a row alive then (aliveAtStart).
    const lifetimeMs = e.endS === undefined ? -1 : Math.round((e.endS - Math.max(e.timeS, this.spec.fromS)) * 1000 * this.spec.timeScale);
    for (let i = 0; i < kept && !this.driver.isStopped; i++) {
      this.requests++;
      const servers = this.driver.traceRequest(this.spec.tenant, flavour, this.spec.zone, this.drawBootMs(), lifetimeMs);
      if (this.spec.format === "huawei" && servers.length > 0) {
        const list = this.alive.get(e.id);
        if (list === undefined) this.alive.set(e.id, [...servers]);
        else list.push(...servers);
      }
    }
  }

  private delete(id: string): void {
    const servers = this.alive.get(id);
    if (servers === undefined) return;
    this.alive.delete(id);
    for (const s of servers) this.driver.terminate(s);
  }

  /** The row's flavour: named, the smallest that fits, or its exact size; counted in the mapping table. */
  private flavourOf(e: TraceCreate): FlavourSpec | undefined {
    if (e.flavour !== undefined) {
      const named = this.flavours.get(e.flavour);
      this.mapping.add(`flavour ${e.flavour}`, named === undefined ? NONE : named.id);
      return named;
    }
    const key = e.vcpus * 4_294_967_296 + (e.ramMb === undefined ? 0 : e.ramMb + 1);
    let entry = this.bySize.get(key);
    if (entry === undefined) {
      const flavour = this.sizeFlavour(e.vcpus, e.ramMb);
      entry = { flavour, counter: this.mapping.counter(sizeLabel(e.vcpus, e.ramMb), flavour?.id ?? NONE, e.vcpus, e.ramMb ?? -1) };
      this.bySize.set(key, entry);
    }
    entry.counter.rows++;
    return entry.flavour;
  }

  private sizeFlavour(vcpus: number, ramMb: number | undefined): FlavourSpec | undefined {
    if (this.spec.sizeMapping === "exactSize") {
      return { id: exactFlavourId(vcpus, ramMb), amounts: { VCPU: vcpus, PCPU: 0, MEMORY_MB: ramMb ?? 0, DISK_GB: 0 }, requiredMetadata: {} };
    }
    const fit = smallestFitting(this.spec.flavours, vcpus, ramMb);
    return fit === undefined ? undefined : this.flavours.get(fit.id);
  }

  /** The replay's figures for summary.json. */
  summary(): TraceReplaySummary {
    const c = this.reader.counts;
    return {
      file: this.spec.display, format: this.spec.format, linesRead: c.lines, badRowsSkipped: c.badRows, rowsBeforeWindow: c.beforeWindow, rowsAliveAtStart: c.aliveAtStart, rowsOtherTenants: c.otherTenants,
      creates: c.creates, deletes: c.deletes, rowsThinnedOut: this.thinned, rowsUnmapped: this.unmapped, requests: this.requests, copies: this.spec.copies,
      keepProbability: this.spec.keep, mapping: this.mapping.rows(),
    };
  }
}
