/** Nova extra_specs_ops `match`, case by case (nova/scheduler/filters/extra_specs_ops.py). */
import { describe, expect, it } from "vitest";
import { isPlainRequirement, matchesRequirement, pythonFloat } from "./extra-specs-ops.js";

describe("extra-specs operators", () => {
  it("plain values compare whole; operator words select Nova's methods", () => {
    expect(matchesRequirement("gold", "gold")).toBe(true);
    expect(matchesRequirement("gold", " gold")).toBe(false);
    expect(matchesRequirement("", "")).toBe(true);
    expect(matchesRequirement("a b", "a b")).toBe(true);
    expect(matchesRequirement("10", "= 4")).toBe(true);
    expect(matchesRequirement("3", "= 4")).toBe(false);
    expect(matchesRequirement("4", "== 4.0")).toBe(true);
    expect(matchesRequirement("4", "!= 4")).toBe(false);
    expect(matchesRequirement("4", ">= 5")).toBe(false);
    expect(matchesRequirement("4", "<= 5")).toBe(true);
    expect(matchesRequirement("abc", "s== abc")).toBe(true);
    expect(matchesRequirement("abc", "s!= abc")).toBe(false);
    expect(matchesRequirement("abc", "s< abd")).toBe(true);
    expect(matchesRequirement("abc", "s<= abc")).toBe(true);
    expect(matchesRequirement("abc", "s> abc")).toBe(false);
    expect(matchesRequirement("abc", "s>= abc")).toBe(true);
    expect(matchesRequirement("avx2 sse", "<in> x2")).toBe(true);
    expect(matchesRequirement("avx2", "<all-in> av x2")).toBe(true);
    expect(matchesRequirement("avx2", "<all-in> av sse")).toBe(false);
    expect(matchesRequirement("b", "<or> a <or> b")).toBe(true);
    expect(matchesRequirement("c", "<or> a <or> b")).toBe(false);
    // An operator with no operand matches nothing (Nova: False).
    expect(matchesRequirement("4", ">=")).toBe(false);
    // Where Python's float() raises, Nova fails the request; the twin does not match.
    expect(matchesRequirement("fast", ">= 4")).toBe(false);
    expect(matchesRequirement("x", "<or>")).toBe(false);
  });
  it("Python float(): decimals, exponents, underscores, inf and nan; not hex or empty", () => {
    expect(pythonFloat(" 1_000.5 ")).toBe(1000.5);
    expect(pythonFloat("1e3")).toBe(1000);
    expect(pythonFloat(".5")).toBe(0.5);
    expect(pythonFloat("5.")).toBe(5);
    expect(pythonFloat("-Infinity")).toBe(Number.NEGATIVE_INFINITY);
    expect(pythonFloat("NaN")).toBeNaN();
    expect(pythonFloat("0x10")).toBeUndefined();
    expect(pythonFloat("")).toBeUndefined();
    expect(pythonFloat("1__0")).toBeUndefined();
    expect(isPlainRequirement("gold")).toBe(true);
    expect(isPlainRequirement("<in> gold")).toBe(false);
  });
});
