/**
 * How effect's CLI module presents help, versions and usage errors in nfvtwin. A usage error is
 * printed as clap and git print theirs: the error first, then the command's usage line and where the
 * full help is, all on stderr; effect's default presenter prints the whole help on stdout and the
 * error after it on stderr, so the error ended up under a screen of flags (issue 16 item 15).
 */
import * as Console from "effect/Console";
import { CliConfig, CliOutput, GlobalFlag, type CliError, type HelpDoc } from "effect/cli";

/**
 * The global flags nfvtwin offers: --help, --version and --completions. Effect's --log-level is left
 * out because nfvtwin logs nothing through effect's logger (the flag would change nothing), and
 * --wizard because it prompts on a terminal nfvtwin does not read (it failed with an internal error);
 * without them they are unknown flags, and help does not list them.
 */
export const NFVTWIN_GLOBAL_FLAGS: ReadonlyArray<GlobalFlag.BuiltIn> = [GlobalFlag.Help, GlobalFlag.Version, GlobalFlag.Completions];

/** The CLI module's configuration: nfvtwin's global flags only. */
export const nfvtwinCliConfig = CliConfig.layer({ builtIns: NFVTWIN_GLOBAL_FLAGS });

/** Help and version as effect renders them; a usage error as `usageErrorText` on stderr. */
export const nfvtwinPresenter: CliOutput.Presenter = {
  present: (event) =>
    event._tag === "InvalidInvocation"
      ? Console.error(usageErrorText(event.commandPath, event.helpDoc, event.errors))
      : CliOutput.defaultPresenter.present(event),
};

/** The presenter as a layer for `Command.run`. */
export const nfvtwinPresenterLayer = CliOutput.layerPresenter(nfvtwinPresenter);

/**
 * A usage error's text: one `nfvtwin <command>: <error>` line per error, then the usage line and the
 * help command. A value an integer flag cannot take says "an integer" (effect's own message for
 * `--seed abc` spoke of "a string representing a finite number").
 */
export function usageErrorText(commandPath: ReadonlyArray<string>, help: HelpDoc.HelpDoc, errors: ReadonlyArray<CliError.CliError>): string {
  const command = commandPath.join(" ");
  const lines = errors.map((e) => `${command}: ${errorMessage(e)}`);
  return [...lines, "", `usage: ${help.usage}`, `run \`${command} --help\` for the full help`].join("\n");
}

function errorMessage(error: CliError.CliError): string {
  if (error._tag !== "InvalidValue" || error.kind !== "flag" || error.value === "") return error.message;
  // A filter's own message (`--max-heap-mb must be at least 1, got 0`) says it all.
  if (error.expected.startsWith(`--${error.option} `)) return error.expected;
  // effect's integer decoding says "a string representing a finite number" of "abc" and "an integer"
  // of "1.5" (nfvtwin has no fractional number flags); an integer too large keeps its own message.
  const notInteger = /finite number|an integer/.test(error.expected) && !/^[+-]?\d+$/.test(error.value.trim());
  return notInteger ? `--${error.option} takes an integer, got "${error.value}"` : error.message;
}
