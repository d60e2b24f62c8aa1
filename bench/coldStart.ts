/**
 * Cold start: from spawning the assistant exactly as `npm start` does (node --no-regexp-tier-up --import
 * tsx src/main.ts) to the first 200 from /healthz, which main.ts gives only after the content is loaded
 * and the French and English date models are compiled.
 */
import { join } from 'node:path';
import { NODE_FLAGS, ROOT, freePort, spawnNode, stopChild } from './childProcess';

const POLL_MS = 20;
const GIVE_UP_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

export async function measureColdStart(): Promise<number> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawnNode([...NODE_FLAGS, join(ROOT, 'src', 'main.ts')], {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    STORAGE: 'memory',
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  try {
    while (child.exitCode === null) {
      if (await healthy(`http://127.0.0.1:${port}/healthz`)) {
        return Number(process.hrtime.bigint() - started) / 1e6;
      }
      if (Number(process.hrtime.bigint() - started) / 1e6 > GIVE_UP_MS) break;
      await sleep(POLL_MS);
    }
    throw new Error(`the assistant did not become ready (exit ${child.exitCode}):\n${stderr}`);
  } finally {
    await stopChild(child);
  }
}
