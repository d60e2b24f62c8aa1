/**
 * Understanding: turns one message into a typed event for the dialog machine. It recognises the language,
 * small talk, "who do I contact?", who the speaker is, knowledge matches, follow-ups, out-of-scope subjects,
 * personal data and deadline questions. It decides nothing: the machine does.
 */
import type { KnowledgeBase } from '../src/knowledge/loadKnowledge';
import { Analyser } from '../src/knowledge/analyser';
import { Matcher, type MatchDecision, type MatcherTuning } from '../src/knowledge/matcher';
import { detectLanguage, type Language } from '../src/language/detectLanguage';
import { normalise, stem, tokenise } from '../src/language/normalise';
import { PhraseIndex } from '../src/language/phraseIndex';
import { SpeakerRecogniser, type Speaker } from '../src/language/speaker';
import { hasPersonalData } from '../src/language/personalData';
import { findPastDate } from '../src/language/dates';

export type SmalltalkIntent = 'greeting' | 'thanks' | 'goodbye' | 'help' | 'identity' | 'language';

export interface Choice {
  /** what the choice resolves to: a topic id, "role:canadian", "country:us"... */
  value: string;
  /** the labels shown, per language, used to recognise a typed choice */
  labels: Record<Language, string>;
}

export interface Understanding {
  language?: Language;
  smalltalk?: SmalltalkIntent;
  /** set when the smalltalk is a language request: the language asked for, if it says ('other': neither) */
  languageRequested?: Language | 'other';
  /** the value of a pending choice the message picks, by number, label or button value */
  choice?: string;
  contactQuestion: boolean;
  contactPerson: boolean;
  startOver: boolean;
  unknownCountry: boolean;
  speaker: Speaker;
  knowledge: MatchDecision;
  /** anchors: domain words the message holds (extradition, MLA, treaty...), or two weak ones together */
  anchored: boolean;
  /** a domain word that places the message in the subject on its own (not a pair of weak ones) */
  stronglyAnchored: boolean;
  /** the concepts the message names (iag, extradition, mla...) */
  concepts: string[];
  /** topic a follow-up question resolves to against the previous answer's topic */
  followUpTopic?: string;
  outOfScope?: { category: string; kind: 'elsewhere' | 'decline' };
  personalData: boolean;
  /** a provisional-arrest deadline question with the arrest date, YYYY-MM-DD */
  deadline?: { arrestDate: string; countries: string[]; noTreaty: boolean };
  /** number of content words: tells a bare "thanks" from a question that starts with thanks */
  contentWords: number;
  /** the message asks something (a question mark or a question word first) */
  isQuestion: boolean;
}

export interface UnderstandContext {
  locale: Language;
  lastTopic?: string;
  pendingChoices?: Choice[];
  /** earlier messages were about extradition or mutual legal assistance */
  inDomain?: boolean;
  /** what earlier messages said of the speaker's side */
  speakerSide?: 'canadian' | 'foreign';
  now: Date;
}

const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, premier: 1, premiere: 1, deuxieme: 2, second_: 2, troisieme: 3, quatrieme: 4,
  one: 1, two: 2, three: 3, four: 4, un: 1, une: 1, deux: 2, trois: 3, quatre: 4,
};

/** Concepts that say nothing of a subject of their own: "how long does the requesting country have?" */
const GENERIC_CONCEPTS = new Set(['duration', 'definition', 'request', 'canada', 'foreign', 'process', 'difference', 'contact', 'urgent', 'language']);
const QUESTION_START = /^(who|whom|what|when|where|why|how|which|can|could|may|is|are|do|does|did|should|will|would|qui|que|quoi|quand|ou|comment|pourquoi|est ce|quel|quelle|quels|quelles|peut|puis|peux|pouvez|dois|doit|faut|combien)\b/;
// Matched on folded text (no accents), so that "arrêté" and "arrete" both count.
const DEADLINE_CUE = /\b(due|deadline|when (is|must|should|do|does)|by when|how long do (we|they|i) have|last day|delais?|date limite|quand (doit|faut|dois)|jusqu a quand|echeance)\b/;
/** A knowledge answer this sure is what a message is about, whatever else it mentions. */
const SURE_ANSWER = 0.9;
/** "How do you say hello in Japanese?" asks for a translation: neither a greeting nor a language switch. */
const TRANSLATION_QUESTION = /\b(how (do|can|would|should) (you|i|we|one) say|how to say|how is .+ said|comment (dit on|dire|on dit))\b/;
const NO_TREATY = /\b(no treaty|without a treaty|non treaty|sans traite|aucun traite|pas de traite)\b/;
const ARREST_CUE = /\b(arrest|arrested|provisional|provisionally|detained|arretee?s?|arrestation|provisoire|provisoirement)\b/;

