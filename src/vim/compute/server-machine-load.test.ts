/**
 * The server table is built when its module loads. A table that throws while being built must fail a
 * test, not only a test file's import (Stryker's vitest runner counts a file that fails to import as
 * having no tests, so such a mutant would look alive): this file imports the module inside a test.
 */
import { describe, expect, it } from "vitest";

describe("server table module", () => {
  it("loads, builds every row, and names its states by their (vm, task, power) keys", async () => {
    const m = await import("./server-machine.js");
    expect([m.BUILDING_SCHEDULING, m.BUILDING_SPAWNING, m.ACTIVE, m.STOPPED, m.PAUSED, m.SUSPENDED, m.RESIZED_RUNNING, m.RESIZED_STOPPED, m.ERROR, m.DELETED, m.ERROR_REBUILDING].map((s) => s.key)).toEqual([
      "building/scheduling/NOSTATE",
      "building/spawning/NOSTATE",
      "active/-/RUNNING",
      "stopped/-/SHUTDOWN",
      "paused/-/PAUSED",
      "suspended/-/SUSPENDED",
      "resized/-/RUNNING",
      "resized/-/SHUTDOWN",
      "error/-/NOSTATE",
      "deleted/-/NOSTATE",
      "error/rebuilding/NOSTATE",
    ]);
    expect(m.INITIAL_SERVER_STATE).toBe(m.BUILDING_SCHEDULING);
    expect(m.SERVER_STATES).toHaveLength(36);
    expect(m.transition(m.ACTIVE, "stop")?.next.key).toBe("active/powering_off/RUNNING");
  });
});
