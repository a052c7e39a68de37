/**
 * Where a command prints, as an Effect reference: the process's stdout and stderr by default, a
 * capturing sink when a command runs in-process (run-command.ts, the fuzzer). Handlers print only
 * through it, so one process can run many commands and read back what each printed.
 */
import * as Context from "effect/Context";

/** A text stream the progress line can draw on (a TTY) or skip (anything else). */
export interface TextStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface CliIo {
  readonly stdout: TextStream;
  readonly stderr: TextStream;
  /** Render report folders on a thread of their own (faster for one command; a thread per command in-process is not). */
  readonly reportThread: boolean;
}

/** The process's own streams. */
export const processIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, reportThread: true });

export const CliIoRef = Context.Reference<CliIo>("nfvtwin/CliIo", { defaultValue: processIo });

/** Prints `text` as is on stdout. */
export const printOut = (text: string) => CliIoRef.useSync((io) => void io.stdout.write(text));

/** Prints `text` as is on stderr. */
export const printErr = (text: string) => CliIoRef.useSync((io) => void io.stderr.write(text));
