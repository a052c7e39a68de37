/**
 * What a scenario call's handler works with: the façade, the caller, and the names the file gave to
 * resources mapped to their ids (the newest first), so later calls refer to resources by name.
 */
import type { Result } from "../../domain/index.js";
import type { Caller, Vim } from "../../vim/index.js";
import type { CallSpec } from "../resolve/operations.js";

export class CallNames {
  private readonly ids = new Map<string, string>();

  /** The id of the resource of `kind` named `name`, or a placeholder the VIM answers NOT_FOUND for. */
  id(kind: string, name: string): string {
    return this.ids.get(`${kind}/${name}`) ?? `${kind}:${name}:unknown`;
  }
  has(kind: string, name: string): boolean {
    return this.ids.has(`${kind}/${name}`);
  }
  set(kind: string, name: string, id: string): void {
    this.ids.set(`${kind}/${name}`, id);
  }
}

export interface CallContext {
  readonly vim: Vim;
  readonly caller: Caller;
  readonly names: CallNames;
  readonly defaultZone: string;
  /** The name this repetition of the call gives or acts on (with its -i suffix under `count`). */
  readonly name: string | undefined;
  /** Remembers `name` → id of a created resource when the call succeeded. */
  remember<T>(kind: string, r: Result<T>, id: (v: T) => string): Result<T>;
  /** The id of the newest live server named `computeName` the caller sees (else the one a call made). */
  serverId(computeName: string): string;
}

export type CallOf<K extends CallSpec["call"]> = Extract<CallSpec, { readonly call: K }>;
export type CallHandler<K extends CallSpec["call"]> = (ctx: CallContext, c: CallOf<K>) => Result<unknown>;
export type CallHandlers<K extends CallSpec["call"]> = { readonly [P in K]: CallHandler<P> };

/** Keeps optional fields absent rather than undefined (exactOptionalPropertyTypes). */
export const opt = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } => (value === undefined ? {} : ({ [key]: value } as { [P in K]?: V }));
