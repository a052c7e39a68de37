/**
 * The part of sql.js (1.17, which ships no types) that nfvtwin uses: open a database from bytes,
 * iterate a prepared statement row by row, and (tests) create and export one.
 */
declare module "sql.js" {
  export type SqlValue = number | string | Uint8Array | null;
  export interface Statement {
    /** Moves to the next row; false after the last. */
    step(): boolean;
    /** The current row's values in column order. */
    get(): SqlValue[];
    bind(values: SqlValue[]): boolean;
    run(values?: SqlValue[]): void;
    free(): boolean;
  }
  export interface Database {
    prepare(sql: string): Statement;
    run(sql: string, params?: SqlValue[]): Database;
    exec(sql: string): Array<{ columns: string[]; values: SqlValue[][] }>;
    export(): Uint8Array;
    close(): void;
  }
  export interface SqlJsStatic {
    Database: new (data?: ArrayLike<number> | Buffer | null) => Database;
  }
  export interface SqlJsConfig {
    locateFile?: (file: string) => string;
    wasmBinary?: ArrayBuffer | Uint8Array;
  }
  export default function initSqlJs(config?: SqlJsConfig): Promise<SqlJsStatic>;
}
