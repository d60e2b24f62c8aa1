/**
 * Builds the Microsoft Teams app package from manifest/: fills the ids, URLs and domains from
 * configuration, validates the manifest and its French localisation against the official schemas that
 * @microsoft/app-manifest bundles (never fetched, so packaging works offline and in CI), checks the
 * icons, and zips the files at the archive root as Teams requires.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { PNG } from 'pngjs';

export const DEFAULT_MANIFEST_DIR = join(__dirname, '..', '..', 'manifest');
export const DEFAULT_PACKAGE_FILE = join(__dirname, '..', '..', 'dist', 'teams', 'iag-assistant.zip');

/** Official pages used until the deployment names its own. */
const DEFAULT_URLS = {
  website: 'https://www.justice.gc.ca/eng/cj-jp/emla-eej/index.html',
  privacy: 'https://www.canada.ca/en/transparency/privacy.html',
  terms: 'https://www.canada.ca/en/transparency/terms.html',
};

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

/** Every problem found, each naming the file and field, so one run shows everything to fix. */
export class TeamsPackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`the Teams package cannot be built:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'TeamsPackageError';
  }
}

export interface TeamsPackageSettings {
  appId?: string;
  botId?: string;
  version: string;
  websiteUrl: string;
  privacyUrl: string;
  termsOfUseUrl: string;
  validDomains: string[];
}

function hostnameOf(value: string): string {
  const trimmed = value.trim();
  if (!trimmed) return '';
  try {
    return new URL(trimmed.includes('://') ? trimmed : `https://${trimmed}`).host;
  } catch {
    return trimmed;
  }
}

/**
 * Reads the package settings from the environment. The Teams app id defaults to the bot's Microsoft
 * App ID, the usual choice for a bot-only app; either can be set on its own.
 */
export function teamsPackageSettings(env: NodeJS.ProcessEnv, packageVersion: string): TeamsPackageSettings {
  const botId = env.BOT_ID || env.MICROSOFT_APP_ID || undefined;
  const domains = [env.PUBLIC_HOSTNAME ?? '', ...(env.TEAMS_VALID_DOMAINS ?? '').split(',')]
    .map(hostnameOf)
    .filter(Boolean);
  return {
    botId,
    appId: env.TEAMS_APP_ID || botId,
    version: env.TEAMS_APP_VERSION || packageVersion,
    websiteUrl: env.TEAMS_DEVELOPER_URL || DEFAULT_URLS.website,
    privacyUrl: env.TEAMS_PRIVACY_URL || DEFAULT_URLS.privacy,
    termsOfUseUrl: env.TEAMS_TERMS_URL || DEFAULT_URLS.terms,
    validDomains: [...new Set(domains)],
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Replaces ${{NAME}} placeholders; a placeholder without a value is reported with its field path. */
export function fillManifest(
  template: Json,
  settings: TeamsPackageSettings,
): { manifest: Json; problems: string[] } {
  const values: Record<string, { value?: string; from: string }> = {
    TEAMS_APP_ID: { value: settings.appId, from: 'TEAMS_APP_ID or MICROSOFT_APP_ID (a GUID)' },
    BOT_ID: {
      value: settings.botId,
      from: "MICROSOFT_APP_ID or BOT_ID (the Azure Bot's Microsoft App ID, a GUID)",
    },
    APP_VERSION: { value: settings.version, from: 'TEAMS_APP_VERSION' },
    DEVELOPER_WEBSITE_URL: { value: settings.websiteUrl, from: 'TEAMS_DEVELOPER_URL' },
    PRIVACY_URL: { value: settings.privacyUrl, from: 'TEAMS_PRIVACY_URL' },
    TERMS_OF_USE_URL: { value: settings.termsOfUseUrl, from: 'TEAMS_TERMS_URL' },
  };
  const problems: string[] = [];
  const walk = (node: Json, path: string): Json => {
    if (typeof node === 'string') {
      return node.replace(/\$\{\{(\w+)\}\}/g, (whole, name: string) => {
        const entry = values[name];
        if (!entry) {
          problems.push(`manifest.json ${path}: unknown placeholder ${whole}`);
          return whole;
        }
        if (!entry.value) {
          problems.push(`manifest.json ${path}: missing; set ${entry.from}`);
          return whole;
        }
        if ((name === 'TEAMS_APP_ID' || name === 'BOT_ID') && !GUID.test(entry.value)) {
          problems.push(`manifest.json ${path}: "${entry.value}" is not a GUID; set ${entry.from}`);
        }
        return entry.value;
      });
    }
    if (Array.isArray(node)) return node.map((item, i) => walk(item, `${path}[${i}]`));
    if (node && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([k, v]) => [k, walk(v, path ? `${path}.${k}` : k)]),
      );
    }
    return node;
  };
  const manifest = walk(template, '');
  if (manifest && typeof manifest === 'object' && !Array.isArray(manifest))
    manifest.validDomains = settings.validDomains;
  return { manifest, problems };
}

