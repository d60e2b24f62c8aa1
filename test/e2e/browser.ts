/**
 * Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core, with a
 * fresh profile, never a downloaded browser. Locally a missing Chromium skips the tests with a SKIPPED
 * line; in CI (CI=true) it fails them.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const OUTPUT_DIR = join(__dirname, '..', '..', 'test-output', 'e2e');

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function describeWithChromium(name: string, fn: () => void): void {
  if (hasChromium) {
    describe(name, fn);
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      it('needs Chromium (missing in CI)', () => {
        throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install -y chromium`);
      });
    });
    return;
  }
  console.warn(`SKIPPED "${name}": Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium).`);
  describe.skip(name, fn);
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'iag-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
