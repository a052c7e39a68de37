/**
 * How the scenario room reads files without touching the file system itself: the CLI provides a
 * reader over node:fs, tests provide one over an in-memory map.
 */
import { decodeUtf8Text } from "./utf8-text.js";

export interface SourceReader {
  /** The text of `path`, or a one-line reason it cannot be read (`at` when the reason is a place in it). */
  read(path: string): SourceRead;
  /** `relative` resolved against the folder of `fromFile`. */
  resolve(fromFile: string, relative: string): string;
  /** A path as shown in messages (relative to the working directory where possible). */
  display(path: string): string;
}

/** A file's text, or why it has none: an I/O reason, or bytes that are not text at `at`. */
export type SourceRead = { ok: true; text: string } | { ok: false; message: string; at?: { line: number; column: number } };

/** What a reader returns for a file's bytes: their UTF-8 text, or the first bad byte's place. */
export function sourceText(bytes: Uint8Array): SourceRead {
  const decoded = decodeUtf8Text(bytes);
  return decoded.ok ? decoded : { ok: false, message: decoded.message, at: { line: decoded.line, column: decoded.column } };
}

/** A reader over an in-memory map of path → text (or raw bytes), with POSIX-style relative resolution. */
export function memoryReader(files: Readonly<Record<string, string | Uint8Array>>): SourceReader {
  return {
    read: (path) => {
      const file = files[path];
      if (file === undefined) return { ok: false, message: "no such file" };
      return typeof file === "string" ? { ok: true, text: file } : sourceText(file);
    },
    resolve: (fromFile, relative) => {
      if (relative.startsWith("/")) return relative;
      const parts = fromFile.split("/").slice(0, -1);
      for (const segment of relative.split("/")) {
        if (segment === "..") parts.pop();
        else if (segment !== "." && segment !== "") parts.push(segment);
      }
      return parts.join("/");
    },
    display: (path) => path,
  };
}