const SCHEMA_ROOT = join(
  dirname(require.resolve('@microsoft/app-manifest/package.json')),
  'build',
  'json-schemas',
  'teams',
);

/**
 * Escapes a "]" that closes no character class. Outside Unicode mode it already means a literal "]",
 * so the pattern keeps its meaning; inside Unicode mode (how ajv compiles) a lone "]" is a syntax error,
 * and some bundled localisation schemas have one (activities.activityTypes[...] keys).
 */
export function unicodeSafePattern(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      out += ch + (pattern[i + 1] ?? '');
      i++;
    } else if (ch === '[' && !inClass) {
      inClass = true;
      out += ch;
    } else if (ch === ']') {
      out += inClass ? ch : '\\]';
      inClass = false;
    } else out += ch;
  }
  return out;
}

function compilesInUnicodeMode(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function repairPatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(repairPatterns);
  if (!node || typeof node !== 'object') return node;
  const entries = Object.entries(node as Record<string, unknown>).map(([key, value]) => {
    if (key === 'pattern' && typeof value === 'string' && !compilesInUnicodeMode(value))
      return [key, unicodeSafePattern(value)];
    if (key === 'patternProperties' && value && typeof value === 'object') {
      const fixed = Object.entries(value).map(([p, v]) => [
        compilesInUnicodeMode(p) ? p : unicodeSafePattern(p),
        repairPatterns(v),
      ]);
      return [key, Object.fromEntries(fixed)];
    }
    return [key, repairPatterns(value)];
  });
  return Object.fromEntries(entries);
}

/** The bundled schema for a manifest version, read from disk: validation never touches the network. */
export function bundledSchema(manifestVersion: string, kind: 'manifest' | 'localization'): object {
  const file = join(
    SCHEMA_ROOT,
    `v${manifestVersion}`,
    kind === 'manifest' ? 'MicrosoftTeams.schema.json' : 'MicrosoftTeams.Localization.schema.json',
  );
  if (!existsSync(file))
    throw new TeamsPackageError([
      `manifest.json manifestVersion: no bundled schema for "${manifestVersion}" (${file})`,
    ]);
  return repairPatterns(JSON.parse(readFileSync(file, 'utf8'))) as object;
}

/** ajv messages look like "/bots/0/botId must match pattern ..."; name the file and field plainly. */
function describeSchemaErrors(file: string, errors: string[]): string[] {
  return errors.map((e) => {
    const [pointer = '', ...rest] = e.split(' ');
    const field =
      pointer
        .replace(/^\//, '')
        .replace(/\/(\d+)/g, '[$1]')
        .replace(/\//g, '.') || '(root)';
    return `${file} ${field}: ${rest.join(' ')}`;
  });
}

export async function validateAgainstBundledSchema(
  file: string,
  document: object,
  schema: object,
): Promise<string[]> {
  const errors = await AppManifestUtils.validateAgainstSchema(
    document as AppManifest,
    schema as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1],
  );
  return describeSchemaErrors(file, errors);
}

/** Every key of the localisation file must point at a string the manifest has. */
export function localizationKeyProblems(
  file: string,
  manifest: Json,
  localization: Record<string, unknown>,
): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(localization)) {
    if (key === '$schema' || key === 'localizationKeys') continue;
    const steps = key.split(/\.|\[(\d+)\]/).filter((s) => s !== undefined && s !== '');
    let node: Json | undefined = manifest;
    for (const step of steps) {
      node = Array.isArray(node)
        ? node[Number(step)]
        : node && typeof node === 'object'
          ? node[step]
          : undefined;
    }
    if (typeof node !== 'string')
      problems.push(`${file} ${key}: the manifest has no such string to translate`);
  }
  return problems;
}

export interface IconReport {
  width: number;
  height: number;
  transparentShare: number;
  colours: number;
}

export function inspectIcon(data: Buffer): IconReport & { png: PNG } {
  const png = PNG.sync.read(data);
  let transparent = 0;
  const colours = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i + 3] === 0) transparent++;
    else colours.add(png.data.readUInt32BE(i));
  }
  return {
    png,
    width: png.width,
    height: png.height,
    transparentShare: transparent / (png.width * png.height),
    colours: colours.size,
  };
}

