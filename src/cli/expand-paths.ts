/** Scenario arguments: files as given, folders expanded to every *.yaml below them in sorted order. */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Expands folders recursively; a path that does not exist is kept so the loader reports it. */
export function expandScenarioPaths(paths: ReadonlyArray<string>): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      isDir = false;
    }
    if (isDir) out.push(...yamlFilesBelow(p));
    else out.push(p);
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
