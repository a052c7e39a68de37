import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "./sha256.js";

describe("sha256Hex", () => {
  it("matches node:crypto on the standard vectors, multi-byte UTF-8 and block boundaries", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const texts = ["", "é ü 中 🙂", "a".repeat(55), "a".repeat(56), "a".repeat(64), "x".repeat(1000)];
    for (const text of texts) expect(sha256Hex(text), JSON.stringify(text.slice(0, 10))).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
  });
});
