/**
 * Where a command prints, as an Effect reference: the process's stdout and stderr by default, a
 * capturing sink when a command runs in-process (run-command.ts, the fuzzer). Handlers print only
 * through it, so one process can run many commands and read back what each printed.
 */
import * as Context from "effect/Context";
import { writeText, type TerminalStreams } from "./terminal.js";

export type { TextStream } from "./terminal.js";

export interface CliIo extends TerminalStreams {
  /** Render report folders on a thread of their own, and start the first simulation thread ahead of loading (faster for one command; a thread per command in-process is not). */
  readonly reportThread: boolean;
}

/** The process's own streams. */
export const processIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, reportThread: true });

export const CliIoRef = Context.Reference<CliIo>("nfvtwin/CliIo", { defaultValue: processIo });

/** Prints `text` on stdout without its control sequences (terminal.ts). */
export const printOut = (text: string) => CliIoRef.useSync((io) => writeText(io.stdout, text));

/** Prints `text` on stderr without its control sequences (terminal.ts). */
export const printErr = (text: string) => CliIoRef.useSync((io) => writeText(io.stderr, text));