export class Understander {
  readonly matcher: Matcher;
  private readonly speaker: SpeakerRecogniser;
  private readonly contactQuestion = new PhraseIndex<true>();
  private readonly contactPerson = new PhraseIndex<true>();
  private readonly startOver = new PhraseIndex<true>();
  private readonly unknownCountry = new PhraseIndex<true>();
  private readonly smalltalk = new PhraseIndex<SmalltalkIntent>();
  private readonly smalltalkPatterns: Array<{ intent: SmalltalkIntent; pattern: RegExp }> = [];
  private readonly otherLanguages: Set<string>;
  private readonly toFrench = new PhraseIndex<true>();
  private readonly toEnglish = new PhraseIndex<true>();
  private readonly outOfScope = new PhraseIndex<{ category: string; kind: 'elsewhere' | 'decline' }>();
  private readonly followUpCues = new PhraseIndex<string>();
  private readonly stopwords: Set<string>;

  constructor(
    private readonly kb: KnowledgeBase,
    options: { tuning?: Partial<MatcherTuning> } = {},
  ) {
    const analyser = new Analyser(kb.synonyms);
    const protectedWords = new Set<string>();
    const places = new Set<string>();
    for (const entry of Object.values(kb.countries.countries)) {
      const provinces = Array.isArray(entry.provinces) ? entry.provinces : Object.values(entry.provinces).flat();
      for (const n of [...entry.en, ...entry.fr, ...entry.cities, ...provinces, ...(entry.demonyms.en ?? []), ...(entry.demonyms.fr ?? [])]) {
        const words = normalise(n).split(' ');
        for (const t of words) protectedWords.add(stem(t));
        // Single-word place names only: parts of longer names ("new", "south") are ordinary words.
        if (words.length === 1 && words[0]!.length > 2) places.add(stem(words[0]!));
      }
    }
    for (const agency of kb.agencies.agencies) {
      for (const n of agency.names) for (const t of normalise(n).split(' ')) protectedWords.add(stem(t));
    }
    this.matcher = new Matcher(analyser, kb.topics, { protectedWords, ignoredWords: places, tuning: options.tuning });
    this.speaker = new SpeakerRecogniser(kb.countries, kb.agencies, kb.phrases);
    const p = kb.phrases;
    const both = (l: { en: string[]; fr: string[] }) => [...l.en, ...l.fr];
    this.contactQuestion.addAll(both(p.contactQuestion), true);
    this.contactPerson.addAll(both(p.contactPerson), true);
    this.startOver.addAll(both(p.startOver), true);
    this.unknownCountry.addAll(both(p.unknownCountry), true);
    for (const [intent, lists] of Object.entries(p.smalltalk) as Array<[SmalltalkIntent, { en: string[]; fr: string[] }]>) {
      this.smalltalk.addAll(both(lists), intent);
    }
    for (const [intent, patterns] of Object.entries(p.smalltalkPatterns) as Array<[SmalltalkIntent, string[] | undefined]>) {
      for (const pattern of patterns ?? []) this.smalltalkPatterns.push({ intent, pattern: new RegExp(pattern) });
    }
    this.otherLanguages = new Set(p.otherLanguages.map((l) => normalise(l)));
    this.toFrench.addAll(both(p.switchToFrench), true);
    this.toEnglish.addAll(both(p.switchToEnglish), true);
    for (const [category, c] of Object.entries(kb.outOfScope.categories)) {
      this.outOfScope.addAll(c.terms, { category, kind: c.kind });
    }
    for (const [kind, f] of Object.entries(kb.followUps.kinds)) this.followUpCues.addAll(both(f.cues), kind);
    this.stopwords = new Set([...kb.synonyms.stopwords.en, ...kb.synonyms.stopwords.fr].map((w) => normalise(w)));
  }

