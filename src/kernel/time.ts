/**
 * Simulated time. The clock is an integer number of milliseconds since the start of a run: integers
 * keep event order exact (no float drift turning a tie into an order, or an order into a tie) and
 * make traces byte-identical across machines. 2^53 ms is ~285,000 years, so a double holds it exactly.
 */

export const MS_PER_SECOND = 1_000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** The outcome of parsing text written by a person: a value, or a message that says what to write. */
export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Units from largest to smallest: the order parts of a compound duration must follow. */
const UNIT_MS: ReadonlyArray<readonly [unit: string, ms: number]> = [
  ["d", MS_PER_DAY],
  ["h", MS_PER_HOUR],
  ["m", MS_PER_MINUTE],
  ["s", MS_PER_SECOND],
  ["ms", 1],
];
const UNIT_NAMES = "ms, s, m, h, d";
const DURATION_PART = /(\d+)(?:\.(\d+))?([a-zA-Zµ]+)/y;

/**
 * What `parseDurationMs` accepts, as a regular expression (for the files' JSON Schema): parts from the
 * largest unit to the smallest, each once. It is looser in one way only: it cannot see that a fraction
 * must come to whole milliseconds ("0.5ms"), nor the ~285,000-year ceiling (time.test.ts checks both).
 */
export const DURATION_PATTERN = `^(?=\\d)${UNIT_MS.map(([unit]) => `(?:\\d+(?:\\.\\d+)?${unit})?`).join("")}$`;

/** What `parseRatePerHour` accepts, as a regular expression: an amount per unit of time. */
export const RATE_PATTERN = `^\\d+(?:\\.\\d+)?/(?:${UNIT_MS.map(([unit]) => unit).join("|")})$`;

const failure = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** Parses `250ms`, `30s`, `1.5h`, `1h30m` into integer milliseconds; never throws. */
export function parseDurationMs(text: string): ParseResult<number> {
  const quoted = JSON.stringify(text);
  const expected = `expected a duration with a unit (${UNIT_NAMES}), e.g. "30s"; got ${quoted}`;
  if (text.startsWith("-")) return failure(`a duration cannot be negative; got ${quoted}`);
  if (text.length === 0 || !/^\d/.test(text)) return failure(expected);
  let totalMs = 0n;
  let lastUnitIndex = -1;
  DURATION_PART.lastIndex = 0;
  while (DURATION_PART.lastIndex < text.length) {
    const start = DURATION_PART.lastIndex;
    const match = DURATION_PART.exec(text);
    if (match === null || match.index !== start) return failure(expected);
    const [, whole = "", fraction = "", unit = ""] = match;
    const unitIndex = UNIT_MS.findIndex(([name]) => name === unit);
    if (unitIndex < 0) return failure(`unknown duration unit "${unit}" in ${quoted}; expected one of ${UNIT_NAMES}`);
    if (unitIndex <= lastUnitIndex) {
      return failure(`the parts of a duration go from the largest unit to the smallest, each once (e.g. "1h30m"); got ${quoted}`);
    }
    lastUnitIndex = unitIndex;
    const partMs = exactPartMs(whole, fraction, UNIT_MS[unitIndex]?.[1] ?? 1);
    if (partMs === undefined) {
      return failure(`${quoted} is not a whole number of milliseconds; simulated time is integer ms (use e.g. "1ms" or "1s")`);
    }
    totalMs += partMs;
  }
  if (totalMs > BigInt(Number.MAX_SAFE_INTEGER)) return failure(`${quoted} is too long a duration (max ~285,000 years)`);
  return { ok: true, value: Number(totalMs) };
}

/** `whole.fraction` × unitMs computed exactly (BigInt), or undefined when it is not an integer. */
function exactPartMs(whole: string, fraction: string, unitMs: number): bigint | undefined {
  const scale = 10n ** BigInt(fraction.length);
  const scaled = (BigInt(whole) * scale + BigInt(fraction === "" ? "0" : fraction)) * BigInt(unitMs);
  return scaled % scale === 0n ? scaled / scale : undefined;
}

const RATE = /^(\d+(?:\.\d+)?)\/([a-zA-Z]+)$/;

/** Parses `12/h`, `3.5/m`, `200/s`, `5/d` into events per hour (a non-negative real); never throws. */
export function parseRatePerHour(text: string): ParseResult<number> {
  const quoted = JSON.stringify(text);
  if (text.startsWith("-")) return failure(`a rate cannot be negative; got ${quoted}`);
  const match = RATE.exec(text);
  if (match === null) return failure(`expected a rate with a time unit (/s, /m, /h, /d), e.g. "12/h"; got ${quoted}`);
  const [, amount = "", unit = ""] = match;
  const unitMs = UNIT_MS.find(([name]) => name === unit)?.[1];
  if (unitMs === undefined) return failure(`unknown rate unit "/${unit}" in ${quoted}; expected one of /ms, /s, /m, /h, /d`);
  return { ok: true, value: (Number(amount) * MS_PER_HOUR) / unitMs };
}

/** Converts a rate per hour into a rate per simulated millisecond (what exponential gaps need). */
export function ratePerHourToPerMs(ratePerHour: number): number {
  return ratePerHour / MS_PER_HOUR;
}

/** Mean gap in ms between events of a Poisson stream with this rate per hour (Infinity for 0). */
export function meanIntervalMs(ratePerHour: number): number {
  return MS_PER_HOUR / ratePerHour;
}

/**
 * Formats milliseconds for reports, largest unit first, zero parts left out: `1h30m`, `250ms`, `0ms`.
 * Non-integers are rounded to the nearest ms (report means are real numbers); the output parses back.
 */
export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  let rest = Math.round(Math.abs(ms));
  if (rest === 0) return "0ms";
  let text = ms < 0 ? "-" : "";
  for (const [unit, unitMs] of UNIT_MS) {
    const count = Math.floor(rest / unitMs);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * unitMs;
  }
  return text;
}
