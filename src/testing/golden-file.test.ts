import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkGolden } from "./golden-file.js";

describe("checkGolden", () => {
  const work = mkdtempSync(join(tmpdir(), "nfvtwin-golden-"));
  afterEach(() => rmSync(join(work, "g.txt"), { force: true }));

  it("a missing golden fails and writes nothing", () => {
    const verdict = checkGolden(join(work, "g.txt"), "abc", false);
    expect(verdict.kind).toBe("missing");
    expect(verdict.kind === "missing" && verdict.message).toContain("npm run golden");
    expect(checkGolden(join(work, "g.txt"), "abc", false).kind).toBe("missing");
  });

  it("matches equal bytes and reports different ones with the expected text", () => {
    writeFileSync(join(work, "g.txt"), "abc");
    expect(checkGolden(join(work, "g.txt"), "abc", false)).toEqual({ kind: "match" });
    expect(checkGolden(join(work, "g.txt"), "abd", false)).toEqual({ kind: "differs", expected: "abc" });
  });

  it("writes only when updating, creating the folder", () => {
    const path = join(work, "sub", "g.txt");
    expect(checkGolden(path, "xyz", true)).toEqual({ kind: "written" });
    expect(readFileSync(path, "utf8")).toBe("xyz");
    expect(checkGolden(path, "xyz", false)).toEqual({ kind: "match" });
    rmSync(join(work, "sub"), { recursive: true });
  });
});