  understand(text: string, context: UnderstandContext): Understanding {
    const tokens = tokenise(text);
    const language = detectLanguage(text);
    const analysis = this.matcher.analyse(text);
    const last = context.lastTopic ? this.kb.topicsById.get(context.lastTopic) : undefined;
    const speaker = this.speaker.recognise(text);
    // Police, prosecutors, judges and central authorities who say who they are write about this domain.
    const official = speaker.role === 'law-enforcement' || speaker.role === 'central-authority';
    const knowledge = this.matcher.decide(analysis, {
      lastTopic: last?.id,
      relatedTopics: last?.related ?? [],
      inDomain: context.inDomain === true || official,
      speakerSide: speaker.side ?? context.speakerSide,
    });
    const smalltalkHits: Array<{ value: SmalltalkIntent; start: number; end: number }> = this.smalltalk.findAll(tokens);
    const folded = tokens.join(' ');
    for (const { intent, pattern } of this.smalltalkPatterns) {
      const match = pattern.exec(folded);
      if (!match) continue;
      // The words of the match count as small talk, like a phrase hit.
      const start = folded.slice(0, match.index).split(' ').filter(Boolean).length;
      const end = start + match[0].split(' ').filter(Boolean).length;
      smalltalkHits.push({ value: intent, start, end });
    }
    const covered = new Set<number>();
    for (const h of smalltalkHits) for (let i = h.start; i < h.end; i++) covered.add(i);
    const contentWords = tokens.filter((t, i) => !covered.has(i) && !this.stopwords.has(t)).length;

    const understanding: Understanding = {
      language,
      contactQuestion: this.contactQuestion.findAll(tokens).length > 0,
      contactPerson: this.contactPerson.findAll(tokens).length > 0,
      startOver: this.startOver.findAll(tokens).length > 0 && tokens.length <= 6,
      unknownCountry: this.unknownCountry.findAll(tokens).length > 0,
      speaker,
      knowledge,
      anchored: analysis.anchored || official,
      stronglyAnchored: analysis.anchors.size > 0,
      concepts: [...analysis.concepts],
      personalData: hasPersonalData(text),
      contentWords,
      isQuestion: text.includes('?') || QUESTION_START.test(normalise(text)),
    };
    if (language) understanding.language = language;

    // "What is the IAG called in French?" names its subject: a question answered, not a language request.
    // "Our request is written in French, is that OK?" is about the request: a sure answer wins too.
    const answersOwnSubject =
      knowledge.kind === 'answer' && analysis.anchored && (understanding.isQuestion || knowledge.score >= SURE_ANSWER);
    const smalltalk = TRANSLATION_QUESTION.test(folded)
      ? undefined
      : this.pickSmalltalk(smalltalkHits.map((h) => h.value), contentWords, answersOwnSubject);
    if (smalltalk) {
      understanding.smalltalk = smalltalk;
      if (smalltalk === 'language') {
        const fr = this.toFrench.findAll(tokens).length > 0;
        const en = this.toEnglish.findAll(tokens).length > 0;
        if (fr && !en) understanding.languageRequested = 'fr';
        else if (en && !fr) understanding.languageRequested = 'en';
        else if (tokens.some((t) => this.otherLanguages.has(t))) understanding.languageRequested = 'other';
      }
    }

    const choice = this.pickChoice(text, tokens, context.pendingChoices);
    if (choice) understanding.choice = choice;

    const outOfScope = this.outOfScope.findAll(tokens)[0]?.value;
    if (outOfScope) understanding.outOfScope = outOfScope;

    const followUpTopic = this.resolveFollowUp(tokens, context.lastTopic, knowledge);
    if (followUpTopic) understanding.followUpTopic = followUpTopic;

    if (DEADLINE_CUE.test(folded) && ARREST_CUE.test(folded)) {
      const arrestDate = findPastDate(text, language ?? context.locale, context.now);
      if (arrestDate) {
        const countries = [...new Set(this.speaker.countryMentions(text).map((m) => m.country))].filter((c) => c !== 'ca');
        understanding.deadline = { arrestDate, countries, noTreaty: NO_TREATY.test(folded) };
      }
    }
    return understanding;
  }

