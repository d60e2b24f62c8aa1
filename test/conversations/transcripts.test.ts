/**
 * Runs every conversation in test/conversations/*.yaml through the turn runner, as the bot does.
 * A transcript is data: the user's turns and, for each, the expected route, topic, contact, intent,
 * reply language, reply ids and words the reply must (or must not) contain.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { MemoryStorage } from '../../src/conversation/storage';
import { TurnRunner, type StoredConversation } from '../../src/conversation/turnRunner';
import { FIXED_NOW, testAssistant } from '../support/assistant';

interface Expectation {
  route?: string;
  topic?: string;
  contact?: string;
  intent?: string;
  locale?: 'en' | 'fr';
  /** ids the machine's replies must include, e.g. clarify.askCountry, privacy.reminder */
  replies?: string[];
  says?: string[];
  neverSays?: string[];
}

interface Transcript {
  name: string;
  locale?: string;
  start?: boolean;
  turns: Array<{ user?: string; value?: string; expect: Expectation }>;
}

const DIR = __dirname;
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

describe.each(files)('%s', (file) => {
  const transcripts = parse(readFileSync(join(DIR, file), 'utf8')) as Transcript[];

  it.each(transcripts.map((t) => [t.name, t] as const))('%s', async (_name, transcript) => {
    const assistant = testAssistant();
    const runner = new TurnRunner(assistant, new MemoryStorage<StoredConversation>());
    const conversationKey = `${file}:${transcript.name}`;
    const locale = transcript.locale ?? 'en-CA';
    let at = FIXED_NOW;
    for (const [i, turn] of transcript.turns.entries()) {
      at += 1000;
      const result =
        turn.user === undefined && turn.value === undefined
          ? await runner.handleConversationStart({ conversationKey, locale, at })
          : await runner.handleMessage({ text: turn.user ?? '', value: turn.value, locale, conversationKey, at });
      const where = `turn ${i} "${turn.user ?? turn.value ?? '(start)'}"`;
      if (!result) throw new Error(`${where}: no reply`);
      const e = turn.expect;
      const text = result.messages.map((m) => m.text).join('\n');
      const got = {
        route: result.outcome.route,
        topic: result.outcome.topic,
        contact: result.outcome.contact,
        intent: result.outcome.intent,
        locale: result.locale,
      };
      const want = Object.fromEntries(Object.entries({ route: e.route, topic: e.topic, contact: e.contact, intent: e.intent, locale: e.locale }).filter(([, v]) => v !== undefined));
      expect({ where, ...Object.fromEntries(Object.keys(want).map((k) => [k, got[k as keyof typeof got]])) }).toEqual({ where, ...want });
      const replyIds = result.dialog.context.replies.map((r) => r.id);
      for (const id of e.replies ?? []) expect({ where, replyIds, has: replyIds.includes(id as never) }).toMatchObject({ has: true });
      for (const words of e.says ?? []) expect({ where, text }).toEqual({ where, text: expect.stringContaining(words) });
      for (const words of e.neverSays ?? []) expect({ where, text }).toEqual({ where, text: expect.not.stringContaining(words) });
    }
  });
});
