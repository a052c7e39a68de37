/**
 * A real OpenStack Placement API for differential tests: Debian's python3-placement behind Python's
 * wsgiref on 127.0.0.1 (ephemeral port; pre-forked workers, HTTP/1.1 keep-alive), with a SQLite database in a fresh temp folder removed on stop.
 * Started through src/testing/placement/serve.py, which creates the schema in-process (the alembic
 * upgrade of `placement-manage db sync`) and prints the port when it accepts requests.
 *
 * Not skipped when Placement is missing: `startPlacementServer` throws a message naming the install
 * step of .ci/run, so a test run without it fails instead of passing silently.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { env } from "node:process";
import { fileURLToPath } from "node:url";

/** Debian's interpreter (python3-placement installs into its dist-packages), not a pyenv or venv one. */
const PYTHON = env["NFVTWIN_PLACEMENT_PYTHON"] ?? "/usr/bin/python3";
/** The launcher beside this file; compiled copies (dist/, for bench/) pass the source's path instead. */
const SERVE_PY = join(dirname(fileURLToPath(import.meta.url)), "placement", "serve.py");
/** The microversion every request asks for (Zed's maximum, what bookworm's placement 8.0 serves). */
export const PLACEMENT_MICROVERSION = "1.39";
const START_TIMEOUT_MS = 60_000;
const MISSING_EXIT_CODE = 3;

export const PLACEMENT_MISSING =
  "OpenStack Placement is not installed: the real-Placement tests need Debian's python3-placement. " +
  ".ci/run installs it (`apt-get update && apt-get install -y --no-install-recommends python3-placement`); " +
  "or set NFVTWIN_PLACEMENT_PYTHON to a Python that can import placement";

/** One answer of the API: HTTP status and the decoded JSON body (null when empty). */
export interface PlacementResponse {
  readonly status: number;
  readonly body: unknown;
}

/** A running Placement API. */
export interface PlacementServer {
  readonly baseUrl: string;
  /** `method path` with an optional JSON body, as the admin (noauth2 token `admin`), at 1.39. */
  request(method: string, path: string, body?: unknown): Promise<PlacementResponse>;
  /** Stops the server and removes its temp folder (database and config). */
  stop(): Promise<void>;
}

const configText = (dbPath: string): string =>
  [
    "[DEFAULT]",
    "debug = false",
    "[api]",
    "auth_strategy = noauth2",
    "[placement_database]",
    `connection = sqlite:///${dbPath}`,
    // The schema is created when the app loads: the same alembic upgrade as `placement-manage db sync`.
    "sync_on_startup = true",
    "",
  ].join("\n");

/**
 * Starts Placement; resolves once it accepts requests (about 2 s), throws PLACEMENT_MISSING without it.
 * `workers` processes share the socket, as uwsgi or mod_wsgi run Placement (2 by default, so the tests
 * go through the forked path the bench uses; each worker answers keep-alive HTTP/1.1 connections).
 */
export async function startPlacementServer(servePy: string = SERVE_PY, workers = 2): Promise<PlacementServer> {
  if (!existsSync(PYTHON)) throw new Error(`${PLACEMENT_MISSING} (no ${PYTHON})`);
  const dir = mkdtempSync(join(tmpdir(), "nfvtwin-placement-"));
  const confPath = join(dir, "placement.conf");
  writeFileSync(confPath, configText(join(dir, "placement.db")));
  const child = spawn(PYTHON, [servePy, confPath, String(workers)], { stdio: ["pipe", "pipe", "pipe"] });
  try {
    const port = await readyPort(child);
    return serverAt(`http://127.0.0.1:${port}`, child, dir);
  } catch (error) {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The port the launcher prints once it serves; rejects with its stderr when it exits first. */
function readyPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => reject(new Error(`Placement did not start within ${START_TIMEOUT_MS} ms\n${stderr}`)), START_TIMEOUT_MS);
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      const match = /^PORT (\d+)$/m.exec(stdout);
      if (match === null) return;
      clearTimeout(timer);
      resolve(Number(match[1]));
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`${PLACEMENT_MISSING}: ${error.message}`));
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      const why = code === MISSING_EXIT_CODE ? PLACEMENT_MISSING : `Placement exited with code ${String(code)} before serving`;
      reject(new Error(`${why}\n${stderr}`));
    });
  });
}

function serverAt(baseUrl: string, child: ChildProcess, dir: string): PlacementServer {
  return {
    baseUrl,
    request: async (method, path, body) => {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          "x-auth-token": "admin",
          "openstack-api-version": `placement ${PLACEMENT_MICROVERSION}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text === "" ? null : (JSON.parse(text) as unknown) };
    },
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Terminates the launcher (this child only) and waits for it to exit; closing stdin alone would do too. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
