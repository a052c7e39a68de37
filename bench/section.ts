/**
 * What a benchmark section is. run.ts prints each section's table in turn; a section decides what it
 * measures and how (tinybench, child processes, whole CLI runs). Wall clock is allowed in bench/ only.
 */

/** A printable result: a header row, data rows, and free-text notes printed under the table. */
export interface BenchTable {
  readonly columns: ReadonlyArray<string>;
  readonly rows: ReadonlyArray<ReadonlyArray<string>>;
  readonly notes?: ReadonlyArray<string>;
}

/** Paths and switches every section may need. */
export interface BenchContext {
  /** The repository root (the folder holding package.json). */
  readonly repoRoot: string;
  /** `<repo>/../shared/anchors` when it exists (or NFVTWIN_ANCHORS_DIR), else undefined. */
  readonly anchorsDir: string | undefined;
  /** The entry file's own extension: ".js" under dist/, ".ts" under tsx; for spawning sibling scripts. */
  readonly scriptExtension: ".js" | ".ts";
  /** `--quick`: fewer repetitions, for smoke runs. */
  readonly quick: boolean;
}

export interface BenchSection {
  /** Short id, used to select sections: `npm run bench -- kernel`. */
  readonly name: string;
  readonly title: string;
  run(context: BenchContext): Promise<BenchTable>;
}
