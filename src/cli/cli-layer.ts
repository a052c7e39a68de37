/** The platform services effect's CLI module needs, provided over Node 20 without @effect/platform-node. */
import * as Console from "effect/Console";
import * as Effect from "effect/Effect";
import * as FileSystem from "effect/FileSystem";
import * as Layer from "effect/Layer";
import * as Path from "effect/Path";
import * as Stdio from "effect/Stdio";
import * as Terminal from "effect/Terminal";
import { ChildProcessSpawner } from "effect/process";
import { printStyledOut, terminalConsole, type TerminalStreams } from "./terminal.js";
import { nfvtwinCliConfig, nfvtwinPresenterLayer } from "./usage-presenter.js";

/**
 * Services for `Command.run`: argv, a terminal and a console that write to `io` through terminal.ts, no
 * child processes; nfvtwin's global flags and its presentation of usage errors (usage-presenter.ts).
 */
export function cliLayer(argv: ReadonlyArray<string>, io: TerminalStreams = { stdout: process.stdout, stderr: process.stderr }) {
  return Layer.mergeAll(
    FileSystem.layerNoop({}),
    Path.layer,
    Stdio.layerTest({ args: Effect.succeed(argv) }),
    Layer.succeed(
      Terminal.Terminal,
      Terminal.make({
        columns: Effect.sync(() => process.stdout.columns ?? 100),
        rows: Effect.sync(() => process.stdout.rows ?? 24),
        size: Effect.die("nfvtwin reads no terminal size"),
        readInput: Effect.die("nfvtwin reads no terminal input"),
        readLine: Effect.die("nfvtwin reads no terminal input"),
        display: (text) => Effect.sync(() => printStyledOut(io.stdout, text)),
      }),
    ),
    Layer.succeed(Console.Console, terminalConsole(io)),
    Layer.succeed(ChildProcessSpawner.ChildProcessSpawner, ChildProcessSpawner.make(() => Effect.die("nfvtwin spawns no process"))),
    nfvtwinCliConfig,
    nfvtwinPresenterLayer,
  );
}
