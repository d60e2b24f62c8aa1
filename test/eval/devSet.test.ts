/**
 * The development questions and the CLINC150 out-of-scope queries of ../shared/eval, replayed in-process
 * and scored as shared/eval/score.mjs scores them; and our own held-out questions (test/fixtures/heldout-*.jsonl,
 * written by people who had not seen the topic files), which run without ../shared. Floors, not targets: they
 * stop a change that makes the assistant worse from landing. A separate held-out set measures the real result.
 */
import { join } from 'node:path';
import { readItems, replayItems, type ReplayLine } from '../../src/cli/evalItems';
import { describeWithShared, SHARED_DIR, testAssistant } from '../support/assistant';

interface Outcome {
  route: string;
  topic?: string;
  contact?: string;
  intent?: string;
}
interface Item {
  id: string;
  locale?: string;
  tags?: string[];
  turns: Array<{ text: string; expect?: Outcome; alt?: Outcome[] }>;
}

const matches = (want: Outcome, got: Outcome) =>
  got.route === want.route && (['topic', 'contact', 'intent'] as const).every((k) => want[k] === undefined || got[k] === want[k]);
const IAG_CONTACT = { route: 'contact', contact: 'iag' };
const IAG_TOPIC = { route: 'answer', topic: 'iag.contact' };
const withEquivalents = (wants: Outcome[]) => [
  ...wants,
  ...(wants.some((w) => matches(w, IAG_CONTACT)) ? [IAG_TOPIC] : []),
  ...(wants.some((w) => matches(w, IAG_TOPIC)) ? [IAG_CONTACT] : []),
];

async function score(path: string) {
  const items = readItems(path) as Item[];
  const lines = new Map<string, ReplayLine>();
  await replayItems(testAssistant(), items, (line) => lines.set(`${line.id}#${line.turn}`, line));
  const turns: Array<{ item: Item; outcome: 'correct' | 'wrong' | 'deferred'; got: ReplayLine }> = [];
  for (const item of items) {
    item.turns.forEach((turn, t) => {
      if (!turn.expect) return;
      const got = lines.get(`${item.id}#${t}`)!;
      const wants = withEquivalents([turn.expect, ...(turn.alt ?? [])]);
      const outcome = wants.some((w) => matches(w, got)) ? 'correct' : ['answer', 'contact'].includes(got.route) ? 'wrong' : 'deferred';
      turns.push({ item, outcome, got });
    });
  }
  return turns;
}

const rate = (xs: Array<{ outcome: string }>, outcome: string) => xs.filter((x) => x.outcome === outcome).length / xs.length;

describeWithShared('the development set', () => {
  let dev: Awaited<ReturnType<typeof score>>;
  beforeAll(async () => {
    dev = await score(join(SHARED_DIR, 'eval', 'dev.jsonl'));
  }, 120_000);

  it('routes every contact, clarification and multi-turn item correctly', () => {
    const routed = dev.filter(({ item }) => item.tags?.some((t) => ['contact', 'multi-turn'].includes(t)));
    const misses = routed.filter((t) => t.outcome !== 'correct').map((t) => `${t.item.id}: got ${t.got.route} ${t.got.topic ?? t.got.contact ?? ''}`);
    expect(misses).toEqual([]);
  });

  it('answers small talk and refuses out-of-scope questions', () => {
    const other = dev.filter(({ item }) => item.tags?.some((t) => ['smalltalk', 'out-of-scope'].includes(t)));
    expect(rate(other, 'correct')).toBe(1);
  });

  it('keeps overall accuracy and wrong answers within their floors', () => {
    expect(rate(dev, 'correct')).toBeGreaterThanOrEqual(0.89);
    expect(rate(dev, 'wrong')).toBeLessThanOrEqual(0.03);
  });

  it('keeps French as good as English, within a few points', () => {
    const fr = dev.filter(({ item }) => item.locale === 'fr');
    const en = dev.filter(({ item }) => item.locale !== 'fr');
    expect(rate(fr, 'correct')).toBeGreaterThanOrEqual(0.85);
    expect(rate(fr, 'correct')).toBeGreaterThanOrEqual(rate(en, 'correct') - 0.05);
  });
});

describeWithShared('the CLINC150 out-of-scope queries', () => {
  it('gets a knowledge answer or a contact for at most 2% of them', async () => {
    const clinc = await score(join(SHARED_DIR, 'eval', 'clinc150-val.jsonl'));
    const falseAnswers = clinc.filter((t) => ['answer', 'contact'].includes(t.got.route)).length;
    expect(falseAnswers / clinc.length).toBeLessThanOrEqual(0.02);
  }, 120_000);
});

describe('our own held-out questions', () => {
  let heldOut: Awaited<ReturnType<typeof score>>;
  beforeAll(async () => {
    const dir = join(__dirname, '..', 'fixtures');
    const parts = await Promise.all(['A', 'B', 'C', 'D'].map((part) => score(join(dir, `heldout-${part}.jsonl`))));
    heldOut = parts.flat();
  }, 120_000);

  it('keeps accuracy and wrong answers within their floors, in both languages', () => {
    expect(rate(heldOut, 'correct')).toBeGreaterThanOrEqual(0.87);
    expect(rate(heldOut, 'wrong')).toBeLessThanOrEqual(0.06);
    expect(rate(heldOut.filter(({ item }) => item.locale === 'fr'), 'correct')).toBeGreaterThanOrEqual(0.87);
  });
});
