/**
 * Loading for library users: the scenario room's loader with the placement registry's policy check
 * filled in, over the file system (loadScenario) or over texts in memory (loadScenarioText). Problems
 * come back as positioned issues in a LoadResult, never thrown, never printed.
 */
import { resolve } from "node:path";
import { checkPolicyRef, checkTraces, loadScenario as loadWith, memoryReader, sortInputIssues, type LoadResult, type RunSpec, type SourceReader } from "../scenario/index.js";
import { nodeReader } from "./file-reader.js";
import { traceLines } from "./sqlite-lines.js";

export interface LoadScenarioOptions {
  /** Replaces the scenario's seed (as `nfvtwin run --seed`). */
  readonly seed?: number;
  /**
   * The folder relative paths are read from and issues are shown relative to (default: the working
   * directory), so messages name `scenarios/a.yaml`, not a machine's absolute path.
   */
  readonly cwd?: string;
  /** Reads the files instead of the file system (`memoryReader(files)`, or your own). */
  readonly reader?: SourceReader;
}

/** Loads the scenario file at `path` and the model it names, resolved into a RunSpec, or every issue found (file:line:column). */
export function loadScenario(path: string, options: LoadScenarioOptions = {}): LoadResult<RunSpec> {
  if (options.reader !== undefined) return loadWith(options.reader, path, checkPolicyRef, options.seed);
  // path.resolve() with no argument is the working directory; the library reads no `process`.
  const cwd = resolve(options.cwd ?? "");
  const loaded = loadWith(nodeReader(cwd), resolve(cwd, path), checkPolicyRef, options.seed);
  // Replayed traces are read once now, so runScenario(spec, { openTrace: fileLines }) meets no bad row.
  const traceIssues = loaded.ok ? checkTraces(loaded.value, traceLines) : [];
  return traceIssues.length > 0 ? { ok: false, issues: sortInputIssues(traceIssues) } : loaded;
}

export interface LoadScenarioTextOptions {
  /** The scenario's file name, used in issues (`demo.yaml:3:5: ...`) and to resolve its `model:` in `files`. */
  readonly file: string;
  /** Other files by path (relative to `file`'s folder, as `model:` names them), e.g. `{ "model.yaml": modelText }`. */
  readonly files?: Readonly<Record<string, string>>;
  /** Replaces the scenario's seed. */
  readonly seed?: number;
}

/** Loads a scenario from its text and its model's from `files`, touching no file system. */
export function loadScenarioText(text: string, options: LoadScenarioTextOptions): LoadResult<RunSpec> {
  // Keys name files as the scenario does (relative to its folder): key them by the path it resolves to.
  const place = (name: string): string => memoryReader({}).resolve(options.file, name);
  const files = Object.fromEntries(Object.entries(options.files ?? {}).map(([name, content]) => [place(name), content]));
  const reader = memoryReader({ ...files, [options.file]: text });
  return loadWith(reader, options.file, checkPolicyRef, options.seed);
}
