/**
 * nfvtwin's NFVI against a real OpenStack Placement (Debian's python3-placement, SQLite, loopback;
 * placement-server.ts starts it once for this file). Random providers, inventories and claim sequences
 * go to both; every decision, every allocation-candidate answer and the final inventories, usages and
 * generation moves must agree. Fails, not skips, when Placement is not installed (.ci/run installs it).
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBoth } from "./placement-differential.js";
import { arbHost, arbOp, uuidSequence } from "./placement-real.js";
import { startPlacementServer, type PlacementServer } from "./placement-server.js";

describe("nfvtwin's NFVI against a real OpenStack Placement", () => {
  let server: PlacementServer | undefined;
  const nextUuid = uuidSequence();

  beforeAll(async () => {
    server = await startPlacementServer();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("takes the same claim, deletion and inventory decisions and reports the same capacities and usages", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbHost, { minLength: 1, maxLength: 3 }), fc.array(arbOp, { minLength: 1, maxLength: 10 }), async (hosts, ops) => {
        const answers = await runBoth(server!, hosts, ops, nextUuid);
        expect(answers.steps.filter((s) => !isDeepStrictEqual(s.placement, s.twin))).toEqual([]);
        expect(answers.twin).toEqual(answers.placement);
      }),
      { numRuns: 30 },
    );
  });
});
