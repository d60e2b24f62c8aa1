/**
 * Static files: our own CSS and scripts from src/web/public, and Web Chat from the installed
 * botframework-webchat package (never a CDN, never a copy in the repository). Read once, kept in memory
 * with a gzip copy: Web Chat is about 4 MB, under 1 MB compressed.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Asset {
  body: Buffer;
  gzip: Buffer;
  type: string;
  /** long cache for the versioned Web Chat bundle, revalidation for our own files */
  cacheControl: string;
}

const PUBLIC_DIR = join(__dirname, 'public');

export function webChatBundlePath(): string {
  // The package exports only its entry (lib/index.js); the UMD bundle sits beside it in dist/.
  return join(dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
}

/** URL path -> file; nothing outside this table is served. */
const FILES: Record<string, { file: () => string; type: string; cacheControl: string }> = {
  '/static/site.css': { file: () => join(PUBLIC_DIR, 'site.css'), type: 'text/css; charset=utf-8', cacheControl: 'no-cache' },
  '/static/chat.js': { file: () => join(PUBLIC_DIR, 'chat.js'), type: 'text/javascript; charset=utf-8', cacheControl: 'no-cache' },
  '/widget.js': { file: () => join(PUBLIC_DIR, 'widget.js'), type: 'text/javascript; charset=utf-8', cacheControl: 'no-cache' },
  '/static/webchat.js': { file: webChatBundlePath, type: 'text/javascript; charset=utf-8', cacheControl: 'public, max-age=86400' },
};

/** Rewrites a file's text before it is served (the widget's words come from knowledge/). */
export type Transform = (path: string, text: string) => string;

export class StaticAssets {
  private readonly cache = new Map<string, Asset>();

  constructor(private readonly transform: Transform = (_path, text) => text) {}

  has(path: string): boolean {
    return Object.hasOwn(FILES, path);
  }

  get(path: string): Asset | undefined {
    const entry = FILES[path];
    if (!entry) return undefined;
    let asset = this.cache.get(path);
    if (!asset) {
      const raw = readFileSync(entry.file());
      const body = entry.type.startsWith('text/javascript') && path !== '/static/webchat.js'
        ? Buffer.from(this.transform(path, raw.toString('utf8')), 'utf8')
        : raw;
      asset = { body, gzip: gzipSync(body), type: entry.type, cacheControl: entry.cacheControl };
      this.cache.set(path, asset);
    }
    return asset;
  }
}
