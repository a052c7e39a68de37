import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closestName, didYouMean, editDistance } from "./did-you-mean.js";

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["abc", "", 3],
    ["flavor", "flavour", 1],
    ["flavuor", "flavour", 1],
    ["tenat", "tenant", 1],
    ["kitten", "sitting", 3],
    ["ca", "abc", 3],
  ])("%j → %j is %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it("is symmetric, zero only for equal strings, and at most the longer length", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
        const d = editDistance(a, b);
        expect(editDistance(b, a)).toBe(d);
        expect(d === 0).toBe(a === b);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
      { numRuns: 200 },
    );
  });
});

describe("closestName", () => {
  it("suggests the nearest candidate within the limit, case ignored", () => {
    expect(closestName("flavor", ["tenant", "flavour", "zone"])).toBe("flavour");
    expect(closestName("Tenant", ["tenant"])).toBe("tenant");
    expect(closestName("lifetme", ["lifetime", "bootTime"])).toBe("lifetime");
  });

  it("suggests nothing for a far name or a short name two edits away", () => {
    expect(closestName("horizon", ["tenant", "zone"])).toBeUndefined();
    expect(closestName("vm", ["id"])).toBeUndefined();
    expect(closestName("t2", ["t1"])).toBeUndefined();
    expect(closestName("T1", ["t1"])).toBe("t1");
  });

  it("breaks ties alphabetically, whatever the candidates' order", () => {
    expect(closestName("bat", ["cat", "bar"])).toBe("bar");
    expect(closestName("bat", ["bar", "cat"])).toBe("bar");
  });

  it("renders the phrase only when there is a suggestion", () => {
    expect(didYouMean("flavor", ["flavour"])).toBe('did you mean "flavour"? ');
    expect(didYouMean("xyz", ["flavour"])).toBe("");
  });
});
