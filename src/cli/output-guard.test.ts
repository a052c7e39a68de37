/**
 * The checks before anything runs: a folder nfvtwin did not write, an --out that is a file or not
 * writable, a name the file system refuses: exit 2 naming the folder and why, nothing run, nothing
 * written (through the handlers in this process).
 */
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exitOf } from "../testing/handler-exit.js";
import { afterAll, describe, expect, it } from "vitest";
import { TINY_MODEL, TINY_SCENARIO } from "../testing/fixtures.js";
import { runHandler, schemaHandler } from "./handlers.js";
import { refuseSchemaTargets, reportFolderProblem } from "./output-guard.js";
import { writeOutputDir } from "./write-output.js";

const work = mkdtempSync(join(tmpdir(), "nfvtwin-guard-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const at = (path: string) => join(work, path);
writeFileSync(at("model.yaml"), TINY_MODEL);
writeFileSync(at("etc.yaml"), TINY_SCENARIO.replace("name: tiny-run", "name: etc").replace("horizon: 6h", "horizon: 1h").replace("trace: true", "trace: false"));

const run = (out: string) => exitOf(runHandler({ scenarios: [at("etc.yaml")], out: at(out), seed: undefined, quiet: true, trace: false, replications: undefined, workers: 1, shard: undefined }));

describe("run --out refuses before running", () => {
  it("a folder of the scenario's name holding user files: exit 2, the files kept, nothing written", async () => {
    mkdirSync(at("root/etc"), { recursive: true });
    writeFileSync(at("root/etc/passwd"), "root:x:0:0\n");
    writeFileSync(at("root/etc/hosts"), "127.0.0.1 localhost\n");
    const r = await run("root");
    expect(r).toEqual({ code: 2, stderr: `nfvtwin: refusing to write ${at("root/etc")}: it exists and is not an nfvtwin report folder (holds hosts, passwd); choose another --out or remove it` });
    expect(readdirSync(at("root")).sort()).toEqual(["etc"]);
    writeFileSync(at("root/etc/report.md"), "# an nfvtwin report from before the manifest\n");
    expect((await run("root")).stderr).toMatch(/holds hosts, passwd, report\.md\); if an nfvtwin older than nfvtwin-report\.json wrote it, remove it once; choose another --out or remove it$/);
    rmSync(at("root/etc/report.md"));
    expect(readdirSync(at("root/etc")).sort()).toEqual(["hosts", "passwd"]);
  });

  it("a user file of the scenario's name, and an --out that is a file: exit 2, nothing written", async () => {
    mkdirSync(at("files"));
    writeFileSync(at("files/etc"), "mine\n");
    expect((await run("files")).stderr).toBe(`nfvtwin: refusing to write ${at("files/etc")}: it is a file, not a report folder; choose another --out or remove it`);
    expect((await run("files/etc")).stderr).toBe(`nfvtwin: cannot write ${at("files/etc/etc")}: ${at("files/etc")} is a file, not a folder; choose another --out`);
    expect((await run("files/etc/below")).stderr).toMatch(/is a file, not a folder; choose another --out$/);
    expect(readdirSync(at("files"))).toEqual(["etc"]);
    expect(readFileSync(at("files/etc"), "utf8")).toBe("mine\n");
  });

  // (Replacing its own report is what every second run does: cli.test.ts and cli-crash.test.ts.)
  it("refuses its own report once a file in it is edited or a user file is dropped in", async () => {
    writeOutputDir(at("own/etc"), new Map([["report.md", "# etc\n"], ["summary.json", "{}\n"]]));
    expect(reportFolderProblem(at("own/etc"), "--out")).toBeUndefined();
    writeFileSync(at("own/etc/report.md"), "my notes\n");
    expect((await run("own")).stderr).toMatch(/own\/etc: its report\.md was changed since nfvtwin wrote it; choose another --out or remove it$/);
    rmSync(at("own/etc/report.md"));
    writeFileSync(at("own/etc/notes.txt"), "mine\n");
    expect((await run("own")).stderr).toMatch(/own\/etc: it is an nfvtwin report folder but also holds notes\.txt, which nfvtwin did not write; /);
    expect(readFileSync(at("own/etc/notes.txt"), "utf8")).toBe("mine\n");
    writeOutputDir(at("own/other"), new Map([["report.md", "# other\n"]]));
    cpSync(at("own/other"), at("own/copied"), { recursive: true });
    expect(reportFolderProblem(at("own/copied"), "--out")).toMatch(/own\/copied: its nfvtwin-report\.json says it is the report of "other", not of "copied" \(a copied or renamed folder\); /);
  });

  it("a name the file system refuses is found before the run, and the probe leaves nothing", () => {
    const long = `s${"x".repeat(255)}`;
    expect(reportFolderProblem(at(`deep/er/${long}`), "--out")).toMatch(/: the name is too long for the file system \(ENAMETOOLONG/);
    expect(existsSync(at("deep"))).toBe(false);
    expect(reportFolderProblem(at(`deep/er/s${"x".repeat(250)}`), "--out")).toBeUndefined();
    expect(existsSync(at("deep"))).toBe(false);
  });

  // Root may write anywhere, so a read-only folder refuses only other users.
  it.skipIf(process.getuid?.() === 0)("a read-only --out is refused before the run", () => {
    mkdirSync(at("ro"));
    chmodSync(at("ro"), 0o555);
    try {
      expect(reportFolderProblem(at("ro/etc"), "--out")).toMatch(/: permission denied \(EACCES/);
    } finally {
      chmodSync(at("ro"), 0o755);
    }
  });
});

describe("schema --out", () => {
  const schema = (out: string) => exitOf(schemaHandler({ which: undefined, out: at(out) }));

  it("writes, rewrites its own schemas, and refuses to overwrite a user file of the same name", async () => {
    expect((await schema("schemas")).code).toBe(0);
    expect(readdirSync(at("schemas")).sort()).toEqual(["model.schema.json", "scenario.schema.json"]);
    const again = (name: string) => ({ path: at(`schemas/${name}`), text: readFileSync(at(`schemas/${name}`), "utf8") });
    expect(refuseSchemaTargets([again("model.schema.json"), again("scenario.schema.json")])).toBeUndefined();
    mkdirSync(at("user-schemas"));
    writeFileSync(at("user-schemas/model.schema.json"), '{"title": "my model"}\n');
    const r = await schema("user-schemas");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`nfvtwin: refusing to write ${at("user-schemas/model.schema.json")}: it exists and is not a schema nfvtwin wrote (nfvtwin infrastructure model file); choose another --out or remove it`);
    expect(readdirSync(at("user-schemas"))).toEqual(["model.schema.json"]);
  });
});

describe("writeOutputDir after the check", () => {
  it("still refuses a folder that became foreign between the check and the write", () => {
    mkdirSync(at("late/etc"), { recursive: true });
    writeFileSync(at("late/etc/x"), "mine\n");
    expect(() => writeOutputDir(at("late/etc"), new Map([["a", "b"]]))).toThrow(/refusing to write .*late\/etc: it exists and is not an nfvtwin report folder \(holds x\)/);
  });
});
