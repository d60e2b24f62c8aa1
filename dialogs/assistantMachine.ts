/**
 * The dialog machine (xstate v5). Pure: no I/O, no SDK, no clock of its own; time arrives on the events.
 * It decides, from the typed understanding of a message, what kind of turn this is; dialogs/turns.ts says
 * what each kind of turn produces. Replies leave as ids with parameters, in context.replies.
 *
 * States are the questions the assistant is waiting on: nothing (idle), a did-you-mean choice, the
 * speaker's role, or the speaker's country. Every state also accepts a new question, so none is a dead end.
 */
import { assign, setup } from 'xstate';
import type { Language } from '../src/language/detectLanguage';
import { addDays } from '../src/language/dates';
import * as turns from './turns';
import { mergeSpeaker } from './contactRouting';
import type { DialogContext, DialogEvent, UserMessageEvent } from './types';
import type { Understanding } from './understand';

export interface DeadlineRule {
  id: string;
  country: string | null;
  days: number;
  text: Record<Language, string>;
}

export interface MachineDeps {
  titles: (topicId: string) => Record<Language, string>;
  deadlineRules: DeadlineRule[];
}

/** Bumped whenever the shape of the context or the states change: older snapshots then start fresh. */
export const DIALOG_VERSION = 1;

export function initialContext(locale: Language): DialogContext {
  return { locale, speaker: {}, choices: [], askedRole: false, askedCountry: false, misses: 0, replies: [] };
}

const DEADLINES_TOPIC = 'ext.deadlines';

/** Concepts that make a message about this assistant's subject whatever else it mentions. */
const CORE_CONCEPTS = new Set([
  'extradition', 'extradition-act', 'mla', 'mla-act', 'iag', 'central-authority', 'atp', 'provisional-arrest',
  'letters-rogatory', 'speciality', 'double-criminality', 'committal', 'extradition-hearing',
]);

/** A knowledge answer this sure outweighs a neighbouring subject's word in the same message. */
const OUTRIGHT_ANSWER = 0.97;

const u = (event: DialogEvent): Understanding => (event as UserMessageEvent).understanding;

export function pickDeadlineRule(rules: DeadlineRule[], deadline: NonNullable<Understanding['deadline']>): DeadlineRule | undefined {
  const byCountry = rules.find((r) => r.country !== null && deadline.countries.includes(r.country));
  if (byCountry) return byCountry;
  return deadline.noTreaty ? rules.find((r) => r.country === null) : undefined;
}

