/** fileLines reads a file in 64 KiB chunks: lines, CRLF and multi-byte characters split across chunk ends come back whole. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fileLines } from "./file-lines.js";

const dir = mkdtempSync(join(tmpdir(), "nfvtwin-file-lines-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function readAll(text: string): string[] {
  const path = join(dir, "t.csv");
  writeFileSync(path, text);
  const lines = fileLines(path);
  if ("error" in lines) throw new Error(lines.error);
  const out: string[] = [];
  for (let l = lines.next(); l !== undefined; l = lines.next()) out.push(l);
  lines.close();
  return out;
}

describe("fileLines", () => {
  it("gives every line whole across chunk ends (CRLF, 3-byte characters, no final newline)", () => {
    // Lines of 7 characters ("€" is 3 bytes in UTF-8) so that chunk ends fall inside characters and CRLFs.
    const want = Array.from({ length: 40_000 }, (_, i) => `${String(i % 1000).padStart(3, "0")},€${i % 2 === 0 ? "" : "x"}`);
    expect(readAll(`${want.join("\r\n")}`)).toEqual(want);
    expect(readAll(`${want.join("\n")}\n`)).toEqual(want);
  });

  it("reads an empty file as no line, and says why a path cannot be opened", () => {
    expect(readAll("")).toEqual([]);
    expect(fileLines(join(dir, "none.csv"))).toEqual({ error: "no such file" });
    expect(fileLines(dir)).toEqual({ error: "is a directory" });
  });
});
