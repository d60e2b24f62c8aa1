/**
 * What each kind of turn does to the conversation: pure functions from (context, understanding) to the
 * context changes, replies and outcome. The machine picks which one runs; these say what it produces.
 */
import { resolveContact, mergeSpeaker, type ContactResolution } from './contactRouting';
import type { DialogContext, Outcome, Reply } from './types';
import type { Choice, Understanding } from './understand';
import type { Language } from '../src/language/detectLanguage';

export type Patch = Partial<DialogContext> & { replies: Reply[]; outcome: Outcome };

export const ROLE_CHOICES: Choice[] = [
  { value: 'role:canadian', labels: { en: 'Canadian police or prosecutor', fr: 'Policier ou procureur au Canada' } },
  { value: 'role:foreign-law', labels: { en: 'Foreign police or prosecutor', fr: "Policier ou procureur à l'étranger" } },
  { value: 'role:foreign-ca', labels: { en: 'Foreign central authority', fr: 'Autorité centrale étrangère' } },
  { value: 'role:public', labels: { en: 'Member of the public, lawyer or journalist', fr: 'Membre du public, avocat ou journaliste' } },
];

export const COUNTRY_CHOICES: Choice[] = [
  { value: 'country:ca', labels: { en: 'Canada', fr: 'Canada' } },
  { value: 'country:us', labels: { en: 'United States', fr: 'États-Unis' } },
  { value: 'country:unknown', labels: { en: 'Another country / prefer not to say', fr: 'Un autre pays / je préfère ne pas le dire' } },
];

export function topicChoices(topicIds: string[], titles: (id: string) => Record<Language, string>): Choice[] {
  return topicIds.map((id) => ({ value: id, labels: titles(id) }));
}

// A turn that answers closes any pending question and the fallback chain.
const cleared: Pick<DialogContext, 'choices' | 'misses' | 'rephrased'> = { choices: [], misses: 0, rephrased: false };

export function answerTopic(topic: string, audience?: 'public'): Patch {
  const reply: Reply = audience ? { id: 'answer.topic', topic, audience } : { id: 'answer.topic', topic };
  return { ...cleared, lastTopic: topic, lastAnswer: [reply], replies: [reply], outcome: { route: 'answer', topic } };
}

function contactReplies(resolution: ContactResolution): { reply: Reply; outcome: Outcome } | undefined {
  switch (resolution.kind) {
    case 'iag':
      return { reply: { id: 'contact.iag' }, outcome: { route: 'contact', contact: 'iag' } };
    case 'country':
      return { reply: { id: 'contact.country', country: resolution.country }, outcome: { route: 'contact', contact: resolution.country } };
    default:
      return undefined;
  }
}

/** Routes a "who do I contact?" with what is known of the speaker, asking once for what is missing. */
export function routeContact(context: DialogContext, understanding: Understanding, mentionsIag = false): Patch {
  const speaker = mergeSpeaker(context.speaker, understanding.speaker);
  const resolution = resolveContact(speaker);
  const direct = contactReplies(resolution);
  if (direct) {
    return { ...cleared, speaker, lastAnswer: [direct.reply], replies: [direct.reply], outcome: direct.outcome };
  }
  if (resolution.kind === 'public') return { ...answerTopic('iag.who-contacts', 'public'), speaker };
  if (resolution.kind === 'needRole') {
    // "Who may contact the IAG directly?" asks about the rules, not for a door.
    const k = understanding.knowledge;
    if (mentionsIag && k.kind === 'answer' && k.topicId === 'iag.who-contacts') return { ...answerTopic('iag.who-contacts'), speaker };
    // Someone who only asks for the IAG's own details gets them; the card says who should use them.
    if (mentionsIag || context.askedRole) {
      return mentionsIag
        ? { ...cleared, speaker, lastAnswer: [{ id: 'contact.iag' }], replies: [{ id: 'contact.iag' }], outcome: { route: 'contact', contact: 'iag' } }
        : { ...answerTopic('iag.who-contacts'), speaker };
    }
    return {
      speaker,
      askedRole: true,
      choices: ROLE_CHOICES,
      replies: [{ id: 'clarify.askRole', choices: ROLE_CHOICES }],
      outcome: { route: 'clarify' },
    };
  }
  // needCountry
  if (context.askedCountry) return ownCentralAuthority({ ...context, speaker });
  return {
    speaker,
    askedCountry: true,
    choices: COUNTRY_CHOICES,
    replies: [{ id: 'clarify.askCountry', choices: COUNTRY_CHOICES }],
    outcome: { route: 'clarify' },
  };
}

