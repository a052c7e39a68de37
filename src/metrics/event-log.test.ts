import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { EventLog, LogText, canonicalJson, splitNumberedId } from "./event-log.js";

describe("EventLog", () => {
  it("numbers records from 1 and keeps them in order", () => {
    const log = new EventLog({ keepRecords: true });
    log.append(0, "server", "vm-1", "allocate", null, { status: "BUILD" });
    log.append(5, "server", "vm-1", "spawn.complete", { status: "BUILD" }, { status: "ACTIVE" });
    expect(log.count).toBe(2);
    expect(log.kept.map((r) => r.seq)).toEqual([1, 2]);
  });

  it("digests the same records to the same value and different ones differently", () => {
    const a = new EventLog({ keepRecords: false, digest: true });
    const b = new EventLog({ keepRecords: false, digest: true });
    const c = new EventLog({ keepRecords: false, digest: true });
    for (const log of [a, b]) log.append(1, "host", "h1", "down", { s: "UP" }, { s: "DOWN" });
    c.append(1, "host", "h1", "down", { s: "UP" }, { s: "MAINTENANCE" });
    expect(a.digest).toBe(b.digest);
    expect(a.digest).not.toBe(c.digest);
    expect(a.kept).toHaveLength(0);
  });

  it("serializes with sorted keys regardless of insertion order", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 0 }] } })).toBe('{"a":{"c":[3,{"e":0,"f":1}],"d":2},"b":1}');
  });
});

describe("EventLog shape digest", () => {
  it("is always on, the same whether records are kept or skipped, and sees time, entity, id and op", () => {
    const kept = new EventLog({ keepRecords: true });
    const skipped = new EventLog({ keepRecords: false });
    kept.append(1, "server", "vm-1", "allocate", null, { host: "h1" });
    skipped.skip(1, "server", "vm-1", "allocate");
    expect(kept.shapeDigest).toBe(skipped.shapeDigest);
    expect(kept.shapeDigest).toMatch(/^[0-9a-f]{16}$/);
    const variants: Array<[number, string, string, string]> = [
      [2, "server", "vm-1", "allocate"],
      [1, "host", "vm-1", "allocate"],
      [1, "server", "vm-2", "allocate"],
      [1, "server", "vm-1", "terminate"],
      [1, "server", "vm-", "1allocate"],
    ];
    for (const [t, entity, id, op] of variants) {
      const other = new EventLog({ keepRecords: false });
      other.skip(t, entity, id, op);
      expect(other.shapeDigest, `${t} ${entity} ${id} ${op}`).not.toBe(skipped.shapeDigest);
    }
  });

  it("digests a numbered id (skipNumbered) exactly as the same id string, and keeps leading zeros apart", () => {
    fc.assert(
      fc.property(fc.nat({ max: 999_999_999 }), fc.constantFrom("vm-", "port-", ""), fc.nat(), (no, prefix, t) => {
        const byString = new EventLog({ keepRecords: false });
        const byNumber = new EventLog({ keepRecords: false });
        byString.skip(t, "server", `${prefix}${no}`, "terminate");
        byNumber.skipNumbered(t, new LogText("server"), new LogText(prefix), no, new LogText("terminate"));
        expect(byNumber.shapeDigest).toBe(byString.shapeDigest);
      }),
    );
    const digestOf = (id: string): string => {
      const log = new EventLog({ keepRecords: false });
      log.skip(0, "host", id, "set-condition");
      return log.shapeDigest;
    };
    expect(splitNumberedId("h007")).toEqual({ prefix: "h007", no: -1 });
    expect(splitNumberedId("vm-12")).toEqual({ prefix: "vm-", no: 12 });
    expect(digestOf("h007")).not.toBe(digestOf("h07"));
    expect(digestOf("h7")).not.toBe(digestOf("h07"));
  });
});
