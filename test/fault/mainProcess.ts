/**
 * The assistant as `npm start` runs it (node --no-regexp-tier-up --import tsx src/main.ts), in a child
 * process on a free port of 127.0.0.1, with its JSON log lines captured. Killed with SIGKILL, as a crash
 * or an evicted container would be, never given the chance to finish anything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../bench/childProcess';

const ROOT = join(__dirname, '..', '..');
const READY_TIMEOUT_MS = 90_000;

export interface MainProcess {
  url: string;
  logs: Array<Record<string, unknown>>;
  readonly alive: boolean;
  kill(): Promise<void>;
}


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function ready(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

export async function startMain(env: Record<string, string>): Promise<MainProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--no-regexp-tier-up', '--import', 'tsx', join(ROOT, 'src', 'main.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: 'info',
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const logs: MainProcess['logs'] = [];
  let pending = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines.filter(Boolean)) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ unparsed: line });
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const kill = async () => {
    process.removeListener('exit', killOnExit);
    if (!isRunning(child)) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline && isRunning(child)) {
    if (await ready(url)) {
      return {
        url,
        logs,
        get alive() {
          return isRunning(child);
        },
        kill,
      };
    }
    await sleep(50);
  }
  await kill();
  throw new Error(`the assistant did not become ready:\n${stderr}\n${JSON.stringify(logs.slice(-5))}`);
}
