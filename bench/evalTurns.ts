/**
 * The messages the benchmark sends: every turn of ../shared/eval/dev.jsonl when it sits beside the
 * project, otherwise the project's own held-out fixtures (said so in the report).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readItems, type EvalItem } from '../src/cli/evalItems';

const ROOT = join(__dirname, '..');
const DEV_SET = join(ROOT, '..', 'shared', 'eval', 'dev.jsonl');
const FIXTURES = join(ROOT, 'test', 'fixtures');

export interface TurnSource {
  /** where the items came from, for the report */
  source: string;
  items: EvalItem[];
}

export function loadTurnSource(): TurnSource {
  if (existsSync(DEV_SET)) return { source: '../shared/eval/dev.jsonl', items: readItems(DEV_SET) };
  const files = readdirSync(FIXTURES)
    .filter((f) => /^heldout-.*\.jsonl$/.test(f))
    .sort();
  return {
    source: `../shared is missing: test/fixtures/${files.join(', ')}`,
    items: files.flatMap((f) => readItems(join(FIXTURES, f))),
  };
}

export const ACTIVITY_LOCALE: Record<string, string> = { en: 'en-CA', fr: 'fr-CA' };

/** Every turn's text with the interface language its item declares. */
export function allTurns(items: readonly EvalItem[]): Array<{ text: string; locale: string }> {
  return items.flatMap((item) =>
    item.turns.map(({ text }) => ({ text, locale: ACTIVITY_LOCALE[item.locale ?? 'en'] ?? 'en-CA' })),
  );
}
