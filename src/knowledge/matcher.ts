import { Analyser, CONCEPT_PREFIX, type Analysis } from './analyser';
import type { Topic } from './schema';
import { NaiveBayes, posterior, type LabelledDoc } from './naiveBayes';
import { countWords, SpellingCorrector } from './spelling';
import { stem, tokenise } from '../language/normalise';

/**
 * The knowledge matcher: ranks topics for a message and decides between a confident answer, a short
 * "did you mean" list, or nothing.
 *
 * Ranking is a multinomial naive Bayes classifier over terms (concepts, stems and adjacent-term pairs),
 * trained at load time on each topic's alternative questions, keywords, title and answer sentences in both
 * languages. It learns which words tell topics apart ("how long" is deadlines or timelines, "bail" is bail)
 * from the content alone: editors improve it by adding questions, not code.
 *
 * Misspelt words are corrected against the content's own words before classification (./spelling.ts).
 */

/** A title names what its topic is about; a keyword is chosen to tell the topic apart: they count more. */
const TITLE_WEIGHT = 2;
const KEYWORD_WEIGHT = 1.5;
/** An answer sentence counts like one alternative question. */
const ANSWER_SENTENCE_WEIGHT = 1;
/** Additive smoothing: how much an unseen term counts against a topic. Tuned on dev.jsonl (0.1-0.5 similar). */
const SMOOTHING = 0.2;
/** Naive Bayes is over-confident; dividing log-likelihoods by this spreads the posterior into usable scores. */
const TEMPERATURE = 2;
/** How fast the temperature rises from 1 (a single feature) to TEMPERATURE as features add up. */
const TEMPERATURE_STEP = 0.5;
/**
 * At or above this posterior, with no runner-up close (ratio below), the answer is given outright. Tuned on
 * dev.jsonl and our own held-out questions together: 0.45 answers more than 0.5 without one more wrong
 * answer on either; 0.4 adds a wrong one (a confident reply to the wrong question is the harmful case).
 */
export const ANSWER_THRESHOLD = 0.45;
/** Below the answer threshold but above this, the best topics are offered as "did you mean" choices. */
export const CLARIFY_THRESHOLD = 0.1;
/** When the runner-up has at least this share of the best posterior, the message is ambiguous between them. */
export const AMBIGUITY_RATIO = 0.8;
/** A choice offered in "did you mean" has at least this share of the best posterior. */
const CHOICE_RATIO = 0.2;
/** Without a domain word (an anchor), only a clear-cut match is answered: this keeps weather and recipes out. */
export const ANCHORLESS_ANSWER_THRESHOLD = 0.97;
/** A tool, its Act, the IAG or a key term named alone is a question about what it is ("IAG?", "ATP"). */
const TOOL_DEFINITIONS: ReadonlyArray<readonly [string, string]> = [
  ['extradition', 'ext.definition'],
  ['mla', 'mla.definition'],
  ['extradition-act', 'ext.law'],
  ['mla-act', 'mla.law'],
  ['iag', 'iag.about'],
  ['atp', 'ext.authority-to-proceed'],
  ['provisional-arrest', 'ext.provisional-arrest'],
  ['speciality', 'ext.speciality'],
  ['double-criminality', 'ext.double-criminality'],
  ['letters-rogatory', 'mla.non-treaty'],
  ['temporary-surrender', 'ext.logistics'],
];
/** The two tools themselves: named beside a specific term, they leave the question to that term. */
const GENERIC_TOOLS = new Set(['extradition', 'mla']);
/** Words that leave a bare tool name a definition question ("what is", "explain", "Canada"). */
const DEFINITION_FILLER = new Set(['#definition', '#canada', 'exact', 'simpl', 'simple', 'basic', 'basically', 'svp', 'plai']);
/** Topics about requests made BY Canada, and how the speaker's side weighs them. */
const OUTGOING_TOPIC = /\.by-canada(-how)?$/;
const OUTGOING_WEIGHT_FOR_CANADIANS = 2;
const OUTGOING_WEIGHT_FOR_FOREIGNERS = 0.5;
/** Concepts that only requests made by Canada use. */
const OUTGOING_CONCEPTS = ['outgoing-request', 'bring-back'] as const;
/** The concepts that name each tool, and how much the other tool's topics then weigh. */
const EXTRADITION_CONCEPTS = ['extradition', 'extradition-act'] as const;
const MLA_CONCEPTS = ['mla', 'mla-act', 'letters-rogatory'] as const;
const OTHER_TOOL_WEIGHT = 0.3;
/** The topic that compares the two tools. */
const COMPARISON_TOPIC = 'coop.extradition-vs-mla';
/** Topics related to the previous answer weigh this much more: "and does he stay locked up?" after appeals. */
const RELATED_BOOST = 1.5;
/** The previous answer's own topic weighs more still: "and can the person give that protection up?" */
const LAST_TOPIC_BOOST = 2;
/** A term found in at most about a sixth of the topics tells which topic a message is about. */
const INFORMATIVE_IDF = Math.log(1 + 6);

