/** Process exit codes of `nfvtwin` (documented in docs/cli.md). */
export const EXIT_OK = 0;
export const EXIT_EXPECTATIONS_FAILED = 1;
export const EXIT_INVALID_INPUT = 2;
export const EXIT_INTERNAL_ERROR = 3;

/** Why a command ended other than successfully; carries the exit code and what to print. */
export class CommandFailure {
  readonly _tag = "CommandFailure";
  constructor(
    readonly exitCode: number,
    readonly lines: ReadonlyArray<string>,
  ) {}
}
