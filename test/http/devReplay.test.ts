import { join } from 'node:path';
import { readItems, replayItems, type EvalItem, type ReplayLine } from '../../src/cli/evalItems';
import { describeWithShared, SHARED_DIR, testAssistant } from '../support/assistant';
import {
  activitiesOf,
  expectReplies,
  post,
  routeOf,
  SDKS,
  startApp,
  warmUp,
  type RunningApp,
} from './support';

/** Every SAMPLE_EVERY-th item of the development set: enough to cover both languages and all routes. */
const SAMPLE_EVERY = 8;
const REPLAY_NOW = Date.parse('2026-11-29T12:00:00Z');
const ACTIVITY_LOCALE: Record<string, string> = { en: 'en-CA', fr: 'fr-CA' };

const pick = (l: Pick<ReplayLine, 'route' | 'topic' | 'contact' | 'intent' | 'locale'>) => ({
  route: l.route,
  ...(l.topic ? { topic: l.topic } : {}),
  ...(l.contact ? { contact: l.contact } : {}),
  ...(l.intent ? { intent: l.intent } : {}),
  locale: l.locale,
});

describeWithShared('replaying ../shared/eval/dev.jsonl over HTTP', () => {
  let items: EvalItem[];
  let expected: Map<string, ReturnType<typeof pick>>;

  beforeAll(async () => {
    warmUp();
    items = readItems(join(SHARED_DIR, 'eval', 'dev.jsonl')).filter((_, i) => i % SAMPLE_EVERY === 0);
    expected = new Map();
    await replayItems(
      testAssistant(),
      items,
      (line) => expected.set(`${line.id}#${line.turn}`, pick(line)),
      undefined,
      REPLAY_NOW,
    );
  }, 180_000);

  describe.each(SDKS)('through the %s host', (sdk) => {
    let app: RunningApp;
    beforeAll(async () => {
      app = await startApp(sdk);
    });
    afterAll(() => app.close());

    it('gives the same route, topic, contact, intent and locale as the in-process replay, turn by turn', async () => {
      const actual = new Map<string, unknown>();
      for (const item of items) {
        const locale = ACTIVITY_LOCALE[item.locale ?? 'en'] ?? item.locale;
        for (const [turn, { text }] of item.turns.entries()) {
          app.clock.now = REPLAY_NOW + turn * 1000;
          const res = await post(
            app.url,
            expectReplies(`${sdk}-${item.id}`, { text, locale, channelId: 'webchat' }),
          );
          expect(res.status).toBe(200);
          const route = routeOf(activitiesOf(res));
          actual.set(`${item.id}#${turn}`, route ? pick(route as unknown as ReplayLine) : undefined);
        }
      }
      expect(items.length).toBeGreaterThan(10);
      expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    }, 180_000);
  });
});
