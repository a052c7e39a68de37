/** The one-line headline of a run counts requests and, when they differ, servers, in the singular for one. */
import { describe, expect, it } from "vitest";
import { runScenario } from "../scenario/index.js";
import { slotModel, specFrom } from "./scenario-files.js";

const scenario = (requests: string): string => `kind: Scenario
name: headline
model: model.yaml
stop: { horizon: 1h }
workload:
  requests:
${requests}
`;

describe("the run's headline", () => {
  it("says 1 request and 1 server in the singular", () => {
    const r = runScenario(specFrom(scenario("    - { at: 1m, tenant: t, flavour: one, count: 1 }"), slotModel(1, 4)));
    expect(r.headline).toBe("headline: 1 request, 1 placed, 0 rejected (0.00 %), 1h simulated");
  });

  it("gives the server counts beside the request counts when a request asks for several", () => {
    const r = runScenario(specFrom(scenario("    - { at: 1m, tenant: t, flavour: one, count: 3 }\n    - { at: 2m, tenant: t, flavour: one, count: 2 }"), slotModel(1, 4)));
    expect(r.headline).toBe("headline: 2 requests, 1 placed, 1 rejected (50.00 %) (5 servers, 2 rejected), 1h simulated");
  });
});
