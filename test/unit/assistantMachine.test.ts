import { initialTransition, transition } from 'xstate';
import { createAssistantMachine, type DeadlineRule } from '../../dialogs/assistantMachine';
import type { DialogEvent } from '../../dialogs/types';
import type { Understanding } from '../../dialogs/understand';
import { answerOf, understanding } from '../support/understanding';

const rules: DeadlineRule[] = [
  { id: 'us', country: 'us', days: 60, text: { en: 'US rule.', fr: 'Règle É.-U.' } },
  { id: 'none', country: null, days: 60, text: { en: 'Act rule.', fr: 'Règle de la Loi.' } },
];
const machine = createAssistantMachine({ titles: (id) => ({ en: `T ${id}`, fr: `T ${id}` }), deadlineRules: rules });
const at = Date.parse('2026-11-29T12:00:00Z');

function run(...messages: Array<Partial<Understanding>>) {
  let [snapshot] = initialTransition(machine, { locale: 'en' });
  for (const m of messages) {
    const event: DialogEvent = { type: 'user.message', understanding: understanding(m), at };
    [snapshot] = transition(machine, snapshot, event);
  }
  return snapshot;
}

describe('the dialog machine', () => {
  it('welcomes on conversation start', () => {
    const [start] = initialTransition(machine, { locale: 'fr' });
    const [next] = transition(machine, start, { type: 'conversation.start', locale: 'fr', at });
    expect(next.context.replies).toEqual([{ id: 'welcome' }]);
    expect(next.context.locale).toBe('fr');
  });

  it('answers a confident knowledge match and remembers the topic', () => {
    const s = run({ knowledge: answerOf('ext.bail'), anchored: true });
    expect(s.value).toBe('idle');
    expect(s.context.outcome).toEqual({ route: 'answer', topic: 'ext.bail' });
    expect(s.context.lastTopic).toBe('ext.bail');
  });

  it('offers choices for an ambiguous match and resolves a picked choice', () => {
    const ambiguous = run({ knowledge: { kind: 'ambiguous', candidates: ['ext.bail', 'ext.hearing'], ranked: [] }, anchored: true });
    expect(ambiguous.value).toBe('awaitingChoice');
    expect(ambiguous.context.outcome?.route).toBe('clarify');
    const picked = run(
      { knowledge: { kind: 'ambiguous', candidates: ['ext.bail', 'ext.hearing'], ranked: [] }, anchored: true },
      { choice: 'ext.hearing' },
    );
    expect(picked.value).toBe('idle');
    expect(picked.context.outcome).toEqual({ route: 'answer', topic: 'ext.hearing' });
  });

  it('routes Canadian police straight to the IAG', () => {
    const s = run({ contactQuestion: true, speaker: { role: 'law-enforcement', side: 'canadian', country: 'ca' } });
    expect(s.context.outcome).toEqual({ route: 'contact', contact: 'iag' });
  });

  it('routes a foreign central authority to the IAG', () => {
    const s = run({ contactQuestion: true, speaker: { role: 'central-authority', country: 'gb' } });
    expect(s.context.outcome).toEqual({ route: 'contact', contact: 'iag' });
  });

  it('routes foreign police to their own country', () => {
    const s = run({ contactQuestion: true, speaker: { role: 'law-enforcement', side: 'foreign', country: 'de' } });
    expect(s.context.outcome).toEqual({ route: 'contact', contact: 'de' });
  });

  it('asks for the role once, then for the country once, then gives the general advice', () => {
    const askedRole = run({ contactQuestion: true });
    expect(askedRole.value).toBe('awaitingRole');
    const askedCountry = run({ contactQuestion: true }, { choice: 'role:foreign-law' });
    expect(askedCountry.value).toBe('awaitingCountry');
    expect(askedCountry.context.askedCountry).toBe(true);
    const general = run({ contactQuestion: true }, { choice: 'role:foreign-law' }, { unknownCountry: true });
    expect(general.context.outcome).toEqual({ route: 'contact', contact: 'own-central-authority' });
    expect(general.value).toBe('idle');
  });

  it('never asks for the country twice', () => {
    const s = run(
      { contactQuestion: true, speaker: { role: 'law-enforcement' } },
      { contentWords: 2 },
      { contactQuestion: true },
    );
    expect(s.context.replies.some((r) => r.id === 'clarify.askCountry')).toBe(false);
    expect(s.context.outcome?.contact).toBe('own-central-authority');
  });

  it('takes a country typed in answer to the country question', () => {
    const s = run({ contactQuestion: true, speaker: { role: 'law-enforcement' } }, { speaker: { country: 'fr', countryOnly: true } });
    expect(s.context.outcome).toEqual({ route: 'contact', contact: 'fr' });
  });

  it('gives the public general information about who contacts the IAG', () => {
    const s = run({ contactQuestion: true, speaker: { role: 'journalist' } });
    expect(s.context.outcome).toEqual({ route: 'answer', topic: 'iag.who-contacts' });
  });

  it('keeps what a first message says of the speaker for a later contact question', () => {
    const s = run({ speaker: { role: 'law-enforcement', side: 'foreign', country: 'us' } }, { contactQuestion: true });
    expect(s.context.outcome).toEqual({ route: 'contact', contact: 'us' });
  });

  it('declines case status even when the message names extradition', () => {
    const s = run({ outOfScope: { category: 'case-status', kind: 'decline' }, knowledge: answerOf('ext.process'), anchored: true, concepts: ['extradition'] });
    expect(s.context.outcome).toEqual({ route: 'fallback' });
    expect(s.context.replies).toEqual([{ id: 'fallback.caseDecline' }]);
  });

  it('sends neighbouring subjects elsewhere unless the message is about extradition or MLA', () => {
    expect(run({ outOfScope: { category: 'immigration', kind: 'elsewhere' }, knowledge: answerOf('mla.safeguards') }).context.outcome).toEqual({
      route: 'fallback',
    });
    expect(
      run({ outOfScope: { category: 'immigration', kind: 'elsewhere' }, knowledge: answerOf('ext.surrender'), concepts: ['extradition'] }).context
        .outcome,
    ).toEqual({ route: 'answer', topic: 'ext.surrender' });
  });

  it('switches language and repeats the last answer in it', () => {
    const s = run({ knowledge: answerOf('ext.bail') }, { smalltalk: 'language', languageRequested: 'fr' });
    expect(s.context.locale).toBe('fr');
    expect(s.context.outcome).toEqual({ route: 'smalltalk', intent: 'language' });
    expect(s.context.replies).toEqual([
      { id: 'smalltalk', intent: 'language' },
      { id: 'language.repeat' },
      { id: 'answer.topic', topic: 'ext.bail' },
    ]);
  });

  it('follows the language the user writes in', () => {
    expect(run({ language: 'fr', smalltalk: 'greeting' }).context.locale).toBe('fr');
    expect(run({ language: 'fr' }, { contentWords: 1 }).context.locale).toBe('fr');
  });

  it('walks the fallback chain: a rephrase prompt, then the IAG contact', () => {
    const once = run({ anchored: true });
    expect(once.context.replies).toEqual([{ id: 'clarify.rephrase' }]);
    const twice = run({ anchored: true }, { anchored: true });
    expect(twice.context.replies).toEqual([{ id: 'fallback.offerContact' }, { id: 'contact.iag' }]);
    expect(twice.context.outcome).toEqual({ route: 'fallback' });
  });

  it('says out of scope for messages outside the domain', () => {
    expect(run({}).context.replies).toEqual([{ id: 'fallback.outOfScope' }]);
  });

  it('resolves a follow-up against the previous topic', () => {
    const s = run({ knowledge: answerOf('ext.provisional-arrest') }, { followUpTopic: 'ext.deadlines' });
    expect(s.context.outcome).toEqual({ route: 'answer', topic: 'ext.deadlines' });
  });

  it('computes a deadline only from a rule that applies', () => {
    const us = run({ deadline: { arrestDate: '2026-03-03', countries: ['us'], noTreaty: false } });
    expect(us.context.replies[0]).toMatchObject({ id: 'deadline.computed', dueDate: '2026-05-02', days: 60, rule: 'US rule.' });
    const unknownTreaty = run({ deadline: { arrestDate: '2026-03-03', countries: ['fr'], noTreaty: false }, knowledge: answerOf('ext.deadlines') });
    expect(unknownTreaty.context.outcome).toEqual({ route: 'answer', topic: 'ext.deadlines' });
  });

  it('reminds about personal data whatever the turn does', () => {
    const s = run({ personalData: true, knowledge: answerOf('ext.bail') });
    expect(s.context.replies.at(-1)).toEqual({ id: 'privacy.reminder' });
  });

  it('starts over from any state', () => {
    const s = run({ contactQuestion: true }, { startOver: true });
    expect(s.value).toBe('idle');
    expect(s.context.askedRole).toBe(false);
  });
});
