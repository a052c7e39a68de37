/** Bad accelerator input at the command line: one line per problem with its position, exit 2, nothing written. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCliProcess } from "../testing/cli-process.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const work = mkdtempSync(join(tmpdir(), "nfvtwin-acc-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("nfvtwin run with bad accelerator input", () => {
  it("exits 2 with file:line:column: path: message and writes nothing", () => {
    const model = readFileSync(join(ROOT, "models/accel-site.yaml"), "utf8")
      .replace("groups: [{ type: GPU, function: inference }]", "groups: [{ type: GPU, function: raytracing }]")
      .replace('"accel:device_profile": ovs-2vf', '"accel:device_profile": ovs-4vf');
    writeFileSync(join(work, "model.yaml"), model);
    const scenario = `kind: Scenario
name: bad-acc
model: model.yaml
stop: { horizon: 1h }
workload:
  requests: [{ at: 0s, tenant: ran, flavour: A1.ipsec }]
accelerators:
  onload: [{ at: 10m, image: fec-v3 }]
`;
    writeFileSync(join(work, "bad.yaml"), scenario);
    const r = runCliProcess(["run", "bad.yaml", "--out", "out"], work);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([
      "bad.yaml:3:8: model: the model file model.yaml has errors (listed below)",
      'model.yaml:59:50: deviceProfiles.2.groups.0.function: no GPU device or image offers function "raytracing"',
      'model.yaml:71:109: flavours.7.extraSpecs.accel:device_profile: unknown device profile "ovs-4vf"; device profiles: fec-fpga, gpu-1, gpu-2, ipsec-fpga, ovs-2vf',
    ]);
    // With the model fixed, the scenario's own problem: an unknown image to onload.
    writeFileSync(join(work, "model.yaml"), readFileSync(join(ROOT, "models/accel-site.yaml"), "utf8"));
    const again = runCliProcess(["run", "bad.yaml", "--out", "out"], work);
    expect(again.status).toBe(2);
    expect(again.stderr.trim()).toBe('bad.yaml:8:30: accelerators.onload.0.image: unknown accelerator image "fec-v3"; images: fec-v2, ipsec-v1');
    expect(existsSync(join(work, "out"))).toBe(false);
  });
});