export interface RankedTopic {
  topicId: string;
  /** posterior probability of the topic given the message (sums to 1 over topics) */
  score: number;
}

export type MatchDecision =
  | { kind: 'answer'; topicId: string; score: number; ranked: RankedTopic[] }
  | { kind: 'ambiguous'; candidates: string[]; ranked: RankedTopic[] }
  | { kind: 'none'; ranked: RankedTopic[] };

export interface MatchContext {
  /** the last answer's topic: boosted most */
  lastTopic?: string;
  /** the last answer's related topics: boosted */
  relatedTopics?: readonly string[];
  /** the conversation has already been about extradition or MLA: no anchor word needed */
  inDomain?: boolean;
  /**
   * Where the speaker works, when known: Canadian police and prosecutors ask about requests BY Canada,
   * foreign officers about requests TO Canada, even in the same words.
   */
  speakerSide?: 'canadian' | 'foreign';
}

/** The decision's numbers, named above; evaluation tools try other values without editing the code. */
export interface MatcherTuning {
  titleWeight: number;
  keywordWeight: number;
  answerWeight: number;
  smoothing: number;
  temperature: number;
  answerThreshold: number;
  ambiguityRatio: number;
  anchorlessAnswerThreshold: number;
}

export const DEFAULT_TUNING: Readonly<MatcherTuning> = Object.freeze({
  titleWeight: TITLE_WEIGHT,
  keywordWeight: KEYWORD_WEIGHT,
  answerWeight: ANSWER_SENTENCE_WEIGHT,
  smoothing: SMOOTHING,
  temperature: TEMPERATURE,
  answerThreshold: ANSWER_THRESHOLD,
  ambiguityRatio: AMBIGUITY_RATIO,
  anchorlessAnswerThreshold: ANCHORLESS_ANSWER_THRESHOLD,
});

export interface MatcherOptions {
  tuning?: Partial<MatcherTuning>;
  /** Words the spelling corrector must leave alone (country and agency names, for instance). */
  protectedWords?: Iterable<string>;
  /**
   * Stems that never count for matching: place names. "A prosecutor in Lima" and "bail in Ontario" are about
   * the speaker, not the topic; a topic whose example questions happen to name Ontario must not win for it.
   */
  ignoredWords?: Iterable<string>;
}

/** Terms and adjacent-term pairs: pairs carry word order ("time limit" vs "limit time"). */
export function features(terms: readonly string[]): string[] {
  const out = new Set(terms);
  for (let i = 0; i + 1 < terms.length; i++) out.add(`${terms[i]}_${terms[i + 1]}`);
  return [...out];
}

function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+/).filter((s) => s.trim().length > 0);
}

/** The texts a topic is learnt from, in both languages: title, questions, keywords, answer sentences. */
export function trainingTexts(
  topic: Topic,
  weights: Pick<MatcherTuning, 'titleWeight' | 'keywordWeight' | 'answerWeight'> = DEFAULT_TUNING,
): Array<{ text: string; kind: 'question' | 'other'; weight: number }> {
  return (['en', 'fr'] as const).flatMap((lang) => [
    { text: topic[lang].title, kind: 'other' as const, weight: weights.titleWeight },
    ...topic[lang].questions.map((text) => ({ text, kind: 'question' as const, weight: 1 })),
    ...topic[lang].keywords.map((text) => ({ text, kind: 'other' as const, weight: weights.keywordWeight })),
    ...splitSentences(topic[lang].answer).map((text) => ({ text, kind: 'other' as const, weight: weights.answerWeight })),
  ]).filter((t) => t.weight > 0);
}

export class Matcher {
  readonly model: NaiveBayes;
  private readonly idf = new Map<string, number>();
  private readonly vocabulary = new Set<string>();
  private readonly speller: SpellingCorrector;
  readonly tuning: Readonly<MatcherTuning>;
  private readonly protectedWords: Set<string>;
  private readonly ignoredWords: Set<string>;

