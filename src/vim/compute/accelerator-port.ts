/**
 * The compute service's port to accelerator management (Nova ↔ Cyborg): claim a server's handles
 * with its placement claim, gate ACTIVE on every ARQ being Bound, release on delete, and refuse the
 * operations Nova refuses for servers with accelerators. Absent, the compute path is unchanged.
 */
import type { UserOp } from "./server-machine.js";
import type { ServerRecord } from "./server.js";

export interface AcceleratorPort {
  /** Creates and binds the server's ARQs on host h (BindStarted); false when the handles are not there. */
  claim(s: ServerRecord, h: number): boolean;
  /** At spawn end: every ARQ → Bound and undefined, or the build fault (its ARQs then released). */
  completeBind(s: ServerRecord): string | undefined;
  /**
   * Evacuation moved the server to host h: its ARQs on the failed host are deleted and new ones are
   * bound on h (Nova evacuate with accelerators); false when h lacks the handles.
   */
  rebind(s: ServerRecord, h: number): boolean;
  /** Why a server (re)built with a device profile lacks Bound requests (one was released meanwhile), or undefined. */
  missingBinds(s: ServerRecord): string | undefined;
  /** Deletes the server's ARQs, freeing their handles (INV-F4, J1). */
  release(s: ServerRecord): void;
  /** Why `op` is refused for this server (it has accelerators), or undefined. */
  refusal(s: ServerRecord, op: UserOp): string | undefined;
}
