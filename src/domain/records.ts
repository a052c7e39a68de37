/**
 * One state change in the event log. Every change the twin makes is one record; `seq` is the log's
 * own strictly increasing number, `timeMs` the simulated clock when it happened.
 */
export interface LogRecord {
  readonly seq: number;
  readonly timeMs: number;
  /** Entity type, e.g. "server", "host", "run". */
  readonly entity: string;
  readonly id: string;
  /** Operation or transition name, e.g. "allocate", "build.complete". */
  readonly op: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** Where records go; the metrics room implements it, the VIM writes through it. */
export interface LogSink {
  append(timeMs: number, entity: string, id: string, op: string, before: unknown, after: unknown): void;
}
