/**
 * Nova's extra-spec operators (nova/scheduler/filters/extra_specs_ops.py `match`): a required value
 * may start with an operator word — `=` (numeric ≥), `==`, `!=`, `>=`, `<=` (numeric), `s==`, `s!=`,
 * `s<`, `s<=`, `s>`, `s>=` (string), `<in>` (substring), `<all-in>` (every word a substring) or
 * `<or>` (`<or> a <or> b`: equals one of the words). Anything else is compared as a plain string.
 *
 * Where Nova raises (a numeric operator on a value Python's float() refuses, `<or>` with nothing after
 * it), the scheduler request fails in Nova; here the value simply does not match (docs/placement.md).
 */

type Op = (value: string, word: string) => boolean;

/** Python float() of a stripped word, or undefined where Python raises ValueError. */
export function pythonFloat(text: string): number | undefined {
  const t = text.trim();
  if (/^[+-]?(\d(_?\d)*(\.(\d(_?\d)*)?)?|\.\d(_?\d)*)([eE][+-]?\d(_?\d)*)?$/.test(t)) return Number(t.replaceAll("_", ""));
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(t);
  if (special === null) return undefined;
  if (special[2]!.toLowerCase() === "nan") return Number.NaN;
  return special[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

const numeric =
  (cmp: (x: number, y: number) => boolean): Op =>
  (value, word) => {
    const x = pythonFloat(value);
    const y = pythonFloat(word);
    return x !== undefined && y !== undefined && cmp(x, y);
  };

const OPS: ReadonlyMap<string, Op> = new Map<string, Op>([
  ["=", numeric((x, y) => x >= y)],
  ["==", numeric((x, y) => x === y)],
  ["!=", numeric((x, y) => x !== y)],
  [">=", numeric((x, y) => x >= y)],
  ["<=", numeric((x, y) => x <= y)],
  ["<in>", (x, y) => x.includes(y)],
  ["s==", (x, y) => x === y],
  ["s!=", (x, y) => x !== y],
  ["s<", (x, y) => x < y],
  ["s<=", (x, y) => x <= y],
  ["s>", (x, y) => x > y],
  ["s>=", (x, y) => x >= y],
]);

/** Python str.split(): whitespace-separated words, no empty ones. */
const words = (text: string): string[] => text.split(/\s+/).filter((w) => w !== "");

/** Is `required` a plain value (compared with ===), not an operator expression? */
export function isPlainRequirement(required: string): boolean {
  const first = words(required)[0];
  return first === undefined || (first !== "<or>" && first !== "<all-in>" && !OPS.has(first));
}

/** Nova `match(value, req)` for one stripped aggregate value. */
export function matchesRequirement(value: string, required: string): boolean {
  if (isPlainRequirement(required)) return value === required;
  const [op, ...rest] = words(required);
  if (op === "<or>") {
    // <or> v1 <or> v2 ...: every other word is a candidate value.
    for (let i = 0; i < rest.length; i += 2) if (rest[i] === value) return true;
    return false;
  }
  if (rest.length === 0) return false;
  if (op === "<all-in>") return rest.every((w) => value.includes(w));
  return OPS.get(op ?? "")?.(value, rest[0] ?? "") ?? false;
}
