/**
 * How a trace reaches the simulation without being loaded whole: a synchronous source of lines that
 * the edges (cli/, lib/) implement over a file in chunks, and tests over a string. A run pulls one
 * row at a time, so memory stays flat in the trace's length.
 */
import type { TraceFormatName } from "./trace-event.js";

/** Lines of a text, in order, without their line ends ("\n" or "\r\n"). */
export interface LineSource {
  /** The next line, or undefined at the end. */
  next(): string | undefined;
  /** Releases the file (idempotent). */
  close(): void;
}

/**
 * Opens a trace by path: its lines, or a one-line reason it cannot be opened ("no such file"). The
 * format says how: a SQLite trace (azure-packing) is opened as a database whose rows become lines.
 */
export type OpenLines = (path: string, format?: TraceFormatName) => LineSource | { readonly error: string };

/** A line source over a string (tests, samples). */
export function textLineSource(text: string): LineSource {
  let at = 0;
  return {
    next: () => {
      if (at >= text.length) return undefined;
      const end = text.indexOf("\n", at);
      const stop = end < 0 ? text.length : end;
      const line = text.charCodeAt(stop - 1) === 13 ? text.slice(at, stop - 1) : text.slice(at, stop);
      at = stop + 1;
      return line;
    },
    close: () => {
      at = text.length;
    },
  };
}

/** An opener over an in-memory map of path → text (tests). */
export const memoryLines =
  (files: Readonly<Record<string, string>>): OpenLines =>
  (path) => {
    const text = files[path];
    return text === undefined ? { error: "no such file" } : textLineSource(text);
  };
