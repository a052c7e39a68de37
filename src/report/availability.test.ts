import { describe, expect, it } from "vitest";
import { readableMs } from "./availability.js";

describe("readableMs", () => {
  it("picks the largest unit that fits", () => {
    expect([400, 1_500, 90_000, 21_630_000, 172_800_000].map(readableMs)).toEqual(["400 ms", "1.5 s", "1.5 min", "6.0 h", "2.0 d"]);
  });
});
