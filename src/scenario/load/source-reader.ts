/**
 * How the scenario room reads files without touching the file system itself: the CLI provides a
 * reader over node:fs, tests provide one over an in-memory map.
 */
export interface SourceReader {
  /** The text of `path`, or a one-line reason it cannot be read. */
  read(path: string): { ok: true; text: string } | { ok: false; message: string };
  /** `relative` resolved against the folder of `fromFile`. */
  resolve(fromFile: string, relative: string): string;
  /** A path as shown in messages (relative to the working directory where possible). */
  display(path: string): string;
}

/** A reader over an in-memory map of path → text, with POSIX-style relative resolution. */
export function memoryReader(files: Readonly<Record<string, string>>): SourceReader {
  return {
    read: (path) => {
      const text = files[path];
      return text === undefined ? { ok: false, message: "no such file" } : { ok: true, text };
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
