/**
 * The compute service's live servers: numbers handed out in order and never reused, the live servers
 * by number, and a dense list of them whose order depends only on the run. A data structure; the
 * state changes of its servers are the transition table's (server-machine.ts).
 */
import { domainError, fail, type Result } from "../../domain/index.js";
import { Server } from "./server.js";

/** NOT_FOUND for server number `no`, deleted or never made. */
export const serverNotFound = (no: number): Result<never> => fail(domainError("NOT_FOUND", `server vm-${no} does not exist or is deleted`));

export class ServerRegistry {
  private nextNo = 1;
  /**
   * Live servers by number: a dense array (server numbers are consecutive and never reused), which is
   * much faster than a hash map once hundreds of thousands of servers are alive (bench/e2e.bench.ts).
   */
  readonly byNo: Array<Server | undefined> = [];
  private count = 0;
  /** The live servers, dense (order: creation, with swap-removal); each knows its position (Server.livePosition). */
  readonly liveList: Server[] = [];

  /** The number the next server gets. */
  takeNo(): number {
    return this.nextNo++;
  }

  /** Whether any server was ever made (numbers start at 1). */
  get anyMade(): boolean {
    return this.nextNo > 1;
  }

  get liveCount(): number {
    return this.count;
  }

  /** Registers a new server as live. */
  add(s: Server): void {
    this.byNo[s.no] = s;
    this.count++;
    s.livePosition = this.liveList.length;
    this.liveList.push(s);
  }

  /** The live server `no`, if any (any number, even out of range). */
  live(no: number): Server | undefined {
    return no >= 0 && no < this.byNo.length ? this.byNo[no] : undefined;
  }

  /** Whether `s` is the live server of its number. */
  isLive(s: { readonly no: number }): boolean {
    return this.byNo[s.no] === s;
  }

  /**
   * Forgets the deleted server `s`. In the dense live list the last entry takes its place; the
   * position is kept on the record, which a terminate reads anyway: a side table indexed by server
   * number cost a cache miss per terminate on long runs (bench/e2e.bench.ts).
   */
  remove(s: Server): void {
    this.byNo[s.no] = undefined;
    this.count--;
    const at = s.livePosition;
    const last = this.liveList.pop()!;
    if (last !== s) {
      this.liveList[at] = last;
      last.livePosition = at;
    }
    s.livePosition = -1;
  }
}
