import { describe, expect, it } from "vitest";
import { refusedRunLines } from "./cli-process.js";
import { TINY_MODEL, TINY_SCENARIO } from "./fixtures.js";

describe("refusedRunLines", () => {
  it("fails a test whose input is not refused: a good scenario exits 0 and writes its report", () => {
    expect(() => refusedRunLines({ "model.yaml": TINY_MODEL, "good.yaml": TINY_SCENARIO }, "good.yaml")).toThrow(/exited 0, not 2/);
  });
});
