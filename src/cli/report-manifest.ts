/**
 * nfvtwin-report.json: the mark nfvtwin leaves in every folder it writes (report folders, shard
 * folders), listing each file it wrote with its size and SHA-256. It is the proof of ownership that
 * lets a later run replace the folder: a folder is nfvtwin's only when its manifest decodes AND it holds
 * nothing but the files the manifest lists (and the folders on their paths). Anything else (a user
 * file dropped into a report folder, a folder of the same name that nfvtwin never wrote) is not ours
 * and is never deleted.
 */
import { Exit, Schema } from "effect";
import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync, type Stats } from "node:fs";
import { join } from "node:path";
import { stableJson } from "../report/index.js";

export const MANIFEST_FILE = "nfvtwin-report.json";
export const MANIFEST_FORMAT = "nfvtwin-report/1";

const Entry = Schema.Struct({ path: Schema.String, bytes: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)), sha256: Schema.String });
export const Manifest = Schema.Struct({
  format: Schema.Literal(MANIFEST_FORMAT),
  tool: Schema.Literal("nfvtwin"),
  /** The folder's name when written (the scenario name), which recovery needs to put a moved folder back. */
  name: Schema.String,
  files: Schema.Array(Entry),
});
export type Manifest = typeof Manifest.Type;

const byteLength = (bytes: string | Uint8Array): number => (typeof bytes === "string" ? Buffer.byteLength(bytes) : bytes.length);

/** The manifest text of a folder named `name` holding `files` (relative path → bytes); sorted, so equal folders give equal bytes. */
export function manifestText(name: string, files: ReadonlyMap<string, string | Uint8Array>): string {
  const entries = [...files.keys()].sort().map((path) => {
    const bytes = files.get(path)!;
    return { path, bytes: byteLength(bytes), sha256: createHash("sha256").update(bytes).digest("hex") };
  });
  return stableJson({ format: MANIFEST_FORMAT, tool: "nfvtwin", name, files: entries });
}

/** Decodes manifest text; undefined when it is not one (not JSON, another format, a stray field). */
export function decodeManifest(text: string): Manifest | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const exit = Schema.decodeUnknownExit(Manifest, { onExcessProperty: "error" })(value);
  if (!Exit.isSuccess(exit)) return undefined;
  const paths = exit.value.files.map((f) => f.path);
  // A manifest naming paths outside its folder (or itself), or a name that is not one folder name, proves nothing.
  const { name } = exit.value;
  const safe = name !== "" && name !== "." && name !== ".." && !name.includes("/") && !name.includes("\\") && paths.every((p) => p !== MANIFEST_FILE && p.split("/").every((part) => part !== "" && part !== "." && part !== ".."));
  return safe ? exit.value : undefined;
}

/** What a path holds, as far as replacing or removing it is concerned. */
export type FolderState =
  | { readonly kind: "absent" }
  | { readonly kind: "empty" }
  /** nfvtwin's: `missing` listed files are absent, `changed` ones differ in size (a partial or edited file). */
  | { readonly kind: "report"; readonly manifest: Manifest; readonly missing: ReadonlyArray<string>; readonly changed: ReadonlyArray<string> }
  | { readonly kind: "foreign"; readonly why: string };

/** lstat, or undefined when nothing is at `path` (other errors are thrown). */
export const lstatOrUndefined = (path: string): Stats | undefined => {
  try {
    return lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
};

/** Up to three names, then how many more. */
export const someNames = (names: ReadonlyArray<string>): string => (names.length <= 3 ? names.join(", ") : `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`);

/**
 * Inspects `dir` without following symbolic links. Reads only its top level unless it holds a
 * manifest, and then only the folders the manifest names, so a mistaken `--out /` costs one listing.
 * Throws only on unexpected file-system errors (the caller maps them).
 */
export function inspectFolder(dir: string): FolderState {
  const stat = lstatOrUndefined(dir);
  if (stat === undefined) return { kind: "absent" };
  if (stat.isSymbolicLink()) return { kind: "foreign", why: "it is a symbolic link, not a report folder" };
  if (!stat.isDirectory()) return { kind: "foreign", why: stat.isFile() ? "it is a file, not a report folder" : "it is not a folder" };
  const top = readdirSync(dir).sort();
  if (top.length === 0) return { kind: "empty" };
  const notOurs = `it exists and is not an nfvtwin report folder (holds ${someNames(top)})`;
  // Reports of nfvtwin versions before the manifest look like this; they cannot be proven ours either.
  const legacy = top.includes("report.md") ? `; if an nfvtwin older than ${MANIFEST_FILE} wrote it, remove it once` : "";
  if (!top.includes(MANIFEST_FILE)) return { kind: "foreign", why: `${notOurs}${legacy}` };
  const manifestStat = lstatSync(join(dir, MANIFEST_FILE));
  const manifest = manifestStat.isFile() && manifestStat.size < 64 * 1024 * 1024 ? decodeManifest(readFileSync(join(dir, MANIFEST_FILE), "utf8")) : undefined;
  if (manifest === undefined) return { kind: "foreign", why: `its ${MANIFEST_FILE} is not an nfvtwin report manifest, so it is not provably an nfvtwin report folder (holds ${someNames(top)})` };
  return compareWithManifest(dir, manifest);
}

/** Walks only the folders on the manifest's paths: extra entries make the folder foreign; missing and resized files are noted. */
function compareWithManifest(dir: string, manifest: Manifest): FolderState {
  const sizes = new Map(manifest.files.map((f) => [f.path, f.bytes]));
  const folders = new Set(manifest.files.flatMap((f) => f.path.split("/").slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join("/"))));
  const seen = new Set<string>();
  const extra: string[] = [];
  const changed: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(relative === "" ? dir : join(dir, relative), { withFileTypes: true })) {
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (path === MANIFEST_FILE && entry.isFile()) continue;
      if (entry.isDirectory() && folders.has(path)) walk(path);
      else if (entry.isFile() && sizes.has(path)) {
        seen.add(path);
        if (lstatSync(join(dir, path)).size !== sizes.get(path)) changed.push(path);
      } else extra.push(path);
    }
  };
  walk("");
  if (extra.length > 0) return { kind: "foreign", why: `it is an nfvtwin report folder but also holds ${someNames(extra.sort())}, which nfvtwin did not write` };
  const missing = [...sizes.keys()].filter((p) => !seen.has(p));
  return { kind: "report", manifest, missing, changed: changed.sort() };
}

/**
 * Why the folder in `state` must not be replaced by the report named `name`, or undefined when it may:
 * it is absent, empty, or nfvtwin's report of that same name with no file changed in size (sizes, not
 * hashes, are compared: reading back a large event log on every run would cost more than it proves).
 * A report of another name (a copied or renamed folder) is refused: if a crash left it moved aside,
 * the next run could not tell where it belongs.
 */
export function replaceProblem(state: FolderState, name: string): string | undefined {
  if (state.kind === "foreign") return state.why;
  if (state.kind !== "report") return undefined;
  if (state.changed.length > 0) return `its ${state.changed[0]} was changed since nfvtwin wrote it`;
  if (state.manifest.name !== name) return `its ${MANIFEST_FILE} says it is the report of ${JSON.stringify(state.manifest.name)}, not of ${JSON.stringify(name)} (a copied or renamed folder)`;
  return undefined;
}
