/**
 * Random event sequences through the dialog machine: whatever understanding a message gets and in
 * whatever order, the machine never throws, every message gets replies and an outcome the route entity
 * can carry, the replies render to text in both languages, and the stored snapshot restores.
 */
import fc from 'fast-check';
import { initialTransition, transition } from 'xstate';
import type { DialogEvent } from '../../dialogs/types';
import type { Understanding } from '../../dialogs/understand';
import { testAssistant } from '../support/assistant';
import { understanding } from '../support/understanding';
import { runsFor, seed } from './runs';

const assistant = testAssistant();
const machine = assistant.machine;
const kb = assistant.kb;
const topicIds = kb.topics.map((t) => t.id);
const concepts = Object.keys(kb.synonyms.concepts);
const countries = Object.keys(kb.countries.countries);
const outOfScope = Object.keys(kb.outOfScope.categories);
const ROUTES = ['answer', 'contact', 'clarify', 'fallback', 'smalltalk'];
const START = Date.parse('2026-11-29T12:00:00Z');

const language = fc.constantFrom('en' as const, 'fr' as const);
const topic = fc.constantFrom(...topicIds);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });

const knowledge: fc.Arbitrary<Understanding['knowledge']> = fc.oneof(
  fc.constant<Understanding['knowledge']>({ kind: 'none', ranked: [] }),
  topic.map((topicId) => ({
    kind: 'answer' as const,
    topicId,
    score: 0.9,
    ranked: [{ topicId, score: 0.9 }],
  })),
  fc.uniqueArray(topic, { minLength: 1, maxLength: 3 }).map((candidates) => ({
    kind: 'ambiguous' as const,
    candidates,
    ranked: candidates.map((topicId, i) => ({ topicId, score: 0.4 - i * 0.1 })),
  })),
);

const isoDate = fc
  .integer({ min: Date.parse('2020-01-01'), max: Date.parse('2030-12-31') })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));

const understandingArb: fc.Arbitrary<Understanding> = fc
  .record({
    language: maybe(language),
    smalltalk: maybe(
      fc.constantFrom('greeting', 'thanks', 'goodbye', 'help', 'identity', 'language') as fc.Arbitrary<
        Understanding['smalltalk'] & string
      >,
    ),
    languageRequested: maybe(fc.constantFrom('en', 'fr', 'other') as fc.Arbitrary<'en' | 'fr' | 'other'>),
    contactQuestion: fc.boolean(),
    contactPerson: fc.boolean(),
    startOver: fc.boolean(),
    unknownCountry: fc.boolean(),
    speaker: fc.record(
      {
        role: fc.constantFrom(
          'law-enforcement',
          'central-authority',
          'public',
          'lawyer',
          'journalist',
          'person-sought',
        ) as fc.Arbitrary<NonNullable<Understanding['speaker']['role']>>,
        side: fc.constantFrom('canadian', 'foreign') as fc.Arbitrary<
          NonNullable<Understanding['speaker']['side']>
        >,
        country: fc.constantFrom(...countries, 'ca', 'zz'),
        countryOnly: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    knowledge,
    anchored: fc.boolean(),
    concepts: fc.subarray(concepts, { maxLength: 4 }),
    followUpTopic: maybe(topic),
    outOfScope: maybe(
      fc.record({
        category: fc.constantFrom(...outOfScope),
        kind: fc.constantFrom('elsewhere', 'decline') as fc.Arbitrary<'elsewhere' | 'decline'>,
      }),
    ),
    personalData: fc.boolean(),
    deadline: maybe(
      fc.record({
        arrestDate: isoDate,
        countries: fc.subarray([...countries, 'us'], { maxLength: 3 }),
        noTreaty: fc.boolean(),
      }),
    ),
    contentWords: fc.nat({ max: 30 }),
    isQuestion: fc.boolean(),
  })
  .map((fields) =>
    understanding(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))),
  );

/**
 * Mostly messages, sometimes the bot being added again; time moves on by seconds to days. The
 * understanding only ever names a choice the conversation is waiting on (by number, label or button
 * value), so a message may pick one of the pending choices, by its position.
 */
const eventsArb = fc.array(
  fc.record({
    step: fc.oneof(
      {
        weight: 9,
        arbitrary: understandingArb.map((u) => ({ type: 'user.message' as const, understanding: u })),
      },
      { weight: 1, arbitrary: language.map((locale) => ({ type: 'conversation.start' as const, locale })) },
    ),
    pick: maybe(fc.nat()),
    seconds: fc.integer({ min: 1, max: 3 * 24 * 3600 }),
  }),
  { minLength: 1, maxLength: 10 },
);

describe('the dialog machine under random event sequences', () => {
  it('never throws, answers every event, renders every reply and restores every snapshot', () => {
    fc.assert(
      fc.property(language, eventsArb, (locale, steps) => {
        let [snapshot] = initialTransition(machine, { locale });
        let at = START;
        for (const { step, pick, seconds } of steps) {
          at += seconds * 1000;
          const pending = snapshot.context.choices;
          const choice =
            pick !== undefined && pending.length > 0 ? pending[pick % pending.length]!.value : undefined;
          const event: DialogEvent =
            step.type === 'user.message'
              ? {
                  ...step,
                  understanding: { ...step.understanding, ...(choice !== undefined ? { choice } : {}) },
                  at,
                }
              : { ...step, at };
          // Stored as the turn runner stores it: JSON of the value and context, restored on the next turn.
          const restored = machine.resolveState(
            JSON.parse(JSON.stringify({ value: snapshot.value, context: snapshot.context })),
          );
          [snapshot] = transition(machine, restored, event);
          const { replies, outcome, locale: replyLocale } = snapshot.context;
          if (replies.length === 0) throw new Error(`no reply to ${event.type}`);
          if (event.type === 'user.message' && !ROUTES.includes(outcome?.route ?? '')) {
            throw new Error(`no outcome the route entity can carry: ${JSON.stringify(outcome)}`);
          }
          for (const l of ['en', 'fr'] as const) {
            const messages = assistant.renderer.render(replies, l);
            if (messages.length === 0 || messages.some((m) => m.text.trim() === '')) {
              throw new Error(`an empty rendering in ${l} of ${JSON.stringify(replies)}`);
            }
          }
          if (replyLocale !== 'en' && replyLocale !== 'fr') throw new Error(`locale ${String(replyLocale)}`);
        }
      }),
      { numRuns: runsFor('machine'), seed },
    );
  }, 120_000);
});
