/**
 * Model-based test: walks every state of the dialog machine with a representative set of messages
 * (xstate/graph), and checks on every path that each message gets replies and an outcome, and that
 * "start over" and "contact a person" work from every state. No state may be a dead end.
 */
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { transition } from 'xstate';
import { createAssistantMachine } from '../../dialogs/assistantMachine';
import type { DialogEvent } from '../../dialogs/types';
import type { Understanding } from '../../dialogs/understand';
import { answerOf, understanding } from '../support/understanding';

const machine = createAssistantMachine({
  titles: (id) => ({ en: id, fr: id }),
  deadlineRules: [{ id: 'us', country: 'us', days: 60, text: { en: 'US.', fr: 'É.-U.' } }],
});
const at = Date.parse('2026-11-29T12:00:00Z');
const message = (over: Partial<Understanding>): DialogEvent => ({ type: 'user.message', understanding: understanding(over), at });

const samples: Record<string, DialogEvent> = {
  greeting: message({ smalltalk: 'greeting', contentWords: 0 }),
  knowledgeAnswer: message({ knowledge: answerOf('ext.bail'), anchored: true }),
  ambiguous: message({ knowledge: { kind: 'ambiguous', candidates: ['ext.bail', 'ext.hearing'], ranked: [] }, anchored: true }),
  pickFirst: message({ choice: 'ext.bail' }),
  whoDoIContact: message({ contactQuestion: true }),
  policeNoCountry: message({ contactQuestion: true, speaker: { role: 'law-enforcement' } }),
  pickForeignLaw: message({ choice: 'role:foreign-law' }),
  countryTyped: message({ speaker: { country: 'fr', countryOnly: true } }),
  ratherNotSay: message({ unknownCountry: true }),
  outOfScope: message({}),
  caseStatus: message({ outOfScope: { category: 'case-status', kind: 'decline' } }),
  french: message({ smalltalk: 'language', languageRequested: 'fr' }),
  deadline: message({ deadline: { arrestDate: '2026-03-03', countries: ['us'], noTreaty: false } }),
};
const events = Object.values(samples);

describe('the dialog machine, walked as a model', () => {
  const paths = getShortestPaths(machine, {
    events,
    input: { locale: 'en' },
    // States are what the machine waits on; the context varies without changing what it can do next.
    serializeState: (snapshot) => JSON.stringify(snapshot.value),
  });

  it('reaches every waiting state', () => {
    const reached = new Set(paths.map((p) => JSON.stringify(p.state.value)));
    for (const state of ['idle', 'awaitingChoice', 'awaitingRole', 'awaitingCountry']) {
      expect(reached).toContain(JSON.stringify(state));
    }
  });

  it('rests only in waiting states (the routing hub is transient)', () => {
    for (const path of paths) expect(['idle', 'awaitingChoice', 'awaitingRole', 'awaitingCountry']).toContain(path.state.value);
  });

  const simplePaths = getSimplePaths(machine, {
    events,
    input: { locale: 'en' },
    serializeState: (snapshot) => JSON.stringify(snapshot.value),
  });

  it('answers every message on every path with replies and an outcome', () => {
    expect(simplePaths.length).toBeGreaterThan(4);
    for (const path of simplePaths) {
      for (const step of path.steps.slice(1)) {
        expect(step.state.context.replies.length).toBeGreaterThan(0);
        expect(step.state.context.outcome).toBeDefined();
      }
    }
  });

  it.each(['idle', 'awaitingChoice', 'awaitingRole', 'awaitingCountry'])('lets the user start over from %s', (state) => {
    const path = paths.find((p) => p.state.value === state)!;
    const [next] = transition(machine, path.state, message({ startOver: true }));
    expect(next.value).toBe('idle');
    expect(next.context.outcome?.route).toBe('smalltalk');
    expect(next.context.choices).toEqual([]);
  });

  it.each(['idle', 'awaitingChoice', 'awaitingRole', 'awaitingCountry'])('gives the IAG contact on request from %s', (state) => {
    const path = paths.find((p) => p.state.value === state)!;
    const [next] = transition(machine, path.state, message({ contactPerson: true }));
    expect(next.context.outcome).toEqual({ route: 'contact', contact: 'iag' });
  });

  it.each(['awaitingChoice', 'awaitingRole', 'awaitingCountry'])('takes a new question asked instead of an answer in %s', (state) => {
    const path = paths.find((p) => p.state.value === state)!;
    const [next] = transition(machine, path.state, message({ knowledge: answerOf('ext.consent'), anchored: true }));
    expect(next.context.outcome).toEqual({ route: 'answer', topic: 'ext.consent' });
    expect(next.value).toBe('idle');
  });
});
