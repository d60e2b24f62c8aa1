/**
 * The real Azure Storage emulator (azurite, blob service only) for tests: started by the test itself on a
 * free port of 127.0.0.1, data kept in a temporary folder so that a restart on the same folder and port
 * finds it again, stopped by killing its whole process group so nothing is left running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../bench/childProcess';

const ACCOUNT = 'devstoreaccount1';
// The emulator's published, well-known development key: not a secret.
const ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

function azuriteBlobEntry(): string | undefined {
  try {
    return join(require.resolve('azurite/package.json'), '..', 'dist', 'src', 'blob', 'main.js');
  } catch {
    return undefined;
  }
}

export const hasAzurite = azuriteBlobEntry() !== undefined;

/**
 * describe() for tests that need the emulator. Without it they are skipped with a clear message locally;
 * in CI (CI=true) a missing emulator is a failure, never a silent skip.
 */
export function describeWithAzurite(name: string, fn: () => void): void {
  if (hasAzurite) {
    describe(name, fn);
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      it('needs azurite in node_modules (missing in CI)', () => {
        throw new Error('azurite is not installed: run npm install');
      });
    });
    return;
  }
  console.warn(`SKIPPED "${name}": azurite is not installed (npm install brings it).`);
  describe.skip(name, fn);
}


function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    // The negative pid reaches the whole group, in case the emulator ever starts children of its own.
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

export class Azurite {
  readonly folder: string;
  private port = 0;
  private child: ChildProcess | undefined;
  /** The process id of the last emulator started, to check that stopping left nothing behind. */
  lastPid: number | undefined;
  private output = '';
  private readonly killOnExit = () => {
    if (this.child) signalGroup(this.child, 'SIGKILL');
  };

  constructor() {
    this.folder = mkdtempSync(join(tmpdir(), 'iag-azurite-'));
  }

  /** Connection string in the explicit development-storage form, pointing at this emulator's port. */
  get connectionString(): string {
    return (
      `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};` +
      `BlobEndpoint=http://${HOST}:${this.port}/${ACCOUNT};`
    );
  }

  get running(): boolean {
    return this.child !== undefined && isRunning(this.child);
  }

  /** Starts on a free port the first time, then on the same port and folder (a restart). */
  async start(): Promise<string> {
    if (this.running) return this.connectionString;
    const entry = azuriteBlobEntry();
    if (!entry) throw new Error('azurite is not installed');
    if (this.port === 0) this.port = await freePort();
    this.output = '';
    const child = spawn(
      process.execPath,
      [
        entry,
        '--blobHost',
        HOST,
        '--blobPort',
        String(this.port),
        '--location',
        this.folder,
        '--silent',
        '--loose',
        '--skipApiVersionCheck',
        '--disableTelemetry',
      ],
      { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    this.lastPid = child.pid;
    process.once('exit', this.killOnExit);
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);

    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (!isRunning(child)) throw new Error(`azurite exited while starting:\n${this.output}`);
      if (await canConnect(this.port)) return this.connectionString;
      await sleep(50);
    }
    await this.stop();
    throw new Error(
      `azurite did not listen on ${HOST}:${this.port} within ${READY_TIMEOUT_MS} ms:\n${this.output}`,
    );
  }

  /**
   * Stops gracefully first (SIGTERM makes azurite save its metadata, which a restart must find), then
   * kills the group if it lingers.
   */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    process.removeListener('exit', this.killOnExit);
    if (isRunning(child)) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      signalGroup(child, 'SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const lingered = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS);
      });
      const inTime = !(await Promise.race([exited.then(() => false), lingered]));
      clearTimeout(timer);
      if (!inTime) {
        signalGroup(child, 'SIGKILL');
        await exited;
      }
    }
    // Any straggler in the group (there should be none) goes too.
    signalGroup(child, 'SIGKILL');
    child.stdout?.destroy();
    child.stderr?.destroy();
    // The port must be free again before a restart may claim it.
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (Date.now() < deadline && (await canConnect(this.port))) await sleep(50);
  }

  /** Stops and removes the data folder. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.folder, { recursive: true, force: true });
  }
}