  /**
   * Small talk counts when it is most of the message: "thanks, that's helpful" is thanks, "thanks, and what
   * is an ATP?" is a question. Language requests count whatever follows them.
   */
  private pickSmalltalk(intents: SmalltalkIntent[], contentWords: number, answersOwnSubject: boolean): SmalltalkIntent | undefined {
    if (intents.length === 0) return undefined;
    // "In French, please" is a language request; "what is the IAG called in French?" is a question.
    if (intents.includes('language') && contentWords <= 3 && !answersOwnSubject) return 'language';
    const order: SmalltalkIntent[] = ['identity', 'help', 'goodbye', 'thanks', 'greeting'];
    const intent = order.find((i) => intents.includes(i));
    if (!intent) return undefined;
    // Identity questions often name the Department ("is this an official Justice Canada service?").
    const allowance = intent === 'identity' ? 4 : 2;
    return contentWords <= allowance ? intent : undefined;
  }

  private pickChoice(text: string, tokens: string[], choices?: Choice[]): string | undefined {
    const trimmed = text.trim();
    // A suggested follow-up button sends its topic id, whatever the conversation is waiting for.
    if (this.kb.topicsById.has(trimmed)) return trimmed;
    if (!choices || choices.length === 0) return undefined;
    const exactValue = choices.find((c) => c.value === trimmed);
    if (exactValue) return exactValue.value;
    const numeric = /^\(?#?(\d)[).]?$/.exec(trimmed)?.[1];
    const ordinal = tokens.length <= 3 ? tokens.map((t) => ORDINALS[t]).find((n) => n !== undefined) : undefined;
    const index = numeric ? Number(numeric) : ordinal;
    if (index !== undefined && index >= 1 && index <= choices.length) return choices[index - 1]?.value;
    const said = normalise(text);
    if (!said) return undefined;
    const byLabel = choices.find((c) => normalise(c.labels.en) === said || normalise(c.labels.fr) === said);
    if (byLabel) return byLabel.value;
    // A label's distinctive words typed loosely ("the bail one"): the only choice whose label contains them.
    const words = said.split(' ').filter((w) => w.length > 3 && !this.stopwords.has(w));
    if (words.length === 0 || words.length > 4) return undefined;
    const containing = choices.filter((c) => {
      const label = `${normalise(c.labels.en)} ${normalise(c.labels.fr)}`;
      return words.every((w) => label.includes(w));
    });
    return containing.length === 1 ? containing[0]?.value : undefined;
  }

  /**
   * A follow-up leans on the previous answer ("how long does that take?"). A question that names its own
   * subject ("how long does he have to appeal?") is not one: the words left once the cue is taken out
   * must not point at a topic on their own.
   */
  private resolveFollowUp(tokens: string[], lastTopic: string | undefined, knowledge: MatchDecision): string | undefined {
    if (!lastTopic) return undefined;
    const hit = this.followUpCues.findAll(tokens)[0];
    if (!hit) return undefined;
    const rest = [...tokens.slice(0, hit.start), ...tokens.slice(hit.end)].join(' ');
    const ownSubject = [...this.matcher.analyse(rest).concepts].some((c) => !GENERIC_CONCEPTS.has(c));
    if (ownSubject && knowledge.kind !== 'none') return undefined;
    const targets = this.kb.followUps.kinds[hit.value]?.targets ?? {};
    if (targets[lastTopic]) return targets[lastTopic];
    const prefix = Object.keys(targets)
      .filter((k) => k.endsWith('.') && lastTopic.startsWith(k))
      .sort((a, b) => b.length - a.length)[0];
    return prefix ? targets[prefix] : undefined;
  }
}