/** Teams' rules: colour 192×192 (a real image, not a flat square); outline 32×32, white on transparent. */
export function iconProblems(color: Buffer, outline: Buffer): string[] {
  const problems: string[] = [];
  const c = inspectIcon(color);
  if (c.width !== 192 || c.height !== 192)
    problems.push(`color.png: must be 192x192 pixels, is ${c.width}x${c.height}`);
  if (c.colours < 3) problems.push('color.png: is a flat square; it needs the product artwork');
  const o = inspectIcon(outline);
  if (o.width !== 32 || o.height !== 32)
    problems.push(`outline.png: must be 32x32 pixels, is ${o.width}x${o.height}`);
  if (o.transparentShare < 0.3) problems.push('outline.png: the background must be transparent');
  if (o.transparentShare > 0.97) problems.push('outline.png: is empty; it needs a white glyph');
  for (let i = 0; i < o.png.data.length; i += 4) {
    const [r, g, b, a] = [o.png.data[i]!, o.png.data[i + 1]!, o.png.data[i + 2]!, o.png.data[i + 3]!];
    if (a > 0 && Math.min(r, g, b) < 230) {
      problems.push('outline.png: every visible pixel must be white');
      break;
    }
  }
  return problems;
}

export interface BuiltPackage {
  file: string;
  manifest: Record<string, unknown>;
  entries: string[];
}

function readJson(file: string, problems: string[]): Json | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Json;
  } catch (error) {
    problems.push(`${file}: cannot be read as JSON (${(error as Error).message})`);
    return undefined;
  }
}

/** Validates everything, then writes the zip; throws TeamsPackageError listing every problem. */
export async function buildTeamsPackage(options: {
  settings: TeamsPackageSettings;
  manifestDir?: string;
  outFile?: string;
}): Promise<BuiltPackage> {
  const dir = options.manifestDir ?? DEFAULT_MANIFEST_DIR;
  const outFile = options.outFile ?? DEFAULT_PACKAGE_FILE;
  const problems: string[] = [];

  const template = readJson(join(dir, 'manifest.json'), problems);
  if (!template || typeof template !== 'object' || Array.isArray(template))
    throw new TeamsPackageError(problems);
  const { manifest, problems: fillProblems } = fillManifest(template, options.settings);
  problems.push(...fillProblems);
  const m = manifest as Record<string, Json>;
  const version = String(m.manifestVersion ?? '');
  if (typeof m.$schema !== 'string' || !m.$schema.includes(`/v${version}/`)) {
    problems.push(`manifest.json $schema: must name the schema of manifestVersion ${version}`);
  }
  // A field already reported as missing or malformed is not reported again by the schema.
  const reported = new Set(fillProblems.map((p) => p.slice(0, p.indexOf(':'))));
  const schemaProblems = await validateAgainstBundledSchema(
    'manifest.json',
    m,
    bundledSchema(version, 'manifest'),
  );
  problems.push(...schemaProblems.filter((p) => !reported.has(p.slice(0, p.indexOf(':')))));

  const files: Record<string, Buffer> = {
    'manifest.json': Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`),
  };
  const localization = m.localizationInfo as { additionalLanguages?: Array<{ file: string }> } | undefined;
  for (const { file } of localization?.additionalLanguages ?? []) {
    const document = readJson(join(dir, file), problems);
    if (!document || typeof document !== 'object' || Array.isArray(document)) continue;
    problems.push(
      ...(await validateAgainstBundledSchema(file, document, bundledSchema(version, 'localization'))),
    );
    problems.push(...localizationKeyProblems(file, manifest, document));
    files[file] = readFileSync(join(dir, file));
  }

  const icons = m.icons as { color: string; outline: string };
  const iconFiles = [icons.color, icons.outline].map((name) => join(dir, name));
  const missing = iconFiles.filter((f) => !existsSync(f));
  if (missing.length)
    problems.push(...missing.map((f) => `icons: ${f} is missing (npm run icons:teams draws it)`));
  else {
    files[icons.color] = readFileSync(iconFiles[0]!);
    files[icons.outline] = readFileSync(iconFiles[1]!);
    problems.push(...iconProblems(files[icons.color]!, files[icons.outline]!));
  }

  if (problems.length) throw new TeamsPackageError(problems);

  // A fixed date keeps the archive identical for identical inputs.
  const zip = new JSZip();
  const date = new Date('2026-01-01T00:00:00Z');
  for (const [name, data] of Object.entries(files)) zip.file(name, data, { date });
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return { file: outFile, manifest: m, entries: Object.keys(files) };
}
