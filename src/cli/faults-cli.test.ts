/** Bad `faults:` input at the command line: one line per problem with its position, exit 2, nothing written. */
import { describe, expect, it } from "vitest";
import { TINY_MODEL, TINY_SCENARIO } from "../testing/fixtures.js";
import { refusedRunLines } from "../testing/cli-process.js";

describe("nfvtwin run with a bad faults section", () => {
  it("exits 2 with file:line:column: path: message and writes nothing", () => {
    const faults = "faults:\n  storms:\n    - { at: 1h, domain: rack, zone: az1, racks: [r7], timeToRepair: { kind: normal, mean: 1h, sd: 2h } }\n    - { at: 2h, domain: host, share: 2, timeToRepair: 1h }\n";
    expect(refusedRunLines({ "model.yaml": TINY_MODEL, "storm.yaml": TINY_SCENARIO.replace("output:", `${faults}output:`) }, "storm.yaml")).toEqual([
      "storm.yaml:16:7: faults.storms.0: the storm selects no host",
      'storm.yaml:16:50: faults.storms.0.racks.0: zone az1 has no rack "r7"; its racks: r1',
      "storm.yaml:16:69: faults.storms.0.timeToRepair: time to repair can be negative: a normal distribution needs min (e.g. min: 0s), or use lognormal, weibull or exponential",
      "storm.yaml:17:38: faults.storms.1.share: share must be in (0, 1] (a share of the selected hosts, 1 = 100 %); got 2",
    ]);
  });
});
