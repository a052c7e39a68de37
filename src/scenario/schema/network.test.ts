/** The model file's JSON Schema (`nfvtwin schema model`) documents the `network:` section as the decoder reads it. */
import { describe, expect, it } from "vitest";
import { scenarioJsonSchemas } from "../json-schema/emit.js";

describe("model JSON Schema: network", () => {
  it("has the external network and the segmentation ranges with the decoder's bounds, none required", () => {
    const network = JSON.parse(scenarioJsonSchemas().model).properties.network;
    expect(Object.keys(network.properties).sort()).toEqual(["external", "segmentation"]);
    expect(Object.keys(network.properties.external.properties).sort()).toEqual(["cidr", "id"]);
    const s = network.properties.segmentation.properties;
    expect(Object.keys(s).sort()).toEqual(["flatNetworks", "vlan", "vxlan"]);
    expect(s.vlan).toMatchObject({ minItems: 2, maxItems: 2 });
    expect(s.vlan.prefixItems.map((i: { minimum: number; maximum: number }) => [i.minimum, i.maximum])).toEqual([[1, 4094], [1, 4094]]);
    expect(s.vxlan.prefixItems.map((i: { minimum: number; maximum: number }) => [i.minimum, i.maximum])).toEqual([[1, 16777215], [1, 16777215]]);
    expect(network.required ?? []).toEqual([]);
    expect(JSON.parse(scenarioJsonSchemas().model).required).not.toContain("network");
  });
});
