import { describe, expect, it } from "vitest";
import { ALARM_STATES, alarmTransition } from "../fault/alarm.js";
import { ACTIVE, BUILDING_SPAWNING, ERROR, ERROR_REBUILDING, PAUSED, RESIZED_RUNNING, RESIZED_STOPPED, SERVER_STATES, serverStatus, STOPPED, SUSPENDED, transition } from "./server-machine.js";

describe("fault edges of the server machine, every cell", () => {
  const failsWithHost = new Set([ACTIVE, STOPPED, PAUSED, SUSPENDED, RESIZED_RUNNING, RESIZED_STOPPED, ERROR, BUILDING_SPAWNING]);

  it("host.fail: from every stable state holding a host and from a spawn, to ERROR; nowhere else", () => {
    for (const s of SERVER_STATES) {
      const t = transition(s, "host.fail");
      if (failsWithHost.has(s)) expect(t?.next, s.key).toBe(ERROR);
      else expect(t, s.key).toBeUndefined();
    }
    expect(transition(BUILDING_SPAWNING, "host.fail")!.cancelsTask).toBe(true);
  });

  it("evacuate: only from ERROR, to a rebuild (status REBUILD) that ends ACTIVE, or ERROR when it fails", () => {
    for (const s of SERVER_STATES) {
      const t = transition(s, "evacuate");
      if (s === ERROR) expect(t).toMatchObject({ next: ERROR_REBUILDING, startsTask: true });
      else expect(t, s.key).toBeUndefined();
    }
    expect(serverStatus(ERROR_REBUILDING)).toBe("REBUILD");
    expect(transition(ERROR_REBUILDING, "task.complete")!.next).toBe(ACTIVE);
    expect(transition(ERROR_REBUILDING, "task.fail")!.next).toBe(ERROR);
    expect(transition(ERROR_REBUILDING, "terminate")).toMatchObject({ releases: true, cancelsTask: true });
    expect(transition(ERROR_REBUILDING, "reboot.hard")).toBeUndefined();
  });
});

describe("alarm table, every cell", () => {
  it("FIRED and UPDATED take update and clear; CLEARED takes nothing", () => {
    const cells = ALARM_STATES.flatMap((s) => (["update", "clear"] as const).map((op) => [s, op, alarmTransition(s, op) ?? null]));
    expect(cells).toEqual([
      ["FIRED", "update", "UPDATED"],
      ["FIRED", "clear", "CLEARED"],
      ["UPDATED", "update", "UPDATED"],
      ["UPDATED", "clear", "CLEARED"],
      ["CLEARED", "update", null],
      ["CLEARED", "clear", null],
    ]);
  });
});
