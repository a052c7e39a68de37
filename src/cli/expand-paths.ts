/** Scenario arguments: files as given, folders expanded to every *.yaml below them in sorted order. */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileKind, type SourceReader } from "../scenario/index.js";

/** Expands folders recursively; a path that does not exist is kept so the loader reports it. */
export function expandScenarioPaths(paths: ReadonlyArray<string>): string[] {
  return expandWithOrigin(paths).map((e) => e.path);
}

/**
 * The scenario files of `run` and `explain` arguments: a file named on the command line as given; of
 * a folder, every *.yaml below it but model files (`kind: InfrastructureModel`), which sit beside the
 * scenarios that name them. A folder's file of no known kind stays, so its problem is reported.
 */
export function scenarioFiles(paths: ReadonlyArray<string>, reader: SourceReader): string[] {
  return expandWithOrigin(paths)
    .filter((e) => !e.fromFolder || fileKind(reader, e.path) !== "InfrastructureModel")
    .map((e) => e.path);
}

function expandWithOrigin(paths: ReadonlyArray<string>): { path: string; fromFolder: boolean }[] {
  const out: { path: string; fromFolder: boolean }[] = [];
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      isDir = false;
    }
    if (isDir) out.push(...yamlFilesBelow(p).map((path) => ({ path, fromFolder: true })));
    else out.push({ path: p, fromFolder: false });
  }
  return out;
}

function yamlFilesBelow(dir: string): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFilesBelow(full));
    else if (/\.ya?ml$/.test(e.name)) out.push(full);
  }
  return out;
}