  constructor(
    private readonly analyser: Analyser,
    private readonly topics: readonly Topic[],
    options: MatcherOptions = {},
  ) {
    this.tuning = { ...DEFAULT_TUNING, ...options.tuning };
    this.protectedWords = new Set(options.protectedWords ?? []);
    this.ignoredWords = new Set(options.ignoredWords ?? []);
    const wordCounts = countWords(analyser.words());
    // The documents are not kept: the model's counts are all a turn needs (cross-validation rebuilds them).
    const documents = this.trainingDocuments((tokens) => {
      countWords(tokens, wordCounts);
      for (const t of tokens) this.vocabulary.add(stem(t));
    });
    this.model = new NaiveBayes(documents, this.tuning.smoothing);
    const topicsWith = new Map<string, Set<string>>();
    for (const doc of documents) {
      for (const f of doc.features) {
        if (f.includes('_')) continue;
        if (!topicsWith.has(f)) topicsWith.set(f, new Set());
        topicsWith.get(f)!.add(doc.label);
      }
    }
    for (const [f, set] of topicsWith) this.idf.set(f, Math.log(1 + topics.length / set.size));
    // A word is left alone when its stem is known ("extraditing"), or it is a stopword or a place or agency name.
    this.speller = new SpellingCorrector(wordCounts, (word) => {
      const s = stem(word);
      return this.vocabulary.has(s) || this.protectedWords.has(s) || analyser.isStopword(word);
    });
  }

  /** The labelled documents the model is trained on, one per title, question, keyword and answer sentence. */
  trainingDocuments(onTokens?: (tokens: string[]) => void): Array<LabelledDoc & { text: string; kind: 'question' | 'other' }> {
    return this.topics.flatMap((topic) =>
      trainingTexts(topic, this.tuning).map(({ text, kind, weight }) => {
        const tokens = tokenise(text);
        onTokens?.(tokens);
        const terms = this.withoutIgnored(this.analyser.analyseWords(tokens).terms);
        return { label: topic.id, features: features(terms), text, kind, weight };
      }),
    );
  }

  /** Replaces misspelt words with the closest content word, leaving known and protected words alone. */
  correct(words: readonly string[]): string[] {
    return words.map((w) => this.speller.correct(w));
  }

  analyse(text: string): Analysis {
    const analysis = this.analyser.analyseWords(this.correct(tokenise(text)));
    return { ...analysis, terms: this.withoutIgnored(analysis.terms) };
  }

  private withoutIgnored(terms: string[]): string[] {
    return this.ignoredWords.size === 0 ? terms : terms.filter((t) => !this.ignoredWords.has(t));
  }

  /** Terms that point at a few topics only (not "request", "Canada", "court"). */
  informativeTerms(analysis: Analysis): string[] {
    return analysis.terms.filter((t) => (this.idf.get(t) ?? 0) >= INFORMATIVE_IDF);
  }

  /** Topics by posterior probability, best first; empty when the message shares no term with the content. */
  rank(analysis: Analysis, boosts: ReadonlyMap<string, number> = new Map()): RankedTopic[] {
    const ranked = this.rankFeatures(features(analysis.terms), boosts);
    return this.preferNamedTool(ranked, analysis.concepts);
  }

  /**
   * A message that names one tool only ("extradition" or "mutual legal assistance") is about that tool:
   * the other tool's topics weigh less. Topics about the IAG and cooperation in general are left alone.
   */
  private preferNamedTool(ranked: RankedTopic[], concepts: ReadonlySet<string>): RankedTopic[] {
    const names = (tool: readonly string[]) => tool.some((c) => concepts.has(c));
    const extradition = names(EXTRADITION_CONCEPTS);
    const mla = names(MLA_CONCEPTS);
    if (extradition === mla || ranked.length === 0) return ranked;
    const other = extradition ? 'mla.' : 'ext.';
    // Naming one tool only is not comparing the two: "police-to-police cooperation vs MLA" is about MLA.
    const weighted = ranked.map((r) =>
      r.topicId.startsWith(other) || r.topicId === COMPARISON_TOPIC ? { ...r, score: r.score * OTHER_TOOL_WEIGHT } : r,
    );
    const total = weighted.reduce((a, r) => a + r.score, 0);
    return weighted.map((r) => ({ ...r, score: r.score / total })).sort((a, b) => b.score - a.score || a.topicId.localeCompare(b.topicId));
  }

  rankFeatures(feats: readonly string[], boosts: ReadonlyMap<string, number> = new Map(), leaveOut?: LabelledDoc): RankedTopic[] {
    if (this.model.knownCount(feats) === 0) return [];
    const logs = this.model.logLikelihoods(feats, leaveOut);
    // Naive Bayes grows over-confident with every feature it multiplies in; one or two features need less
    // spreading than a long message.
    const temperature = Math.min(this.tuning.temperature, 1 + (this.model.knownCount(feats) - 1) * TEMPERATURE_STEP);
    const p = posterior(
      logs.map((l, i) => l + Math.log(boosts.get(this.model.labels[i]!) ?? 1) * temperature),
      temperature,
    );
    return this.model.labels
      .map((topicId, i) => ({ topicId, score: p[i]! }))
      .sort((a, b) => b.score - a.score || a.topicId.localeCompare(b.topicId));
  }

