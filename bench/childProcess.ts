/** Starting and stopping the benchmark's child processes, and a free port for them. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..');

/** What `npm start` runs: the flag keeps the date models' huge regexes from stalling the first turns. */
export const NODE_FLAGS = ['--no-regexp-tier-up', '--import', 'tsx'];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Kills a child and waits for it to be gone. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

export function spawnNode(args: string[], env: NodeJS.ProcessEnv, ipc = false): ChildProcess {
  return spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ipc ? ['ignore', 'ignore', 'inherit', 'ipc'] : ['ignore', 'ignore', 'pipe'],
  });
}
