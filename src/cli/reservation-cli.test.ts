/** Bad reservation input at the command line: exit 2, one positioned line per problem, nothing written. */
import { describe, expect, it } from "vitest";
import { TINY_MODEL, TINY_SCENARIO } from "../testing/fixtures.js";
import { refusedRunLines } from "../testing/cli-process.js";

const BAD_LEASES = `${TINY_SCENARIO}reservations:\n  - { id: a, tenant: t1, start: 2h, end: 1h, containers: { flavour: small, count: 1 } }\n  - { id: b, tenant: nobody, pool: { cores: 1, ramMb: 1, instances: 1 } }\n`;

describe("nfvtwin CLI and reservations", () => {
  it("reports bad reservations with their positions, exit 2, and writes nothing", () => {
    const lines = refusedRunLines({ "model.yaml": TINY_MODEL, "bad-lease.yaml": BAD_LEASES }, "bad-lease.yaml");
    expect(lines).toContainEqual(expect.stringMatching(/^bad-lease\.yaml:\d+:\d+: reservations\.0\.end: end 1h is not after start 2h$/));
    expect(lines).toContainEqual(expect.stringMatching(/^bad-lease\.yaml:\d+:\d+: reservations\.1\.tenant: unknown tenant "nobody"/));
  });
});
