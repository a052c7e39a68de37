/**
 * The NO_VALID_HOST diagnosis of one request, kept up to date host by host instead of rebuilt.
 *
 * Why: while a cloud is full, every arrival is refused and each refusal needs the countable
 * diagnosis (every filter on every host, diagnosis.ts). Between two refusals only a few hosts change
 * (a departure here, a claim there), so re-running every filter on every host repeats work: on the
 * Erlang-loss scenario (1,000 hosts, about 10,000 refusals) it was 7 % of the whole run.
 *
 * How: the memo remembers, per host, the generation it was last checked at (NfviView `generation`
 * counts every change a filter can read: usage, state, enabled flag, inventory) and the first filter
 * that rejected it, with its reason; and the per-reason and per-filter counts over all hosts. A
 * diagnosis re-checks only the hosts whose generation moved and adjusts the counts. Anything else a
 * filter reads must be constant for the memo's life or named by `epoch`: the request itself
 * (ungrouped requests are immutable; a group's members change, so grouped requests must not use a
 * memo), the policy's filters, and outside state such as the accelerator pool (its version is the
 * epoch: a new epoch re-checks every host). The result equals `diagnose(policy, view, request)`
 * (a property test checks it after random changes).
 */
import type { NfviView } from "../nfvi/index.js";
import { renderDiagnosis, sortReasons, type Diagnosis } from "./diagnosis.js";
import { verdictOf } from "./pipeline.js";
import type { PlacementRequest } from "./request.js";
import type { PolicyParts } from "./types.js";

/** reasonOf values that are not reason indices: the host passed every filter / was never checked. */
const PASSED = -1;
const UNCOUNTED = -2;

export class DiagnosisMemo {
  /** Per host: the generation last checked (−1 = never) and the index of its reason in `reasonTexts` (or PASSED / UNCOUNTED). */
  private readonly checkedGeneration: Float64Array;
  private readonly reasonOf: Int32Array;
  /** Per host: the filter that rejected it (meaningful only while it has a reason). */
  private readonly filterOf: Int32Array;
  /** Distinct reason texts seen, and the number of hosts holding each. */
  private readonly reasonTexts: string[] = [];
  private readonly reasonIndex = new Map<string, number>();
  private readonly reasonCounts: number[] = [];
  /** Hosts removed by each filter (first rejection). */
  private readonly removed: number[];
  private available = 0;
  private epoch = Number.NaN;

  constructor(
    private readonly policy: PolicyParts,
    private readonly view: NfviView,
    private readonly request: PlacementRequest,
  ) {
    if (request.group !== undefined) throw new Error("DiagnosisMemo: a grouped request changes with its group; diagnose it afresh");
    const n = view.hostCount;
    this.checkedGeneration = new Float64Array(n).fill(-1);
    this.reasonOf = new Int32Array(n).fill(UNCOUNTED);
    this.filterOf = new Int32Array(n);
    this.removed = policy.filters.map(() => 0);
  }

  /** The diagnosis now; `epoch` names outside state the filters read (a change re-checks every host). */
  diagnose(epoch: number): Diagnosis {
    const { view, checkedGeneration } = this;
    if (epoch !== this.epoch) {
      this.epoch = epoch;
      checkedGeneration.fill(-1);
    }
    const n = view.hostCount;
    for (let h = 0; h < n; h++) {
      const g = view.generation(h);
      if (g !== checkedGeneration[h]) {
        checkedGeneration[h] = g;
        this.recheck(h);
      }
    }
    return this.current();
  }

  /** Moves host h from its previous verdict to its verdict now. */
  private recheck(h: number): void {
    const filters = this.policy.filters;
    let f = 0;
    let reason: string | null = null;
    for (; f < filters.length && reason === null; f++) reason = verdictOf(filters[f]!, this.request, this.view, h);
    const old = this.reasonOf[h]!;
    if (old === PASSED) this.available--;
    else if (old !== UNCOUNTED) {
      this.reasonCounts[old]!--;
      this.removed[this.filterOf[h]!]!--;
    }
    if (reason === null) {
      this.reasonOf[h] = PASSED;
      this.available++;
      return;
    }
    const r = this.indexOf(reason);
    this.reasonOf[h] = r;
    this.filterOf[h] = f - 1;
    this.reasonCounts[r]!++;
    this.removed[f - 1]!++;
  }

  private indexOf(reason: string): number {
    let r = this.reasonIndex.get(reason);
    if (r === undefined) {
      r = this.reasonTexts.length;
      this.reasonTexts.push(reason);
      this.reasonCounts.push(0);
      this.reasonIndex.set(reason, r);
    }
    return r;
  }

  /** The Diagnosis value of the counts (the same shape and order as `diagnose`). */
  private current(): Diagnosis {
    const counts = new Map<string, number>();
    for (let r = 0; r < this.reasonTexts.length; r++) {
      const c = this.reasonCounts[r]!;
      if (c > 0) counts.set(this.reasonTexts[r]!, c);
    }
    let before = this.view.hostCount;
    const trail = this.policy.filters.map((filter, i) => {
      const entry = { filter: filter.name, hostsBefore: before, hostsAfter: before - (this.removed[i] ?? 0) };
      before = entry.hostsAfter;
      return entry;
    });
    const reasons = sortReasons(counts);
    const text = renderDiagnosis(this.available, this.view.hostCount, reasons);
    return { hostCount: this.view.hostCount, available: this.available, trail, reasons, text };
  }
}
