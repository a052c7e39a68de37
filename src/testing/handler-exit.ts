/** A command handler's Effect run in this process: its exit code and the stderr lines it fails with. */
import * as Cause from "effect/Cause";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import { CommandFailure } from "../cli/exit-codes.js";

/** Exit code (0 on success) and stderr text of a handler's Effect; anything but a CommandFailure is rethrown. */
export async function exitOf(effect: Effect.Effect<unknown, CommandFailure>): Promise<{ code: number; stderr: string }> {
  const exit = await Effect.runPromiseExit(effect);
  if (Exit.isSuccess(exit)) return { code: 0, stderr: "" };
  const failure = Cause.squash(exit.cause);
  if (failure instanceof CommandFailure) return { code: failure.exitCode, stderr: failure.lines.join("\n") };
  throw failure;
}
