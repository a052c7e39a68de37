import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { createStream } from "../../kernel/index.js";
import type { TraceCreate } from "../trace/index.js";
import { arrivalProfile, fitWorkload } from "./fit-workload.js";
import { TraceStats } from "./trace-stats.js";

/** 14 days of creates, twice as many in hours 8–19 as in the others, lifetimes lognormal(mu 8, sigma 1). */
function stats(): TraceStats {
  const u = createStream(3, "fit-workload-test");
  const s = new TraceStats(false);
  const rows: TraceCreate[] = [];
  for (let day = 0; day < 14; day++) {
    for (let hour = 0; hour < 24; hour++) {
      const n = hour >= 8 && hour < 20 ? 20 : 10;
      for (let i = 0; i < n; i++) {
        const t = day * 86_400 + hour * 3600 + Math.floor(u.next() * 3600);
        const z = Math.sqrt(-2 * Math.log(1 - u.next())) * Math.cos(2 * Math.PI * u.next());
        rows.push({ kind: "create", id: "", timeS: t, endS: t + Math.exp(8 + z), vcpus: 2, ramMb: 4096, flavour: undefined, tenant: "a", group: `g${i % 3}` });
      }
    }
  }
  rows.sort((a, b) => a.timeS - b.timeS).forEach((r) => s.add(r));
  s.finish();
  return s;
}

describe("fitWorkload", () => {
  const s = stats();

  it("recovers the daily profile: twice the rate in working hours, flat weekdays", () => {
    const p = arrivalProfile(s);
    expect(p.days).toBe(14);
    expect(p.ratePerHour).toBeCloseTo(15, 10);
    expect(p.hourly[3]).toBeCloseTo(2 / 3, 3);
    expect(p.hourly[12]).toBeCloseTo(4 / 3, 3);
    expect(p.weekly).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(p.profileError).toBeLessThan(1e-3); // factors are written to 4 decimals
  });

  it("chooses the lognormal, prints both KS distances, and writes a stream section", () => {
    const fit = fitWorkload(s, { source: "t.csv (csv)", tenant: "t", flavours: [{ id: "small", vcpus: 1, ramMb: 2048, diskGb: 10 }, { id: "medium", vcpus: 2, ramMb: 4096, diskGb: 20 }] });
    expect(fit.lifetime).toBe("lognormal");
    expect(fit.ks!.lognormal).toBeLessThan(0.03);
    expect(fit.ks!.weibull).toBeGreaterThan(fit.ks!.lognormal);
    const doc = parse(fit.yaml) as { workload: { streams: Array<Record<string, unknown>> } };
    const stream = doc.workload.streams[0]!;
    expect(stream["flavours"]).toEqual({ medium: 100 });
    expect(stream["arrivals"]).toMatchObject({ kind: "daily", rate: "15/h" });
    expect(fit.yaml).toContain("# Group sizes (rows per group: groups): ");
    expect(fit.markdown).toContain("| lognormal (chosen) |");
  });
});
