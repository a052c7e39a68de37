/** The Reservations section of report.html: occupancy over time, counts, leases and the rejection split. */
import type { RunSummary, RunTimeline } from "../../scenario/index.js";
import { FORECAST_HEADERS, forecastRows, LEASE_HEADERS, leaseRows, rejectionSplit, RESERVATION_COUNT_HEADERS, reservationCountRow } from "../reservations.js";
import type { ChartKit } from "./chart-kit.js";
import { htmlTable, section } from "./fragments.js";
import { lineChartSvg } from "./line-chart.js";

const MS_PER_HOUR = 3_600_000;

/** The section, or nothing when the run had no reservations. */
export function reservationsSection(kit: ChartKit, s: RunSummary, timeline?: RunTimeline): string[] {
  const r = s.reservations;
  if (r === undefined) return [];
  const series = [
    { name: "reserved vCPU", points: r.occupancy.map((o) => [o.timeMs / MS_PER_HOUR, o.reservedVcpu] as const) },
    { name: "consumed vCPU", points: r.occupancy.map((o) => [o.timeMs / MS_PER_HOUR, o.boundVcpu] as const) },
  ];
  const split = rejectionSplit(s);
  return [
    section(
      "Reservations",
      lineChartSvg(kit, { title: "Reservation occupancy (active leases)", xLabel: "simulated time (h)", yLabel: "vCPU", series, ...(timeline === undefined ? {} : { timeline }) }),
      htmlTable([...RESERVATION_COUNT_HEADERS], [reservationCountRow(r)]),
      htmlTable([...LEASE_HEADERS], leaseRows(r)),
      htmlTable(["rejected: capacity", "quota", "reservation"], [[split.capacity, split.quota, split.reservation]]),
      ...(r.forecast === undefined ? [] : [htmlTable([...FORECAST_HEADERS], forecastRows(r))]),
    ),
  ];
}
