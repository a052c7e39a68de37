/**
 * Trace files read in chunks (ingest's LineSource over node:fs): a run pulls one line at a time, so a
 * trace of millions of rows never sits in memory whole. Shared by the CLI (opened inside each
 * simulation thread from the trace's path) and the library.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import type { LineSource, OpenLines } from "../ingest/index.js";

const CHUNK_BYTES = 1 << 16;

/** Opens `path` for reading line by line, or says why it cannot ("no such file", "is a directory"). */
export const fileLines: OpenLines = (path) => {
  let fd: number;
  try {
    fd = openSync(path, "r");
    if (fstatSync(fd).isDirectory()) {
      closeSync(fd);
      return { error: "is a directory" };
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : String(code ?? e) };
  }
  return chunkedLines(fd);
};

function chunkedLines(fd: number): LineSource {
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  const decoder = new TextDecoder("utf-8");
  let open = true;
  let pending = "";
  let at = 0;
  let eof = false;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
    eof = true;
  };
  const next = (): string | undefined => {
    for (;;) {
      const end = pending.indexOf("\n", at);
      if (end >= 0) {
        const line = pending.charCodeAt(end - 1) === 13 ? pending.slice(at, end - 1) : pending.slice(at, end);
        at = end + 1;
        return line;
      }
      if (eof) {
        if (at >= pending.length) return undefined;
        const rest = pending.slice(at);
        at = pending.length;
        return rest.endsWith("\r") ? rest.slice(0, -1) : rest;
      }
      const n = open ? readSync(fd, buffer, 0, CHUNK_BYTES, null) : 0;
      pending = pending.slice(at) + (n > 0 ? decoder.decode(buffer.subarray(0, n), { stream: true }) : decoder.decode());
      at = 0;
      if (n === 0) close();
    }
  };
  return { next, close };
}
