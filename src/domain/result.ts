import type { DomainError } from "./errors.js";

/** The outcome of an operation that can fail in an expected way. */
export type Result<T, E = DomainError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

/** The success without a value, shared: results are read-only, and hot paths (terminate) return it per call. */
const OK_UNDEFINED: Result<undefined, never> = { ok: true, value: undefined };

export const ok = <T>(value: T): Result<T, never> => (value === undefined ? (OK_UNDEFINED as Result<T, never>) : { ok: true, value });
export const fail = <E>(error: E): Result<never, E> => ({ ok: false, error });