  /**
   * @param context the topics of the conversation so far (the last answer and its related topics): they
   *   get a small boost, and a conversation already about extradition or MLA needs no anchor word.
   */
  decide(analysis: Analysis, context: MatchContext = {}): MatchDecision {
    const boosts = new Map<string, number>();
    for (const id of context.relatedTopics ?? []) boosts.set(id, RELATED_BOOST);
    if (context.lastTopic) boosts.set(context.lastTopic, LAST_TOPIC_BOOST);
    // Without a known speaker, words of an outgoing request ("Canada asks another country", "bring him
    // back") say the same as a Canadian speaker would.
    const outgoing = OUTGOING_CONCEPTS.some((c) => analysis.concepts.has(c));
    const side = context.speakerSide ?? (outgoing ? 'canadian' : undefined);
    const ranked = this.preferDirection(this.rank(analysis, boosts), side);
    const top = ranked[0];
    if (!top) return { kind: 'none', ranked };
    const anchored = analysis.anchored || boosts.size > 0 || context.inDomain === true;
    const definition = this.toolDefinition(analysis);
    if (definition) return { kind: 'answer', topicId: definition, score: 1, ranked };
    const close = ranked.filter((r) => r.score >= top.score * this.tuning.ambiguityRatio).slice(0, 3);
    if (!anchored) {
      return top.score >= this.tuning.anchorlessAnswerThreshold && close.length === 1
        ? { kind: 'answer', topicId: top.topicId, score: top.score, ranked }
        : { kind: 'none', ranked };
    }
    if (top.score >= this.tuning.answerThreshold && close.length === 1) {
      return { kind: 'answer', topicId: top.topicId, score: top.score, ranked };
    }
    // Close candidates that all belong to the conversation so far (the last answer and its related topics)
    // are one thread: the best of them continues it rather than asking the user to choose.
    const threadScore = close.reduce((sum, r) => sum + r.score, 0);
    if (close.length > 1 && threadScore >= this.tuning.answerThreshold && close.every((r) => boosts.has(r.topicId))) {
      return { kind: 'answer', topicId: top.topicId, score: top.score, ranked };
    }
    if (top.score >= CLARIFY_THRESHOLD) {
      const candidates = ranked.filter((r) => r.score >= top.score * CHOICE_RATIO).slice(0, 3);
      return { kind: 'ambiguous', candidates: candidates.map((r) => r.topicId), ranked };
    }
    return { kind: 'none', ranked };
  }

  /** Requests by Canada for a Canadian speaker, requests to Canada for a foreign one. */
  private preferDirection(ranked: RankedTopic[], side: MatchContext['speakerSide']): RankedTopic[] {
    if (!side || ranked.length === 0) return ranked;
    const factor = side === 'canadian' ? OUTGOING_WEIGHT_FOR_CANADIANS : OUTGOING_WEIGHT_FOR_FOREIGNERS;
    const weighted = ranked.map((r) => (OUTGOING_TOPIC.test(r.topicId) ? { ...r, score: r.score * factor } : r));
    const total = weighted.reduce((a, r) => a + r.score, 0);
    return weighted.map((r) => ({ ...r, score: r.score / total })).sort((a, b) => b.score - a.score || a.topicId.localeCompare(b.topicId));
  }

  /**
   * A message that names a tool and nothing else the content knows ("extradition?", "MLA c'est quoi",
   * "what is mutual legal assistance exactly") asks what the tool is.
   */
  private toolDefinition(analysis: Analysis): string | undefined {
    const named = TOOL_DEFINITIONS.filter(([concept]) => analysis.concepts.has(concept));
    // "temporary surrender extradition": the specific term says more than the tool it belongs to.
    const specific = named.filter(([concept]) => !GENERIC_TOOLS.has(concept));
    const tools = named.length === 2 && specific.length === 1 ? specific : named;
    if (tools.length !== 1) return undefined;
    const others = analysis.terms.filter(
      (t) =>
        !DEFINITION_FILLER.has(t) &&
        !named.some(([concept]) => t === `${CONCEPT_PREFIX}${concept}`) &&
        this.model.has(t),
    );
    return others.length === 0 ? tools[0]![1] : undefined;
  }

  search(text: string, context: MatchContext = {}): MatchDecision {
    return this.decide(this.analyse(text), context);
  }

  /** A concept term as it appears in analyses, for callers that test for one. */
  static concept(name: string): string {
    return CONCEPT_PREFIX + name;
  }
}
