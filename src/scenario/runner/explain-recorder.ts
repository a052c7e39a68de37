/**
 * Records the placement explanation of the requests a scenario (or `nfvtwin explain`) asks about:
 * taken just before the request is placed, on exactly the state the policy sees.
 */
import type { Simulation } from "../../kernel/index.js";
import type { NfviState } from "../../nfvi/index.js";
import { explain } from "../../placement/index.js";
import type { SelectionRequest } from "../../vim/index.js";
import type { RequestObserver } from "../generators/workload-driver.js";
import type { RunSpec } from "../resolve/run-spec.js";
import type { RequestExplanation } from "./run-result.js";
import { policyOf, toPlacementRequest } from "./selector.js";

export class ExplainRecorder {
  readonly explanations: RequestExplanation[] = [];
  private readonly wanted: ReadonlySet<number>;

  constructor(
    private readonly spec: RunSpec,
    private readonly nfvi: NfviState,
  ) {
    this.wanted = new Set(spec.output.explainRequests);
  }

  /** The observer the workload driver calls around each request. */
  observer(sim: Simulation, stopAfterRequest: number | undefined): RequestObserver {
    const policy = policyOf(this.spec.policy);
    let pending: Omit<RequestExplanation, "server"> | undefined;
    return {
      beforeAllocate: (requestNo: number, tenant: string, selection: SelectionRequest) => {
        if (!this.wanted.has(requestNo)) return;
        const x = explain(policy, this.nfvi, toPlacementRequest(selection), { sampleHosts: 5, topK: 5 });
        pending = {
          request: requestNo,
          timeMs: sim.nowMs,
          tenant,
          flavour: selection.flavour.id,
          chosenHost: x.chosenHost,
          outcome: x.outcome,
          filters: x.filters.map((f) => ({ ...f, removed: f.removed.map((r) => ({ ...r, sampleHosts: [...r.sampleHosts] })) })),
          candidates: x.candidates.map((c) => ({
            host: c.host,
            total: c.total,
            weighers: c.weighers.map((w) => ({ weigher: w.weigher, multiplier: w.multiplier, raw: w.raw, normalized: w.normalized })),
          })),
        };
      },
      afterAllocate: (requestNo, servers) => {
        if (pending !== undefined && pending.request === requestNo) {
          this.explanations.push({ ...pending, server: servers.map((s) => s.id).join(",") });
          pending = undefined;
        }
        if (stopAfterRequest !== undefined && requestNo >= stopAfterRequest) sim.stop();
      },
    };
  }
}
