import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createAssistant } from '../../src/core';
import type { Assistant } from '../../src/conversation/assistant';

let cached: Assistant | undefined;

/** One assistant per test file: loading and indexing the content takes a few hundred milliseconds. */
export function testAssistant(): Assistant {
  cached ??= createAssistant();
  return cached;
}

/** ../shared beside the project root, when this machine has it (as CI does). */
export const SHARED_DIR = join(__dirname, '..', '..', '..', 'shared');
export const hasShared = existsSync(join(SHARED_DIR, 'facts')) && existsSync(join(SHARED_DIR, 'eval'));

/**
 * describe() for tests that compare with ../shared: they run where it exists and say clearly when they
 * are skipped. In CI a missing ../shared is a failure, never a silent skip.
 */
export function describeWithShared(name: string, fn: () => void): void {
  if (hasShared) {
    describe(name, fn);
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      it('needs ../shared beside the project (missing in CI)', () => {
        throw new Error(`../shared is missing at ${SHARED_DIR}`);
      });
    });
    return;
  }
  console.warn(`SKIPPED "${name}": ../shared is not beside the project (${SHARED_DIR}).`);
  describe.skip(name, fn);
}

export const FIXED_NOW = Date.parse('2026-11-29T12:00:00Z');
