/**
 * nfvtwin as a dependency (issue 16 item 17): the tarball `npm pack` makes is installed into a scratch
 * project, where a script imports `{ loadScenario, runScenario, Vim }` from "nfvtwin" and runs a
 * scenario, tsc type-checks a TypeScript consumer against the installed declarations, and the CLI
 * answers as the package's bin; the examples of docs/library.md run there as written.
 *
 * "Installed" without the network: the tarball is unpacked into node_modules/nfvtwin (what npm
 * install does with it) and the package's dependencies are linked from this repository's
 * node_modules. `npm install --offline` would need the registry's metadata of every dependency in
 * npm's cache, which a fresh CI machine or a lock-file install does not always hold.
 *
 * The tarball is packed from dist/ as it is (`--ignore-scripts`): CI's `npm ci` has just built it
 * (`prepare`); when any source is newer than dist, the test builds first (about 20 s).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TINY_MODEL, TINY_SCENARIO } from "../testing/fixtures.js";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const HERE = dirname(fileURLToPath(import.meta.url));

/** Newest modification time (ms) of the files under `dir` that the build reads (tests and testing/ excluded). */
function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== "testing") newest = Math.max(newest, newestSourceMs(path));
    else if (entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/ unless both its library declarations and its CLI bundle are newer than every input of the build. */
function ensureBuilt(): void {
  const outputs = ["dist/src/lib/index.d.ts", "dist/cli/main.js"].map((p) => join(REPO, p));
  const inputs = ["package.json", "tsconfig.json", "tsconfig.build.json"].map((p) => statSync(join(REPO, p)).mtimeMs);
  const newestInput = Math.max(newestSourceMs(join(REPO, "src")), ...inputs);
  if (outputs.every((p) => existsSync(p) && statSync(p).mtimeMs >= newestInput)) return;
  execFileSync("npm", ["run", "build"], { cwd: REPO, stdio: "pipe" });
}

describe("nfvtwin installed from its packed tarball", () => {
  let scratch = "";
  let packed: string[] = [];
  /** `node ARGS` in the scratch project: exit status and what it printed. */
  const node = (args: string[]) => {
    const r = spawnSync(process.execPath, args, { cwd: scratch, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  beforeAll(() => {
    ensureBuilt();
    scratch = mkdtempSync(join(tmpdir(), "nfvtwin-package-"));
    const [info] = JSON.parse(execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", scratch], { cwd: REPO, encoding: "utf8" })) as Array<{ filename: string; files: Array<{ path: string }> }>;
    packed = info!.files.map((f) => f.path).sort();
    const installed = join(scratch, "node_modules/nfvtwin");
    mkdirSync(installed, { recursive: true });
    execFileSync("tar", ["xzf", join(scratch, info!.filename), "-C", installed, "--strip-components=1"]);
    const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    for (const dep of Object.keys(manifest.dependencies)) symlinkSync(join(REPO, "node_modules", dep), join(scratch, "node_modules", dep), "dir");
    writeFileSync(join(scratch, "package.json"), JSON.stringify({ name: "scratch", private: true, type: "module" }));
    writeFileSync(join(scratch, "model.yaml"), TINY_MODEL);
    writeFileSync(join(scratch, "scenario.yaml"), TINY_SCENARIO.replace("horizon: 6h", "horizon: 1h").replace("trace: true", "trace: false"));
    for (const file of ["use-library.mjs", "consumer.mts"]) copyFileSync(join(HERE, "consumer", file), join(scratch, file));
    // A stale dist is built first: a minute and more on a busy 2-core machine.
  }, 300_000);
  afterAll(() => {
    if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
  });

  it("carries the library with its declarations, the CLI bundle, the docs, models and scenarios; no sources, tests or testing/", () => {
    for (const file of ["package.json", "README.md", "docs/library.md", "dist/cli/main.js", "dist/src/lib/index.js", "dist/src/lib/index.d.ts", "dist/src/kernel/index.d.ts", "dist/src/vim/index.d.ts", "models/lab.yaml"]) {
      expect(packed).toContain(file);
    }
    expect(packed.filter((f) => /^src\/|^dist\/src\/(testing|cli)\/|\.test\.|^dist\/bench\/|^scenarios\/regression\//.test(f))).toEqual([]);
  });

  it("imports { loadScenario, runScenario, Vim } from \"nfvtwin\": runs a scenario from a file and from text, refuses a bad one with positions, drives a VIM; importing prints nothing", () => {
    const r = node(["use-library.mjs"]);
    expect({ status: r.status, stderr: r.stderr, lines: r.stdout.trim().split("\n").length }).toEqual({ status: 0, stderr: "", lines: 1 });
    const seen = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(seen).toMatchObject({ fileRun: { name: "tiny-run", arrivals: true }, allocated: ["web ACTIVE"], internals: "ERR_PACKAGE_PATH_NOT_EXPORTED" });
    expect(seen["textDigest"]).toBe((seen["fileRun"] as { digest: string }).digest);
    expect(seen["badIssues"]).toContain('bad.yaml:3:1: colour: unknown field "colour"');
  });

  it("type-checks a TypeScript consumer against the installed declarations", () => {
    const tsconfig = { compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", lib: ["ES2023"], strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ["consumer.mts"] };
    writeFileSync(join(scratch, "tsconfig.json"), JSON.stringify(tsconfig));
    // tsc prints its errors on stdout.
    expect(node([join(REPO, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"])).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("runs the examples of docs/library.md as written, on the scenarios and models the package carries", () => {
    for (const folder of ["scenarios", "models"]) symlinkSync(join(scratch, "node_modules/nfvtwin", folder), join(scratch, folder), "dir");
    const examples = [...readFileSync(join(REPO, "docs/library.md"), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(examples).toHaveLength(2);
    examples.forEach((code, i) => writeFileSync(join(scratch, `example-${i}.mjs`), code));
    const [run, vim] = examples.map((_, i) => node([`example-${i}.mjs`]));
    expect(run).toMatchObject({ status: 0, stderr: "" });
    expect(run!.stdout).toMatch(/^0(\.\d+)? [0-9a-f]{64}\n$/);
    expect(vim).toMatchObject({ status: 0, stderr: "" });
    expect(vim!.stdout).toContain("operation vm-1\n");
  });

  it("keeps the CLI as the package's bin", () => {
    const manifest = JSON.parse(readFileSync(join(scratch, "node_modules/nfvtwin/package.json"), "utf8")) as { bin: Record<string, string> };
    expect(node([join(scratch, "node_modules/nfvtwin", manifest.bin["nfvtwin"]!), "--version"])).toEqual({ status: 0, stdout: "nfvtwin v0.1.0\n", stderr: "" });
  });
});
