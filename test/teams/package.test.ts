import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import {
  buildTeamsPackage,
  bundledSchema,
  DEFAULT_MANIFEST_DIR,
  iconProblems,
  teamsPackageSettings,
  TeamsPackageError,
  unicodeSafePattern,
  validateAgainstBundledSchema,
} from '../../src/cli/teamsPackage';
import { drawColorIcon, drawOutlineIcon } from '../../src/cli/teamsIcons';
import { teamsChannel } from '../../src/channels/teams';

const ROOT = join(__dirname, '..', '..');
const APP_ID = '8f1c2d3e-4b5a-4c6d-9e8f-0a1b2c3d4e5f';
const ENV = {
  MICROSOFT_APP_ID: APP_ID,
  PUBLIC_HOSTNAME: 'https://iag-assistant.azurewebsites.net/api/messages',
};

let work: string;
const realFetch = globalThis.fetch;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'teams-package-'));
  // Validation must be offline: any attempt to fetch a schema fails the test.
  globalThis.fetch = (() => Promise.reject(new Error('network used during packaging'))) as typeof fetch;
});

afterAll(() => {
  globalThis.fetch = realFetch;
  rmSync(work, { recursive: true, force: true });
});

/** A copy of manifest/ to break on purpose. */
function manifestCopy(): string {
  const dir = mkdtempSync(join(work, 'manifest-'));
  cpSync(DEFAULT_MANIFEST_DIR, dir, { recursive: true });
  return dir;
}

async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TeamsPackageError) return error.problems;
    throw error;
  }
  throw new Error('expected the package to be refused');
}

describe('npm run package:teams', () => {
  it('writes a zip with the files at its root that passes the official schemas offline', async () => {
    const out = join(work, 'cli', 'iag-assistant.zip');
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/packageTeams.ts', out], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...ENV },
    });
    expect(stdout).toContain('package:teams: ok');

    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(Object.keys(zip.files).sort()).toEqual([
      'color.png',
      'fr-ca.json',
      'manifest.json',
      'outline.png',
    ]);

    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest.manifestVersion).toBe('1.28');
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(manifest.validDomains).toEqual(['iag-assistant.azurewebsites.net']);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(
      await validateAgainstBundledSchema('manifest.json', manifest, bundledSchema('1.28', 'manifest')),
    ).toEqual([]);

    const french = JSON.parse(await zip.file('fr-ca.json')!.async('string'));
    expect(
      await validateAgainstBundledSchema('fr-ca.json', french, bundledSchema('1.28', 'localization')),
    ).toEqual([]);
    expect(manifest.localizationInfo.additionalLanguages).toEqual([
      { languageTag: 'fr-ca', file: 'fr-ca.json' },
    ]);

    const color = await zip.file('color.png')!.async('nodebuffer');
    const outline = await zip.file('outline.png')!.async('nodebuffer');
    expect(iconProblems(color, outline)).toEqual([]);
  });

  it('fails with exit code 1 and names the field when no app id is configured', async () => {
    const run = promisify(execFile);
    const failure = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/packageTeams.ts', join(work, 'none.zip')],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH },
      },
    ).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('manifest.json id: missing; set TEAMS_APP_ID or MICROSOFT_APP_ID');
    expect(failure?.stderr).toContain('manifest.json bots[0].botId: missing; set MICROSOFT_APP_ID or BOT_ID');
  });

  it('refuses an id that is not a GUID', async () => {
    const problems = await problemsOf(
      buildTeamsPackage({
        settings: teamsPackageSettings({ MICROSOFT_APP_ID: 'my-bot' }, '1.0.0'),
        outFile: join(work, 'x.zip'),
      }),
    );
    expect(problems).toEqual([
      'manifest.json id: "my-bot" is not a GUID; set TEAMS_APP_ID or MICROSOFT_APP_ID (a GUID)',
      'manifest.json bots[0].botId: "my-bot" is not a GUID; set MICROSOFT_APP_ID or BOT_ID (the Azure Bot\'s Microsoft App ID, a GUID)',
    ]);
  });

  it('takes a separate Teams app id, bot id, version, URLs and domains from configuration', () => {
    const settings = teamsPackageSettings(
      {
        TEAMS_APP_ID: '11111111-2222-4333-8444-555555555555',
        BOT_ID: APP_ID,
        TEAMS_APP_VERSION: '2.3.4',
        TEAMS_PRIVACY_URL: 'https://example.gc.ca/privacy',
        PUBLIC_HOSTNAME: 'bot.example.gc.ca',
        TEAMS_VALID_DOMAINS: 'https://web.example.gc.ca, bot.example.gc.ca',
      },
      '0.1.0',
    );
    expect(settings).toMatchObject({
      appId: '11111111-2222-4333-8444-555555555555',
      botId: APP_ID,
      version: '2.3.4',
      privacyUrl: 'https://example.gc.ca/privacy',
      validDomains: ['bot.example.gc.ca', 'web.example.gc.ca'],
    });
  });

  it('reports an invalid manifest with the field the official schema rejects', async () => {
    const dir = manifestCopy();
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    manifest.name.short = 'International Assistance Group Assistant';
    manifest.bots[0].scopes.push('meeting');
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const problems = await problemsOf(
      buildTeamsPackage({
        settings: teamsPackageSettings(ENV, '1.0.0'),
        manifestDir: dir,
        outFile: join(work, 'y.zip'),
      }),
    );
    expect(
      problems.some((p) => p.startsWith('manifest.json name.short: must NOT have more than 30 characters')),
    ).toBe(true);
    expect(
      problems.some((p) =>
        p.startsWith('manifest.json bots[0].scopes[3]: must be equal to one of the allowed values'),
      ),
    ).toBe(true);
  });

  it('validates the French localisation against its schema and against the manifest', async () => {
    const dir = manifestCopy();
    const french = JSON.parse(readFileSync(join(dir, 'fr-ca.json'), 'utf8'));
    french['name.short'] = "Assistant du Service d'entraide internationale";
    french['bots[0].commandLists[0].commands[7].title'] = 'inexistante';
    writeFileSync(join(dir, 'fr-ca.json'), JSON.stringify(french));
    const problems = await problemsOf(
      buildTeamsPackage({
        settings: teamsPackageSettings(ENV, '1.0.0'),
        manifestDir: dir,
        outFile: join(work, 'z.zip'),
      }),
    );
    expect(problems).toContain(
      'fr-ca.json name.short: must NOT have more than 30 characters. Details: {"limit":30}',
    );
    expect(problems).toContain(
      'fr-ca.json bots[0].commandLists[0].commands[7].title: the manifest has no such string to translate',
    );
  });

  it('refuses icons of the wrong size, a blank colour icon and an outline that is not white on transparent', async () => {
    const dir = manifestCopy();
    writeFileSync(join(dir, 'color.png'), PNG.sync.write(new PNG({ width: 96, height: 96 })));
    const opaque = drawOutlineIcon();
    for (let i = 0; i < opaque.data.length; i += 4) {
      opaque.data[i + 3] = 255;
      opaque.data[i] = 0;
    }
    writeFileSync(join(dir, 'outline.png'), PNG.sync.write(opaque));
    const problems = await problemsOf(
      buildTeamsPackage({
        settings: teamsPackageSettings(ENV, '1.0.0'),
        manifestDir: dir,
        outFile: join(work, 'w.zip'),
      }),
    );
    expect(problems).toEqual([
      'color.png: must be 192x192 pixels, is 96x96',
      'color.png: is a flat square; it needs the product artwork',
      'outline.png: the background must be transparent',
      'outline.png: every visible pixel must be white',
    ]);
  });
});

