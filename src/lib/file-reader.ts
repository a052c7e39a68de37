/**
 * The scenario room's SourceReader over the real file system: the CLI's, and the library's for
 * loadScenario(path). The two edges (cli/ and lib/) are the only rooms with node:fs.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { sourceText, type SourceReader } from "../scenario/index.js";

/** Reads UTF-8 files strictly (a bad byte is an issue at its place); paths are shown relative to `cwd` so messages and reports stay machine-independent. */
export function nodeReader(cwd: string): SourceReader {
  return {
    read: (path) => {
      try {
        if (statSync(path).isDirectory()) return { ok: false, message: "is a directory" };
        return sourceText(readFileSync(path));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        return { ok: false, message: code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : String(code ?? e) };
      }
    },
    resolve: (fromFile, rel) => (isAbsolute(rel) ? rel : resolve(dirname(fromFile), rel)),
    display: (path) => {
      const r = relative(cwd, resolve(cwd, path));
      return r.startsWith("..") || isAbsolute(r) ? path : r;
    },
  };
}
