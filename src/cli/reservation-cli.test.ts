/** Bad reservation input at the command line: exit 2, one positioned line per problem, nothing written. */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TINY_MODEL, TINY_SCENARIO } from "../testing/fixtures.js";
import { runCliProcess } from "../testing/cli-process.js";

const work = mkdtempSync(join(tmpdir(), "nfvtwin-resv-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = runCliProcess([...args], work);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

writeFileSync(join(work, "model.yaml"), TINY_MODEL);
writeFileSync(
  join(work, "bad-lease.yaml"),
  `${TINY_SCENARIO}reservations:\n  - { id: a, tenant: t1, start: 2h, end: 1h, containers: { flavour: small, count: 1 } }\n  - { id: b, tenant: nobody, pool: { cores: 1, ramMb: 1, instances: 1 } }\n`,
);

describe("nfvtwin CLI and reservations", () => {
  it("reports bad reservations with their positions, exit 2, and writes nothing", () => {
    const r = cli("run", "bad-lease.yaml", "--out", "out");
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toContainEqual(expect.stringMatching(/^bad-lease\.yaml:\d+:\d+: reservations\.0\.end: end 1h is not after start 2h$/));
    expect(lines).toContainEqual(expect.stringMatching(/^bad-lease\.yaml:\d+:\d+: reservations\.1\.tenant: unknown tenant "nobody"/));
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(existsSync(join(work, "out"))).toBe(false);
  });
});
