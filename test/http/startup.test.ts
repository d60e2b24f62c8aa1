import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { readConfig } from '../../src/config';
import { expectReplies, routeOf, type Json } from './support';

const ROOT = join(__dirname, '..', '..');

interface Started {
  child: ChildProcess;
  lines: Json[];
  exited: Promise<number | null>;
}

/** `npm start` as the README runs it, on a free port, with a clean environment plus `env`. */
function start(env: Record<string, string>): Started {
  const base: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    PORT: '0',
    HOST: '127.0.0.1',
  };
  const child = spawn(
    process.execPath,
    ['--no-regexp-tier-up', '--import', 'tsx', join(ROOT, 'src/main.ts')],
    {
      cwd: ROOT,
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: Json[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const p of parts) if (p.trim()) lines.push(JSON.parse(p) as Json);
  });
  child.stderr!.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, exited };
}

async function until<T>(find: () => T | undefined, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const running: ChildProcess[] = [];
afterAll(() => running.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));

describe.each(['agents', 'botbuilder'])('npm start with BOT_SDK=%s', (sdk) => {
  it('starts with no configuration, warns once about anonymous mode, answers with the route entity, and stops cleanly on SIGTERM', async () => {
    const app = start({ BOT_SDK: sdk });
    running.push(app.child);
    const listening = await until(() => app.lines.find((l) => l.event === 'server.listening'));
    const url = `http://127.0.0.1:${String(listening.port)}`;
    await until(() => app.lines.find((l) => l.event === 'server.ready'));
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(app.lines.filter((l) => l.event === 'auth.anonymous')).toHaveLength(1);
    expect(listening).toMatchObject({ sdk, storage: 'memory' });

    const turn = fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(expectReplies('start-1', { text: 'What is extradition?' })),
    });
    // SIGTERM once the turn has started: the in-flight turn still completes.
    await until(() => app.lines.find((l) => l.event === 'turn.received'));
    app.child.kill('SIGTERM');
    const res = await turn;
    expect(res.status).toBe(200);
    const body = (await res.json()) as { activities: Json[] };
    expect(routeOf(body.activities)).toMatchObject({ route: 'answer', topic: 'ext.definition' });
    expect(await app.exited).toBe(0);
  }, 90_000);
});

describe('npm start in production', () => {
  it('refuses to start anonymous unless ALLOW_ANONYMOUS=true', async () => {
    const app = start({ NODE_ENV: 'production' });
    running.push(app.child);
    expect(await app.exited).toBe(1);
    expect(app.lines.some((l) => String(l.msg).includes('IAG_E_CONFIG_ANONYMOUS_IN_PRODUCTION'))).toBe(true);
  }, 60_000);

  it.each(['agents', 'botbuilder'])(
    'starts anonymous with ALLOW_ANONYMOUS=true (%s) and says so',
    async (sdk) => {
      const app = start({ NODE_ENV: 'production', ALLOW_ANONYMOUS: 'true', BOT_SDK: sdk });
      running.push(app.child);
      const listening = await until(() => app.lines.find((l) => l.event === 'server.listening'));
      await until(() => app.lines.find((l) => l.event === 'server.ready'));
      expect(app.lines.filter((l) => l.event === 'auth.anonymous')).toHaveLength(1);
      const res = await fetch(`http://127.0.0.1:${String(listening.port)}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(expectReplies('prod-1', { text: 'hello' })),
      });
      expect(res.status).toBe(200);
      app.child.kill('SIGTERM');
      expect(await app.exited).toBe(0);
    },
    90_000,
  );
});

describe('the configuration', () => {
  it('defaults to the Agents SDK, memory storage and anonymous local mode', () => {
    expect(readConfig({})).toMatchObject({
      port: 3978,
      botSdk: 'agents',
      anonymous: true,
      storage: { kind: 'memory' },
    });
  });

  it('reads the Bot Framework and the Agents SDK credential names alike', () => {
    expect(
      readConfig({ MicrosoftAppId: 'a', MicrosoftAppPassword: 'p', MicrosoftAppTenantId: 't' }).credentials,
    ).toEqual({ appId: 'a', appPassword: 'p', tenantId: 't' });
    expect(readConfig({ clientId: 'a', clientSecret: 'p', tenantId: 't' })).toMatchObject({
      anonymous: false,
      credentials: { appId: 'a', appPassword: 'p', tenantId: 't' },
    });
  });

  it('selects blob storage with its connection string and a default container', () => {
    expect(
      readConfig({ STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }).storage,
    ).toEqual({
      kind: 'blob',
      connectionString: 'UseDevelopmentStorage=true',
      container: 'iag-conversations',
    });
  });

  it.each([
    [{ BOT_SDK: 'teams' }, /BOT_SDK/],
    [{ STORAGE: 'disk' }, /STORAGE/],
    [{ STORAGE: 'blob' }, /AZURE_STORAGE_CONNECTION_STRING/],
    [{ ALLOW_ANONYMOUS: 'yes please' }, /ALLOW_ANONYMOUS/],
    [{ NODE_ENV: 'production' }, /IAG_E_CONFIG_ANONYMOUS_IN_PRODUCTION/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });

  it('accepts production with an app id, or with anonymous mode explicitly allowed', () => {
    expect(
      readConfig({ NODE_ENV: 'production', MicrosoftAppId: 'a', MicrosoftAppPassword: 'p' }).anonymous,
    ).toBe(false);
    expect(readConfig({ NODE_ENV: 'production', ALLOW_ANONYMOUS: 'true' }).anonymous).toBe(true);
  });
});
