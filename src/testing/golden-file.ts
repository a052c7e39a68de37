/**
 * Golden-file comparison for tests. A missing golden is a failure, never a silent write: a deleted
 * golden file must turn the golden tests red. Regenerating is the explicit `npm run golden`
 * (UPDATE_GOLDEN=1), whose diff is then reviewed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export type GoldenVerdict =
  | { readonly kind: "match" }
  | { readonly kind: "written" }
  | { readonly kind: "missing"; readonly message: string }
  | { readonly kind: "differs"; readonly expected: string };

/** Compares `text` with the golden file at `path`; writes it only when `update` is set. */
export function checkGolden(path: string, text: string, update: boolean): GoldenVerdict {
  if (update) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return { kind: "written" };
  }
  if (!existsSync(path)) return { kind: "missing", message: `golden file ${path} is missing; regenerate it with \`npm run golden\` and review the diff` };
  const expected = readFileSync(path, "utf8");
  return expected === text ? { kind: "match" } : { kind: "differs", expected };
}

