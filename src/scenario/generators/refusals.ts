/**
 * A scenario action or call the VIM refused is a record of the event log too (entity "refusal", op
 * `<operation>:<error kind>`), so a trace shows what was asked and why it was not done; the refusal
 * changed nothing, so it carries no before state.
 */
import type { DomainError } from "../../domain/index.js";
import type { EventLog } from "../../metrics/index.js";

export function recordRefusal(log: EventLog, timeMs: number, target: string, operation: string, error: DomainError): void {
  const op = `${operation}:${error.kind}`;
  if (log.wantsContent) log.append(timeMs, "refusal", target, op, null, { kind: error.kind, message: error.message });
  else log.skip(timeMs, "refusal", target, op);
}