export function ownCentralAuthority(context: Pick<DialogContext, 'speaker'>): Patch {
  return {
    ...cleared,
    speaker: context.speaker,
    lastAnswer: [{ id: 'contact.own' }],
    replies: [{ id: 'contact.own' }],
    outcome: { route: 'contact', contact: 'own-central-authority' },
  };
}

/** A role or country picked from buttons, turned into what the speaker said. */
export function applyChoice(context: DialogContext, understanding: Understanding): Patch {
  const value = understanding.choice ?? '';
  if (!value.includes(':')) return answerTopic(value);
  const [kind, what] = value.split(':') as [string, string];
  const said: Understanding['speaker'] = {};
  if (kind === 'role') {
    if (what === 'canadian') Object.assign(said, { role: 'law-enforcement', side: 'canadian', country: 'ca' });
    if (what === 'foreign-law') Object.assign(said, { role: 'law-enforcement', side: 'foreign' });
    if (what === 'foreign-ca') Object.assign(said, { role: 'central-authority', side: 'foreign' });
    if (what === 'public') Object.assign(said, { role: 'public' });
  }
  if (kind === 'country') {
    if (what === 'unknown') return ownCentralAuthority({ speaker: mergeSpeaker(context.speaker, { side: 'foreign' }) });
    Object.assign(said, what === 'ca' ? { side: 'canadian', country: 'ca' } : { country: what, side: 'foreign' });
  }
  return routeContact(context, { ...understanding, speaker: said });
}

export function smalltalk(intent: NonNullable<Understanding['smalltalk']>): Patch {
  return { choices: [], replies: [{ id: 'smalltalk', intent }], outcome: { route: 'smalltalk', intent } };
}

export function switchLanguage(context: DialogContext, understanding: Understanding): Patch {
  // Asked for a language it does not speak, the assistant says which two it does, and stays put.
  if (understanding.languageRequested === 'other') {
    return { replies: [{ id: 'smalltalk', intent: 'languageUnsupported' }], outcome: { route: 'smalltalk', intent: 'language' } };
  }
  const other: Language = context.locale === 'en' ? 'fr' : 'en';
  const locale = understanding.languageRequested ?? other;
  const replies: Reply[] = [{ id: 'smalltalk', intent: 'language' }];
  if (context.lastAnswer && context.lastAnswer.length > 0 && locale !== context.locale) {
    replies.push({ id: 'language.repeat' }, ...context.lastAnswer);
  }
  return { locale, replies, outcome: { route: 'smalltalk', intent: 'language' } };
}

export function fallback(id: 'fallback.outOfScope' | 'fallback.elsewhere' | 'fallback.caseDecline'): Patch {
  return { choices: [], replies: [{ id }], outcome: { route: 'fallback' } };
}

/**
 * The fallback chain, as Copilot Studio's system topics: a message in the domain that is not understood
 * gets "did you mean" (when there are candidates), then one rephrase prompt, then the IAG's contact.
 * A message outside the domain is told so briefly; after three of them in a row the contact is offered too.
 */
export function struggle(
  context: DialogContext,
  understanding: Understanding,
  titles: (id: string) => Record<Language, string>,
): Patch {
  const misses = context.misses + 1;
  const inDomain = understanding.anchored || context.inDomain === true;
  if (!inDomain && misses < 3) return { ...fallback('fallback.outOfScope'), misses };
  const k = understanding.knowledge;
  if (inDomain && k.kind === 'ambiguous' && context.misses === 0) return { ...didYouMean(k.candidates, titles), misses };
  if (inDomain && !context.rephrased) {
    return { misses, rephrased: true, choices: [], replies: [{ id: 'clarify.rephrase' }], outcome: { route: 'clarify' } };
  }
  return {
    misses: 0,
    rephrased: false,
    choices: [],
    replies: [{ id: 'fallback.offerContact' }, { id: 'contact.iag' }],
    outcome: { route: 'fallback' },
  };
}

export function didYouMean(candidates: string[], titles: (id: string) => Record<Language, string>): Patch {
  const choices = topicChoices(candidates, titles);
  return { choices, replies: [{ id: 'clarify.didYouMean', choices }], outcome: { route: 'clarify' } };
}

export function noteSpeaker(context: DialogContext, understanding: Understanding): Patch {
  return {
    speaker: mergeSpeaker(context.speaker, understanding.speaker),
    choices: [],
    replies: [{ id: 'clarify.speakerNoted' }],
    outcome: { route: 'clarify' },
  };
}

export function deadline(arrestDate: string, dueDate: string, days: number, rule: string): Patch {
  const reply: Reply = { id: 'deadline.computed', arrestDate, dueDate, days, rule };
  return { ...cleared, lastTopic: 'ext.deadlines', lastAnswer: [reply], replies: [reply], outcome: { route: 'answer', topic: 'ext.deadlines' } };
}
