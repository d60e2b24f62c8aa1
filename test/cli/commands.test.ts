import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const node = (script: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, ['--no-regexp-tier-up', '--import', 'tsx', join(ROOT, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });

describe('npm run replay', () => {
  it('prints one JSON line per turn as the contract says, progress on stderr only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-'));
    const file = join(dir, 'items.jsonl');
    writeFileSync(
      file,
      [
        { id: 'a', locale: 'fr', turns: [{ text: 'qui dois-je contacter?' }, { text: 'je suis policier a Lyon' }] },
        { id: 'b', locale: 'en', turns: [{ text: 'hello', expect: { route: 'smalltalk' } }] },
      ]
        .map((x) => JSON.stringify(x))
        .join('\n'),
    );
    const run = node('src/cli/replay.ts', [file]);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ id: 'a', turn: 0, route: 'clarify', locale: 'fr' });
    expect(lines[1]).toMatchObject({ id: 'a', turn: 1, route: 'contact', contact: 'fr', locale: 'fr' });
    expect(lines[2]).toMatchObject({ id: 'b', turn: 0, route: 'smalltalk', intent: 'greeting', locale: 'en' });
    expect(typeof lines[2].text).toBe('string');
  });

  it('names the line of an invalid item and exits non-zero', () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-'));
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"id":"ok","turns":[{"text":"hi"}]}\n{not json}\n');
    const run = node('src/cli/replay.ts', [file]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('bad.jsonl:2');
    expect(run.stdout).toBe('');
  });
});

describe('npm run kb:check', () => {
  it('passes on the project content', () => {
    expect(execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/kbCheck.ts')], { cwd: ROOT, encoding: 'utf8' })).toContain(
      'kb:check: ok',
    );
  });

  it('reports each problem with its file and field and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-'));
    cpSync(join(ROOT, 'knowledge'), dir, { recursive: true });
    const topic = join(dir, 'topics', 'ext.bail.yaml');
    writeFileSync(topic, readFileSync(topic, 'utf8').replace(/^reviewed: .*$/m, 'reviewed: last week'));
    const fr = join(dir, 'responses', 'fr.yaml');
    writeFileSync(fr, readFileSync(fr, 'utf8').replace(/^smalltalk\.thanks: .*$/m, ''));
    const run = node('src/cli/kbCheck.ts', [dir]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/ext\.bail\.yaml\s+reviewed: must be a date/);
    expect(run.stderr).toMatch(/fr\.yaml\s+smalltalk\.thanks: missing/);
  });
});

describe('commands piped into a reader that stops early', () => {
  it('stop quietly when the pipe closes (kb:confusion | head -1)', () => {
    const run = spawnSync('sh', ['-c', `"${process.execPath}" --import tsx src/cli/kbConfusion.ts | head -1`], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stdout).toMatch(/^Leave-one-out: /);
    expect(run.stderr).not.toMatch(/EPIPE|Unhandled/);
  });
});
