/**
 * Records the placement explanation of the requests a scenario (or `nfvtwin explain`) asks about:
 * taken just before the request is placed, on exactly the state the policy sees.
 */
import type { Simulation } from "../../kernel/index.js";
import type { NfviState } from "../../nfvi/index.js";
import { explain, type Explanation, type Policy } from "../../placement/index.js";
import type { SelectionRequest, ServerRecord } from "../../vim/index.js";
import type { RequestObserver } from "../generators/workload-driver.js";
import type { RunSpec } from "../resolve/run-spec.js";
import type { RequestExplanation } from "./run-result.js";
import { runPolicyOf, toPlacementRequest, usesTraits } from "./selector.js";

export class ExplainRecorder {
  readonly explanations: RequestExplanation[] = [];
  private readonly wanted: ReadonlySet<number>;
  private readonly policy: Policy;
  /** The request being explained, and the explanation of its latest member decision. */
  private current: { request: number; tenant: string; timeMs: number } | undefined;
  private latest: { member: number; x: Explanation; flavour: string } | undefined;

  constructor(
    spec: RunSpec,
    private readonly nfvi: NfviState,
  ) {
    this.wanted = new Set(spec.output.explainRequests);
    this.policy = runPolicyOf(spec.policy, nfvi, usesTraits(spec.model));
  }

  /** The VIM hook: explains each member decision of a wanted request on the state it is taken on. */
  readonly beforeSelect = (_server: ServerRecord, member: number, selection: SelectionRequest): void => {
    if (this.current === undefined) return;
    const x = explain(this.policy, this.nfvi, toPlacementRequest(selection), { sampleHosts: 5, topK: 5 });
    this.latest = { member, x, flavour: selection.flavour.id };
  };

  /** The observer the workload driver calls around each request. */
  observer(sim: Simulation, stopAfterRequest: number | undefined): RequestObserver {
    // Nothing to explain and no stop: no calls around each request at all.
    if (this.wanted.size === 0 && stopAfterRequest === undefined) return {};
    return {
      beforeAllocate: (requestNo, tenant) => {
        this.current = this.wanted.has(requestNo) ? { request: requestNo, tenant, timeMs: sim.nowMs } : undefined;
        this.latest = undefined;
      },
      afterAllocate: (requestNo, servers, error) => {
        if (this.current !== undefined && this.latest !== undefined) this.explanations.push(this.record(servers, error));
        this.current = undefined;
        if (stopAfterRequest !== undefined && requestNo >= stopAfterRequest) sim.stop();
      },
    };
  }

  private record(servers: ReadonlyArray<ServerRecord>, error: string | undefined): RequestExplanation {
    const { x, member, flavour } = this.latest!;
    const of = servers.length > 1 ? `member ${member} of ${servers.length}: ` : "";
    const outcome = error === undefined ? `${of}${x.outcome}` : `request rejected (NO_VALID_HOST) at ${of}${x.outcome}`;
    return {
      request: this.current!.request,
      timeMs: this.current!.timeMs,
      tenant: this.current!.tenant,
      flavour,
      server: servers.map((s) => s.id).join(","),
      chosenHost: error === undefined ? x.chosenHost : undefined,
      outcome,
      filters: x.filters.map((f) => ({ ...f, removed: f.removed.map((r) => ({ ...r, sampleHosts: [...r.sampleHosts] })) })),
      candidates: x.candidates.map((c) => ({
        host: c.host,
        total: c.total,
        weighers: c.weighers.map((w) => ({ weigher: w.weigher, multiplier: w.multiplier, raw: w.raw, normalized: w.normalized })),
      })),
    };
  }
}
