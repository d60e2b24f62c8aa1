import type { Language } from '../src/language/detectLanguage';
import type { Speaker } from '../src/language/speaker';
import type { Choice, Understanding } from './understand';

/**
 * What the machine says, as ids with parameters. The renderer turns them into words and cards per
 * language and channel; the machine never holds prose.
 */
export type Reply =
  | { id: 'welcome' }
  | { id: 'answer.topic'; topic: string; audience?: 'public' }
  | { id: 'contact.iag' }
  | { id: 'contact.country'; country: string }
  | { id: 'contact.own' }
  | { id: 'smalltalk'; intent: 'greeting' | 'thanks' | 'goodbye' | 'help' | 'identity' | 'language' | 'languageUnsupported' }
  | { id: 'language.repeat' }
  | { id: 'clarify.didYouMean'; choices: Choice[] }
  | { id: 'clarify.rephrase' }
  | { id: 'clarify.askRole'; choices: Choice[] }
  | { id: 'clarify.askCountry'; choices: Choice[] }
  | { id: 'clarify.speakerNoted' }
  | { id: 'fallback.outOfScope' }
  | { id: 'fallback.elsewhere' }
  | { id: 'fallback.caseDecline' }
  | { id: 'fallback.offerContact' }
  | { id: 'privacy.reminder' }
  | { id: 'deadline.computed'; arrestDate: string; dueDate: string; days: number; rule: string };

export type Route = 'answer' | 'contact' | 'clarify' | 'fallback' | 'smalltalk';

/** The outcome of a turn, as the route entity reports it (shared/spec/CONTRACT.md §3). */
export interface Outcome {
  route: Route;
  topic?: string;
  contact?: string;
  intent?: string;
}

export interface DialogContext {
  locale: Language;
  speaker: Speaker;
  /** the topic of the last answer: follow-ups resolve against it */
  lastTopic?: string;
  /** the replies of the last substantive turn, re-rendered when the user switches language */
  lastAnswer?: Reply[];
  choices: Choice[];
  askedRole: boolean;
  askedCountry: boolean;
  /** an earlier message was about extradition or mutual legal assistance */
  inDomain?: boolean;
  /** consecutive turns without an answer: drives the fallback chain */
  misses: number;
  /** the fallback chain has asked for a rephrase already */
  rephrased?: boolean;
  replies: Reply[];
  outcome?: Outcome;
  lastActivityAt?: number;
}

export type DialogEvent =
  | { type: 'conversation.start'; locale: Language; at: number }
  | { type: 'user.message'; understanding: Understanding; at: number };

export type UserMessageEvent = Extract<DialogEvent, { type: 'user.message' }>;