describe('the Teams app icons', () => {
  it('are the ones the generator draws (regenerate with npm run icons:teams)', () => {
    const committedColor = PNG.sync.read(readFileSync(join(DEFAULT_MANIFEST_DIR, 'color.png')));
    const committedOutline = PNG.sync.read(readFileSync(join(DEFAULT_MANIFEST_DIR, 'outline.png')));
    expect(Buffer.compare(committedColor.data, drawColorIcon().data)).toBe(0);
    expect(Buffer.compare(committedOutline.data, drawOutlineIcon().data)).toBe(0);
  });

  it('use Justice blue, white and maple red in the colour icon', () => {
    const png = drawColorIcon();
    const colours = new Set<string>();
    for (let i = 0; i < png.data.length; i += 4) colours.add(png.data.subarray(i, i + 3).toString('hex'));
    expect([...colours]).toEqual(expect.arrayContaining(['26374a', 'ffffff', 'd52b1e']));
  });
});

describe('the manifest commands', () => {
  it.each(['manifest.json', 'fr-ca.json'])(
    'in %s each stand for a question the assistant understands',
    (file) => {
      const text = readFileSync(join(DEFAULT_MANIFEST_DIR, file), 'utf8');
      const document = JSON.parse(text);
      const titles: string[] =
        file === 'manifest.json'
          ? document.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title)
          : Object.entries(document)
              .filter(([k]) => k.endsWith('.title'))
              .map(([, v]) => v as string);
      expect(titles).toHaveLength(5);
      for (const title of titles) {
        expect(Object.keys(teamsChannel.COMMAND_QUESTIONS)).toContain(title.toLowerCase());
      }
    },
  );
});

describe('schema patterns', () => {
  it('escape only a "]" that closes no character class', () => {
    expect(unicodeSafePattern('^a\\[\\b([0-9]|1[0-5])\\b]\\.x$')).toBe('^a\\[\\b([0-9]|1[0-5])\\b\\]\\.x$');
    expect(() => new RegExp(unicodeSafePattern('^a\\[\\b([0-9])\\b]$'), 'u')).not.toThrow();
  });
});
