/**
 * Drives `operations.calls`: each call is made through the VIM's typed façade as the named user, so
 * roles, tenants and pools decide its outcome exactly as for a library caller. Outcomes (accepted, or
 * the error kind: FORBIDDEN, EXHAUSTED, CONFLICT, MALFORMED, NOT_FOUND, WRONG_STATE, ...) are counted
 * per call; an expected refusal never stops the run. Names given in the file map to the created
 * resources' ids (call-context.ts); each call kind has one handler (call-resources.ts, call-compute.ts).
 */
import type { Result } from "../../domain/index.js";
import { NORMAL, type Simulation } from "../../kernel/index.js";
import type { ComputeMetrics, EventLog } from "../../metrics/index.js";
import type { Caller, Vim } from "../../vim/index.js";
import type { CallSpec } from "../resolve/operations.js";
import { COMPUTE_HANDLERS } from "./call-compute.js";
import { CallNames, type CallContext, type CallHandler } from "./call-context.js";
import { RESOURCE_HANDLERS } from "./call-resources.js";
import { RESERVATION_HANDLERS } from "./call-reservations.js";
import { recordRefusal } from "./refusals.js";

const HANDLERS = { ...RESOURCE_HANDLERS, ...COMPUTE_HANDLERS, ...RESERVATION_HANDLERS } satisfies { readonly [K in CallSpec["call"]]: CallHandler<K> };

export class CallDriver {
  private readonly names = new CallNames();

  constructor(
    private readonly sim: Simulation,
    private readonly vim: Vim,
    private readonly metrics: ComputeMetrics,
    private readonly calls: ReadonlyArray<CallSpec>,
    private readonly defaultZone: string,
    private readonly log: EventLog,
  ) {}

  start(): void {
    for (const c of this.calls) this.sim.scheduleAt(c.atMs, (_sim, call: CallSpec) => this.make(call), c, NORMAL);
  }

  /** Makes a call `count` times; each repetition's outcome is counted on its own. */
  private make(c: CallSpec): void {
    const n = c.count ?? 1;
    for (let i = 1; i <= n; i++) {
      const name = c.name === undefined ? undefined : n > 1 ? `${c.name}-${i}` : c.name;
      const r = this.once(c, name);
      this.metrics.onActionOutcome(c.call, r.ok ? "accepted" : r.error.kind);
      if (!r.ok) recordRefusal(this.log, this.sim.nowMs, name ?? ("computeName" in c ? c.computeName : c.as), c.call, r.error);
    }
  }

  private once(c: CallSpec, name: string | undefined): Result<unknown> {
    const handler = HANDLERS[c.call] as CallHandler<CallSpec["call"]>;
    return handler(this.context({ userId: c.as }, name), c as never);
  }

  private context(caller: Caller, name: string | undefined): CallContext {
    const { vim, names } = this;
    return {
      vim,
      caller,
      names,
      name,
      defaultZone: this.defaultZone,
      remember: (kind, r, id) => {
        if (r.ok && name !== undefined) names.set(kind, name, id(r.value));
        return r;
      },
      serverId: (computeName) => {
        const named = vim.compute.query(caller, { name: computeName });
        const newest = named.ok ? named.value[named.value.length - 1] : undefined;
        const id = newest?.["computeId"];
        return typeof id === "string" ? id : names.id("server", computeName);
      },
    };
  }
}
