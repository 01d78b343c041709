// Starts the real SupportGym server for the browser tests: `supportgym serve` from the
// repository's virtual environment, on a free loopback port, with a fresh data directory.
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const SUPPORTGYM = join(REPO_ROOT, ".venv/bin/supportgym");
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;

export interface ServerOptions {
  /** Default: a free loopback port. */
  port?: number;
  /** Default: a new temporary directory, removed by `stop({ removeData: true })`. */
  dataDir?: string;
}

/** A running `supportgym serve` in its own process group. */
export class SupportGymServer {
  readonly port: number;
  readonly dataDir: string;
  readonly logPath: string;
  private process: ChildProcess;

  private constructor(port: number, dataDir: string, process: ChildProcess) {
    this.port = port;
    this.dataDir = dataDir;
    this.logPath = join(dataDir, "server.log");
    this.process = process;
  }

  get baseURL(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts a server and waits until `GET /api/health` answers. */
  static async start(options: ServerOptions = {}): Promise<SupportGymServer> {
    const port = options.port ?? (await freePort());
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "supportgym-e2e-"));
    const server = new SupportGymServer(port, dataDir, launch(port, dataDir));
    await server.waitUntilHealthy();
    return server;
  }

  /**
   * Kills the server and its training workers at once (SIGKILL to the process group, as
   * a crash or a power cut would), then starts it again on the same port and data dir.
   */
  async restart(): Promise<void> {
    await this.signalAndWait("SIGKILL", STOP_TIMEOUT_MS);
    this.process = launch(this.port, this.dataDir);
    await this.waitUntilHealthy();
  }

  /** Stops the server (SIGTERM to its process group, SIGKILL if it lingers). */
  async stop({ removeData = false } = {}): Promise<void> {
    if (!(await this.signalAndWait("SIGTERM", STOP_TIMEOUT_MS))) {
      await this.signalAndWait("SIGKILL", STOP_TIMEOUT_MS);
    }
    if (removeData) rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** The end of the server's log, for error messages. */
  logTail(lines = 40): string {
    try {
      return readFileSync(this.logPath, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    } catch {
      return "(no log)";
    }
  }

  /** Signals the whole process group; whether the server exited within `timeoutMs`. */
  private async signalAndWait(signal: NodeJS.Signals, timeoutMs: number): Promise<boolean> {
    const child = this.process;
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once("exit", () => resolve());
    });
    try {
      process.kill(-(child.pid as number), signal);
    } catch {
      // The group is already gone.
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const result = await Promise.race([exited.then(() => true), timeout]);
    clearTimeout(timer);
    return result;
  }

  private async waitUntilHealthy(): Promise<void> {
    const child = this.process;
    const deadline = Date.now() + START_TIMEOUT_MS;
    if (child.pid === undefined) throw new Error(`could not start ${SUPPORTGYM}`);
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `supportgym serve exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${this.logTail()}`,
        );
      }
      try {
        const response = await fetch(`${this.baseURL}/api/health`);
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await this.signalAndWait("SIGKILL", STOP_TIMEOUT_MS);
    throw new Error(`supportgym serve was not healthy after ${START_TIMEOUT_MS / 1000} s:\n${this.logTail()}`);
  }
}

/**
 * `supportgym serve` with the repository root as working directory (so it serves
 * frontend/dist), in a new process group so that the server and the training workers it
 * spawns stop together. Inherited SUPPORTGYM_* settings are dropped: the tests own them.
 */
function launch(port: number, dataDir: string): ChildProcess {
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("SUPPORTGYM_")),
  );
  env.SUPPORTGYM_DATA_DIR = dataDir;
  env.SUPPORTGYM_MAX_JOBS = "1";
  const log = openSync(join(dataDir, "server.log"), "a");
  try {
    const child = spawn(SUPPORTGYM, ["serve", "--host", "127.0.0.1", "--port", String(port)], {
      cwd: REPO_ROOT,
      env,
      detached: true,
      stdio: ["ignore", log, log],
    });
    child.on("error", () => {}); // a failed spawn leaves no pid: waitUntilHealthy reports it
    // Should the test runner die first, the server must not outlive it.
    process.once("exit", () => {
      try {
        process.kill(-(child.pid as number), "SIGKILL");
      } catch {
        // Already stopped.
      }
    });
    return child;
  } finally {
    closeSync(log);
  }
}

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
