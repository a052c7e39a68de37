/**
 * `nfvtwin import openstack` at the command line: one run over the shipped recorded answers (exit 0,
 * three files), one over a bad answer (exit 2, nothing written), and in-process: a file nfvtwin did
 * not write is never replaced, a URL prints without its credentials.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { REPO_ROOT, runCliProcess } from "../testing/cli-process.js";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { readPlacementOverHttp, safeUrl, targetProblems } from "./import-openstack.js";
import { CommandFailure } from "./exit-codes.js";

const TESTDATA = join(REPO_ROOT, "src/ingest/openstack/testdata");
const folders: string[] = [];
const fresh = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "nfvtwin-import-"));
  folders.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("nfvtwin import openstack", () => {
  it("writes the model, the scenario stub and the report from recorded answers", () => {
    const work = fresh();
    const args = ["import", "openstack", "--placement-dir", join(TESTDATA, "placement"), "--nova-dir", join(TESTDATA, "nova"), "--nova-conf", join(TESTDATA, "nova.conf"), "--out-model", "models/site.yaml", "--out-scenario", "scenarios/site.yaml"];
    const first = runCliProcess(args, work);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toBe("nfvtwin: wrote models/site.yaml (5 hosts), scenarios/site.yaml (5 servers at time 0) and models/site.import.md (19 items not mapped)\n");
    expect(readdirSync(join(work, "models")).sort()).toEqual(["site.import.md", "site.yaml"]);
    // The scenario in another folder names the model relative to itself (and was checked so before writing).
    expect(readFileSync(join(work, "scenarios/site.yaml"), "utf8")).toContain("model: ../models/site.yaml");
    // Each file is the importer's own, so a re-import may replace it (and only it: see below).
    expect(targetProblems(["models/site.yaml", "scenarios/site.yaml", "models/site.import.md"].map((f) => join(work, f)))).toEqual([]);
  });

  it("refuses an answer of another microversion with exit 2, naming the file, and writes nothing", () => {
    const work = fresh();
    const answers = join(work, "answers");
    mkdirSync(answers);
    for (const f of readdirSync(join(TESTDATA, "placement"))) writeFileSync(join(answers, f), readFileSync(join(TESTDATA, "placement", f)));
    const file = join(answers, "rp-az1-cmp02-usages.json");
    writeFileSync(file, readFileSync(file, "utf8").replace('"microversion": "1.39"', '"microversion": "1.10"'));
    const r = runCliProcess(["import", "openstack", "--placement-dir", "answers", "--out-model", "out/site.yaml"], work);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('nfvtwin: answers/rp-az1-cmp02-usages.json: microversion "1.10"; nfvtwin reads Placement 1.39');
    expect(existsSync(join(work, "out"))).toBe(false);
  });

  it("never replaces a file nfvtwin import did not write", () => {
    const work = fresh();
    const mine = join(work, "model.yaml");
    writeFileSync(mine, "kind: InfrastructureModel\nname: hand-written\n");
    expect(targetProblems([mine, join(work, "absent.yaml")])).toEqual([`refusing to write ${mine}: it exists and nfvtwin import did not write it; choose another --out-model/--out-scenario or remove it`]);
    writeFileSync(mine, "# Written by nfvtwin import openstack. The infrastructure model; re-running the import replaces it.\nkind: InfrastructureModel\n");
    expect(targetProblems([mine])).toEqual([]);
    expect(targetProblems([work])).toEqual([`refusing to write ${work}: it exists and is not a file; choose another --out-model/--out-scenario or remove it`]);
  });

  it("prints a Placement URL without user, password or query", () => {
    expect(safeUrl("https://admin:s3cret@placement.example:8778/placement/?token=abc")).toBe("https://placement.example:8778/placement");
    expect(safeUrl("not a url")).toBe("(an unparsable URL)");
  });

  it("refuses a Placement answering another microversion (exit 2, the URL, never the token), and sends the token only as X-Auth-Token", async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { "Content-Type": "application/json", "OpenStack-API-Version": "placement 1.10" });
      res.end(JSON.stringify({ resource_providers: [] }));
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const failure = await readPlacementOverHttp(base, "tok-123-secret").then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(CommandFailure);
      expect((failure as CommandFailure).exitCode).toBe(2);
      expect((failure as CommandFailure).lines).toEqual([`nfvtwin: Placement at ${base}/resource_providers answered microversion "placement 1.10"; nfvtwin needs placement 1.39 (Placement 8.0, Zed, or later)`]);
      expect(seen[0]).toMatchObject({ "x-auth-token": "tok-123-secret", "openstack-api-version": "placement 1.39" });
    } finally {
      await new Promise((ok) => server.close(ok));
    }
  });
});
