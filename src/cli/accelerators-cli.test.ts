/** Bad accelerator input at the command line: one line per problem with its position, exit 2, nothing written. */
import { describe, expect, it } from "vitest";
import { refusedRunLines, shippedText } from "../testing/cli-process.js";

describe("nfvtwin run with bad accelerator input", () => {
  it("exits 2 with file:line:column: path: message and writes nothing", () => {
    const site = shippedText("models/accel-site.yaml");
    const model = site
      .replace("groups: [{ type: GPU, function: inference }]", "groups: [{ type: GPU, function: raytracing }]")
      .replace('"accel:device_profile": ovs-2vf', '"accel:device_profile": ovs-4vf');
    const scenario = `kind: Scenario
name: bad-acc
model: model.yaml
stop: { horizon: 1h }
workload:
  requests: [{ at: 0s, tenant: ran, flavour: A1.ipsec }]
accelerators:
  onload: [{ at: 10m, image: fec-v3 }]
`;
    expect(refusedRunLines({ "model.yaml": model, "bad.yaml": scenario }, "bad.yaml")).toEqual([
      "bad.yaml:3:8: model: the model file model.yaml has errors (listed below)",
      'model.yaml:59:50: deviceProfiles.2.groups.0.function: no GPU device or image offers function "raytracing"',
      'model.yaml:71:109: flavours.7.extraSpecs.accel:device_profile: unknown device profile "ovs-4vf"; did you mean "ovs-2vf"? device profiles: fec-fpga, gpu-1, gpu-2, ipsec-fpga, ovs-2vf',
    ]);
    // With the model fixed, the scenario's own problem: an unknown image to onload.
    expect(refusedRunLines({ "model.yaml": site, "bad.yaml": scenario }, "bad.yaml")).toEqual(['bad.yaml:8:30: accelerators.onload.0.image: unknown accelerator image "fec-v3"; did you mean "fec-v2"? images: fec-v2, ipsec-v1']);
  });
});
