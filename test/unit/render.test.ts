import type { Reply } from '../../dialogs/types';
import { COUNTRY_CHOICES, ROLE_CHOICES } from '../../dialogs/turns';
import { LOCALES } from '../../src/knowledge/loadKnowledge';
import { testAssistant } from '../support/assistant';

const renderer = () => testAssistant().renderer;

/** One of every reply the machine can emit. */
const everyReply: Reply[] = [
  { id: 'welcome' },
  { id: 'answer.topic', topic: 'ext.bail' },
  { id: 'answer.topic', topic: 'iag.who-contacts', audience: 'public' },
  { id: 'contact.iag' },
  { id: 'contact.country', country: 'us' },
  { id: 'contact.country', country: 'ke' },
  { id: 'contact.own' },
  ...(['greeting', 'thanks', 'goodbye', 'help', 'identity', 'language'] as const).map((intent) => ({ id: 'smalltalk' as const, intent })),
  { id: 'language.repeat' },
  { id: 'clarify.didYouMean', choices: [{ value: 'ext.bail', labels: { en: 'Bail', fr: 'Caution' } }] },
  { id: 'clarify.rephrase' },
  { id: 'clarify.askRole', choices: ROLE_CHOICES },
  { id: 'clarify.askCountry', choices: COUNTRY_CHOICES },
  { id: 'clarify.speakerNoted' },
  { id: 'fallback.outOfScope' },
  { id: 'fallback.elsewhere' },
  { id: 'fallback.caseDecline' },
  { id: 'fallback.offerContact' },
  { id: 'privacy.reminder' },
  { id: 'deadline.computed', arrestDate: '2026-03-03', dueDate: '2026-05-02', days: 60, rule: 'Rule.' },
];

describe('the renderer', () => {
  it.each(LOCALES)('renders every reply in %s with no parameter left unfilled', (locale) => {
    for (const reply of everyReply) {
      const [message] = renderer().render([reply], locale);
      expect(message!.text.length).toBeGreaterThan(0);
      expect({ id: reply.id, text: message!.text }).not.toEqual({ id: reply.id, text: expect.stringMatching(/\{\w+\}/) });
    }
  });

  it('renders the same reply differently in English and French', () => {
    for (const reply of everyReply) {
      const en = renderer().render([reply], 'en')[0]!.text;
      const fr = renderer().render([reply], 'fr')[0]!.text;
      expect({ id: reply.id, same: en === fr }).toEqual({ id: reply.id, same: false });
    }
  });

  it("gives the IAG's telephone and email as links", () => {
    const [card] = renderer().render([{ id: 'contact.iag' }], 'en');
    expect(card!.contactLines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ value: '(613) 957-4832', href: 'tel:+16139574832' }),
        expect.objectContaining({ value: 'Cdncentralauthority@justice.gc.ca', href: 'mailto:Cdncentralauthority@justice.gc.ca' }),
      ]),
    );
  });

  it('names the Office of International Affairs with its number for the United States', () => {
    const [card] = renderer().render([{ id: 'contact.country', country: 'us' }], 'fr');
    expect(card!.text).toContain('Office of International Affairs');
    expect(card!.contactLines!.some((l) => l.href === 'tel:+12025140000')).toBe(true);
    expect(card!.text).toContain('équipe Canada');
  });

  it('adds the disclaimer to topics about a person\'s own case', () => {
    const [answer] = renderer().render([{ id: 'answer.topic', topic: 'ext.bail' }], 'en');
    expect(answer!.notes?.join(' ')).toContain('not legal advice');
    expect(answer!.sources!.length).toBeGreaterThan(0);
  });

  it('numbers choices so they can be picked by typing a number', () => {
    const [message] = renderer().render([{ id: 'clarify.askRole', choices: ROLE_CHOICES }], 'fr');
    expect(message!.text).toContain('1. Policier ou procureur au Canada');
    expect(message!.choices).toHaveLength(4);
  });
});