export function createAssistantMachine(deps: MachineDeps) {
  const mentionsContactOfIag = (x: Understanding) => x.concepts.includes('iag');

  const machineSetup = setup({
    types: {
      context: {} as DialogContext,
      events: {} as DialogEvent,
      input: {} as { locale: Language },
    },
    guards: {
      isStartOver: ({ event }) => u(event).startOver,
      isContactPerson: ({ event }) => u(event).contactPerson,
      isLanguageRequest: ({ event }) => u(event).smalltalk === 'language',
      hasChoice: ({ event }) => u(event).choice !== undefined,
      isCaseDecline: ({ event }) => u(event).outOfScope?.kind === 'decline',
      isContactQuestion: ({ event }) => u(event).contactQuestion,
      hasSpeakerDetails: ({ event }) => {
        const s = u(event).speaker;
        return s.role !== undefined || s.country !== undefined || s.side !== undefined || u(event).unknownCountry;
      },
      hasDeadline: ({ event }) => u(event).deadline !== undefined,
      hasAnswer: ({ event }) => u(event).knowledge.kind === 'answer',
      hasFollowUp: ({ event }) => u(event).followUpTopic !== undefined,
      isSmalltalk: ({ event }) => u(event).smalltalk !== undefined,
      // A neighbouring subject (immigration, pardons...) is sent elsewhere unless the message is plainly
      // about extradition or mutual legal assistance as well: it names the subject, or the knowledge base
      // answers it outright ("does his Canadian passport protect him from being sent there?").
      isElsewhere: ({ event }) => {
        const x = u(event);
        const answeredOutright = x.stronglyAnchored && x.knowledge.kind === 'answer' && x.knowledge.score >= OUTRIGHT_ANSWER;
        return x.outOfScope?.kind === 'elsewhere' && !x.concepts.some((c) => CORE_CONCEPTS.has(c)) && !answeredOutright;
      },
      isAmbiguous: ({ event }) => u(event).knowledge.kind === 'ambiguous',
      // "FBI agent in Seattle here." is an introduction; "Can Canadian police search a house?" is a question.
      isIntroduction: ({ event }) => {
        const x = u(event);
        return !x.isQuestion && (x.speaker.role !== undefined || x.speaker.side !== undefined);
      },
    },
    actions: {
      startConversation: assign(({ event }) => ({
        ...initialContext((event as Extract<DialogEvent, { type: 'conversation.start' }>).locale),
        replies: [{ id: 'welcome' as const }],
        outcome: { route: 'smalltalk' as const, intent: 'greeting' },
      })),
      noteTurn: assign(({ context, event }) => {
        const x = u(event);
        return {
          replies: [],
          // What a message says of its writer is kept whatever the turn does with the rest of it.
          speaker: mergeSpeaker(context.speaker, x.speaker),
          inDomain: context.inDomain === true || x.anchored,
          lastActivityAt: (event as UserMessageEvent).at,
          // Sticky language: follow the user when a message is clearly in the other language.
          locale: x.language ?? context.locale,
        };
      }),
      startOver: assign(({ context }) => ({
        ...initialContext(context.locale),
        replies: [{ id: 'smalltalk' as const, intent: 'help' as const }],
        outcome: { route: 'smalltalk' as const, intent: 'help' },
      })),
      giveIagContact: assign(() => ({
        choices: [],
        misses: 0,
        replies: [{ id: 'contact.iag' as const }],
        outcome: { route: 'contact' as const, contact: 'iag' },
      })),
      switchLanguage: assign(({ context, event }) => turns.switchLanguage(context, u(event))),
      applyChoice: assign(({ context, event }) => turns.applyChoice(context, u(event))),
      declineCase: assign(() => turns.fallback('fallback.caseDecline')),
      routeContact: assign(({ context, event }) => turns.routeContact(context, u(event), mentionsContactOfIag(u(event)))),
      giveOwnCentralAuthority: assign(({ context, event }) =>
        turns.ownCentralAuthority({ speaker: { ...context.speaker, ...u(event).speaker } }),
      ),
      // Counts only with a period the facts state for this case; otherwise explains the time limits instead.
      computeDeadline: assign(({ context, event }) => {
        const d = u(event).deadline!;
        const rule = pickDeadlineRule(deps.deadlineRules, d);
        if (!rule) return turns.answerTopic(DEADLINES_TOPIC);
        return turns.deadline(d.arrestDate, addDays(d.arrestDate, rule.days), rule.days, rule.text[context.locale]);
      }),
      answer: assign(({ event }) => {
        const k = u(event).knowledge;
        return turns.answerTopic(k.kind === 'answer' ? k.topicId : '');
      }),
      answerFollowUp: assign(({ event }) => turns.answerTopic(u(event).followUpTopic!)),
      smalltalk: assign(({ event }) => turns.smalltalk(u(event).smalltalk!)),
      sendElsewhere: assign(() => turns.fallback('fallback.elsewhere')),
      offerChoices: assign(({ context, event }) => turns.struggle(context, u(event), deps.titles)),
      noteSpeaker: assign(({ context, event }) => turns.noteSpeaker(context, u(event))),
      miss: assign(({ context, event }) => turns.struggle(context, u(event), deps.titles)),
      remindPrivacy: assign(({ context, event }) =>
        u(event).personalData ? { replies: [...context.replies, { id: 'privacy.reminder' as const }] } : {},
      ),
    },
  });

  type ActionName =
    | 'startOver' | 'giveIagContact' | 'switchLanguage' | 'applyChoice' | 'declineCase' | 'routeContact'
    | 'giveOwnCentralAuthority' | 'computeDeadline' | 'answer' | 'answerFollowUp' | 'smalltalk' | 'sendElsewhere'
    | 'offerChoices' | 'noteSpeaker' | 'miss';
  type GuardName =
    | 'isStartOver' | 'isContactPerson' | 'isLanguageRequest' | 'hasChoice' | 'isCaseDecline' | 'isContactQuestion'
    | 'hasSpeakerDetails' | 'hasDeadline' | 'hasAnswer' | 'hasFollowUp' | 'isSmalltalk' | 'isElsewhere' | 'isAmbiguous'
    | 'isIntroduction';
  /** Every message goes through the routing hub, which waits on whatever question the replies asked. */
  const on = (action: ActionName, guard?: GuardName) =>
    ({
      target: '#assistant.routing',
      ...(guard ? { guard } : {}),
      actions: ['noteTurn', action, 'remindPrivacy'] as const,
    }) as { target: string; guard?: GuardName; actions: readonly ['noteTurn', ActionName, 'remindPrivacy'] };

  const interruptions = [
    on('startOver', 'isStartOver'),
    on('giveIagContact', 'isContactPerson'),
    on('switchLanguage', 'isLanguageRequest'),
    on('declineCase', 'isCaseDecline'),
  ];
  const questions = [
    on('routeContact', 'isContactQuestion'),
    on('computeDeadline', 'hasDeadline'),
    on('sendElsewhere', 'isElsewhere'),
    on('answerFollowUp', 'hasFollowUp'),
    on('answer', 'hasAnswer'),
    on('smalltalk', 'isSmalltalk'),
    on('offerChoices', 'isAmbiguous'),
  ];
  /** A new message in any state, in priority order. */
  const anyMessage = [...interruptions, ...questions, on('noteSpeaker', 'isIntroduction'), on('miss')];

  return machineSetup.createMachine({
    id: 'assistant',
    context: ({ input }) => initialContext(input.locale),
    initial: 'idle',
    on: {
      'conversation.start': { target: '#assistant.idle', actions: 'startConversation' },
    },
    states: {
      idle: {
        on: { 'user.message': [on('applyChoice', 'hasChoice'), ...anyMessage] },
      },
      awaitingChoice: {
        on: { 'user.message': [on('applyChoice', 'hasChoice'), ...anyMessage] },
      },
      awaitingRole: {
        on: {
          'user.message': [on('applyChoice', 'hasChoice'), ...interruptions, on('routeContact', 'hasSpeakerDetails'), ...questions, on('miss')],
        },
      },
      awaitingCountry: {
        on: {
          'user.message': [
            on('applyChoice', 'hasChoice'),
            ...interruptions,
            on('routeContact', 'hasSpeakerDetails'),
            on('answer', 'hasAnswer'),
            // Asked once: whatever the reply, the general advice follows (never the same question twice).
            on('giveOwnCentralAuthority'),
          ],
        },
      },
      /** Transient hub: wait on the question the replies just asked, if any. */
      routing: {
        always: [
          { target: 'awaitingRole', guard: ({ context }) => context.replies.some((r) => r.id === 'clarify.askRole') },
          { target: 'awaitingCountry', guard: ({ context }) => context.replies.some((r) => r.id === 'clarify.askCountry') },
          { target: 'awaitingChoice', guard: ({ context }) => context.replies.some((r) => r.id === 'clarify.didYouMean') },
          { target: 'idle' },
        ],
      },
    },
  });
}

export type AssistantMachine = ReturnType<typeof createAssistantMachine>;
