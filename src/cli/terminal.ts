/**
 * The only writer of stdout and stderr. Names, descriptions, warnings and expectation texts come from
 * scenario files, and a file may hold terminal control sequences: colours, a window title (OSC),
 * cursor movement, a carriage return that overwrites what was printed. Everything printed loses them
 * here, in one place; newline and tab, which are structure, stay. terminal.test.ts fails when another
 * file of src/cli writes to process.stdout or process.stderr itself.
 */
import { formatWithOptions } from "node:util";
import type * as Console from "effect/Console";
import { stripControls } from "../report/index.js";

/** What a terminal gets of `text`: no escape sequences, no controls but newline and tab. */
export const terminalText = (text: string): string => stripControls(text);

/** SGR (colour and weight) sequences only: ESC [ digits and semicolons m. */
const isStyle = (sequence: string): boolean => /^\u001b\[[0-9;]*m$/.test(sequence);

/** A text stream the progress line can draw on (a TTY) or skip (anything else). */
export interface TextStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** Where a command prints: the process's streams, or captured ones (run-command.ts). */
export interface TerminalStreams {
  readonly stdout: TextStream;
  readonly stderr: TextStream;
}

/** Writes `text` to `stream`, sanitised: every printed line of src/cli goes through here or below. */
export function writeText(stream: TextStream, text: string): void {
  stream.write(terminalText(text));
}

/** Writes `text` to the process's stderr, sanitised (for notes made outside a command's Effect). */
export function processErr(text: string): void {
  writeText(process.stderr, text);
}

/**
 * The progress line, redrawn in place on `stream` (a TTY): its own carriage return is the only
 * control written, the text is sanitised like everything else.
 */
export function redrawLine(stream: TextStream, text: string): void {
  stream.write(`\r${terminalText(text)}`);
}

/** Clears the progress line on `stream`: carriage return and erase-line, nothing else. */
export function eraseLine(stream: TextStream): void {
  stream.write("\r\u001b[2K");
}

/** Calls `done` once everything written to stdout and then stderr has been flushed. */
export function afterFlush(done: () => void): void {
  process.stdout.write("", () => process.stderr.write("", done));
}

/**
 * The Console the CLI module prints help and usage errors with. Its colours are its own and are kept;
 * every other sequence goes (an argument echoed in an error message can hold anything).
 */
export function terminalConsole(io: TerminalStreams = { stdout: process.stdout, stderr: process.stderr }): Console.Console {
  const line = (args: ReadonlyArray<unknown>): string => `${stripControls(formatWithOptions({ colors: false }, ...args), isStyle)}\n`;
  return Object.assign(Object.create(console) as Console.Console, {
    log: (...args: ReadonlyArray<unknown>) => void io.stdout.write(line(args)),
    info: (...args: ReadonlyArray<unknown>) => void io.stdout.write(line(args)),
    debug: (...args: ReadonlyArray<unknown>) => void io.stdout.write(line(args)),
    error: (...args: ReadonlyArray<unknown>) => void io.stderr.write(line(args)),
    warn: (...args: ReadonlyArray<unknown>) => void io.stderr.write(line(args)),
  });
}

/** The CLI module's Terminal display (prompts, which nfvtwin does not use): sanitised, colours kept. */
export function printStyledOut(stream: TextStream, text: string): void {
  stream.write(stripControls(text, isStyle));
}
