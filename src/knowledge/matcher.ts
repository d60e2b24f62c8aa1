import Fuse from 'fuse.js';
import { Analyser, CONCEPT_PREFIX, type Analysis } from './analyser';
import type { Topic } from './schema';

/**
 * The knowledge matcher: ranks topics for a message and decides between a confident answer, a short
 * "did you mean" list, or nothing.
 *
 * fuse.js is character-level: it is used where that is its strength, correcting misspelt words against the
 * content's own vocabulary ("extradtion", "minster"). Ranking itself is a weighted term overlap (idf) between
 * the message and each topic's alternative questions, keywords and title in both languages, after concept
 * folding (synonyms, acronyms, French/English equivalents), which carries paraphrases fuse cannot.
 */

/** Weight of the best single alternative question versus coverage of the topic's whole vocabulary. */
const BEST_QUESTION_WEIGHT = Number(process.env.BQW ?? 0.5);
/** Coverage rewards long messages that spread over a topic's words without matching one question closely. */
const COVERAGE_WEIGHT = 1 - BEST_QUESTION_WEIGHT;
/**
 * Centrality saturation: a term found in n of a topic's texts counts n / (n + K). A word the topic uses
 * in many of its questions is what the topic is about; a word it mentions once is context.
 */
const CENTRALITY_K = Number(process.env.CK ?? 1.5);
/** Words that no topic uses still weigh in (a message about something else should score low), but less. */
const UNKNOWN_TERM_IDF = Number(process.env.UIDF ?? 1.2);
/** At or above this score (with the margin below) the answer is given outright. Tuned on dev.jsonl. */
export const ANSWER_THRESHOLD = 0.3;
/** Below the answer threshold but above this, the best two or three topics are offered as choices. */
export const CLARIFY_THRESHOLD = 0.2;
/** When the runner-up is within this share of the best score, the message is ambiguous between them. */
export const AMBIGUITY_RATIO = 0.9;
/** Without a domain word (an anchor), only a near-paraphrase of a content question is answered. */
export const ANCHORLESS_ANSWER_THRESHOLD = 0.62;
/** Topics related to the previous answer weigh this much more: "and does he stay locked up?" after appeals. */
const CONTEXT_BOOST = 1.15;
/** A term found in at most about a sixth of the topics tells which topic a message is about. */
const INFORMATIVE_IDF = Math.log(1 + 6);
/** Spelling correction: fuse.js score at most this (0 = exact) and a word of at least this many letters. */
const SPELLING_MAX_SCORE = 0.22;
const SPELLING_MIN_LENGTH = 5;

export interface RankedTopic {
  topicId: string;
  score: number;
}

export type MatchDecision =
  | { kind: 'answer'; topicId: string; score: number; ranked: RankedTopic[] }
  | { kind: 'ambiguous'; candidates: string[]; ranked: RankedTopic[] }
  | { kind: 'none'; ranked: RankedTopic[] };

interface IndexedDoc {
  terms: Set<string>;
  norm: number;
}

interface IndexedTopic {
  id: string;
  docs: IndexedDoc[];
  centroidNorm: number;
  length: number;
  /** how many of the topic's texts (questions, keywords, titles, answers) hold each term */
  termCounts: Map<string, number>;
}

export interface MatcherOptions {
  /** Words the spelling corrector must leave alone (country and agency names, for instance). */
  protectedWords?: Iterable<string>;
}

export class Matcher {
  private readonly topics: IndexedTopic[];
  private readonly idf = new Map<string, number>();
  private readonly defaultIdf: number;
  private readonly vocabulary = new Set<string>();
  private readonly speller: Fuse<string>;
  private readonly protectedWords: Set<string>;

  constructor(
    private readonly analyser: Analyser,
    topics: readonly Topic[],
    options: MatcherOptions = {},
  ) {
    this.protectedWords = new Set(options.protectedWords ?? []);
    const docFrequency = new Map<string, number>();
    this.topics = topics.map((topic) => {
      const texts = (['en', 'fr'] as const).flatMap((lang) => [
        topic[lang].title,
        ...topic[lang].questions,
        ...topic[lang].keywords,
      ]);
      const termCounts = new Map<string, number>();
      const count = (terms: Set<string>) => {
        for (const t of terms) termCounts.set(t, (termCounts.get(t) ?? 0) + 1);
      };
      const docs = texts.map((text) => {
        for (const s of analyser.stems(text)) this.vocabulary.add(s);
        const terms = new Set(analyser.analyse(text).terms);
        count(terms);
        return { terms, norm: 0 };
      });
      // The answers add the topic's own vocabulary to coverage, not to the question-level similarity.
      for (const lang of ['en', 'fr'] as const) count(new Set(analyser.analyse(topic[lang].answer).terms));
      for (const t of termCounts.keys()) docFrequency.set(t, (docFrequency.get(t) ?? 0) + 1);
      return { id: topic.id, docs, termCounts, centroidNorm: 0, length: [...termCounts.values()].reduce((a, b) => a + b, 0) };
    });
    const n = this.topics.length;
    for (const [term, df] of docFrequency) this.idf.set(term, Math.log(1 + n / df));
    this.defaultIdf = UNKNOWN_TERM_IDF;
    for (const topic of this.topics) {
      for (const doc of topic.docs) doc.norm = Math.sqrt(this.weightSum(doc.terms));
      let sq = 0;
      for (const [t, c] of topic.termCounts) sq += (c * this.idfOf(t)) ** 2;
      topic.centroidNorm = Math.sqrt(sq);
    }
    this.avgLength = this.topics.reduce((a, t) => a + t.length, 0) / this.topics.length;
    this.speller = new Fuse([...this.vocabulary].filter((w) => w.length >= SPELLING_MIN_LENGTH - 1), {
      includeScore: true,
      threshold: SPELLING_MAX_SCORE,
      ignoreLocation: true,
    });
  }

  private avgLength = 1;
  private idfOf(term: string): number {
    return this.idf.get(term) ?? this.defaultIdf;
  }

  private weight(term: string): number {
    const w = this.idf.get(term) ?? this.defaultIdf;
    return w * w;
  }

  private weightSum(terms: Iterable<string>): number {
    let sum = 0;
    for (const t of terms) sum += this.weight(t);
    return sum;
  }

  /** Replaces misspelt words with the closest content word, leaving known and protected words alone. */
  correct(stems: readonly string[]): string[] {
    return stems.map((s) => {
      if (s.length < SPELLING_MIN_LENGTH || this.vocabulary.has(s) || this.protectedWords.has(s)) return s;
      const best = this.speller.search(s, { limit: 1 })[0];
      if (!best || (best.score ?? 1) > SPELLING_MAX_SCORE) return s;
      // One letter more or less at most: "special" must not become "speciality".
      return Math.abs(best.item.length - s.length) <= 1 ? best.item : s;
    });
  }

  /** Terms that point at a few topics only (not "request", "Canada", "court"). */
  informativeTerms(analysis: Analysis): string[] {
    return analysis.terms.filter((t) => (this.idf.get(t) ?? 0) >= INFORMATIVE_IDF);
  }

  analyse(text: string): Analysis {
    return this.analyser.analyseStems(this.correct(this.analyser.stems(text)));
  }

  rank(analysis: Analysis): RankedTopic[] {
    const queryTerms = [...new Set(analysis.terms)];
    if (queryTerms.length === 0) return [];
    const queryWeight = this.weightSum(queryTerms);
    const queryNorm = Math.sqrt(queryWeight);
    const ranked: RankedTopic[] = [];
    for (const topic of this.topics) {
      let shared = 0;
      for (const t of queryTerms) {
        const n = topic.termCounts.get(t);
        if (n) shared += (this.weight(t) * n) / (n + CENTRALITY_K);
      }
      if (shared === 0) continue;
      let best = 0;
      for (const doc of topic.docs) {
        let dot = 0;
        for (const t of queryTerms) if (doc.terms.has(t)) dot += this.weight(t);
        if (dot > 0) best = Math.max(best, dot / (queryNorm * doc.norm));
      }
      const coverage = shared / queryWeight;
      const mode = process.env.SCORING ?? 'cov';
      let score = BEST_QUESTION_WEIGHT * best + COVERAGE_WEIGHT * coverage;
      if (mode === 'centroid') {
        let dot = 0;
        let qn = 0;
        for (const t of queryTerms) {
          qn += this.idfOf(t) ** 2;
          const c = topic.termCounts.get(t);
          if (c) dot += this.idfOf(t) * c * this.idfOf(t);
        }
        score = BEST_QUESTION_WEIGHT * best + COVERAGE_WEIGHT * (dot / (Math.sqrt(qn) * topic.centroidNorm));
      } else if (mode === 'bm25') {
        const k1 = Number(process.env.K1 ?? 1.2);
        const b = Number(process.env.B ?? 0.75);
        let sum = 0;
        let max = 0;
        for (const t of queryTerms) {
          const c = topic.termCounts.get(t) ?? 0;
          const idf = this.idfOf(t);
          max += idf * (k1 + 1);
          sum += (idf * c * (k1 + 1)) / (c + k1 * (1 - b + (b * topic.length) / this.avgLength));
        }
        score = BEST_QUESTION_WEIGHT * best + COVERAGE_WEIGHT * (sum / max);
      }
      ranked.push({ topicId: topic.id, score });
    }
    return ranked.sort((a, b) => b.score - a.score || a.topicId.localeCompare(b.topicId));
  }

  /**
   * @param context the topics of the conversation so far (the last answer and its related topics): they
   *   get a small boost, and a conversation already about extradition or MLA needs no anchor word.
   */
  decide(analysis: Analysis, context: { relatedTopics?: readonly string[] } = {}): MatchDecision {
    const related = new Set(context.relatedTopics ?? []);
    const ranked = this.rank(analysis)
      .map((r) => (related.has(r.topicId) ? { ...r, score: r.score * CONTEXT_BOOST } : r))
      .sort((a, b) => b.score - a.score || a.topicId.localeCompare(b.topicId));
    const top = ranked[0];
    if (!top) return { kind: 'none', ranked };
    const anchored = analysis.anchors.size > 0 || related.size > 0;
    const close = ranked.filter((r) => r.score >= top.score * AMBIGUITY_RATIO).slice(0, 3);
    if (!anchored) {
      return top.score >= ANCHORLESS_ANSWER_THRESHOLD && close.length === 1
        ? { kind: 'answer', topicId: top.topicId, score: top.score, ranked }
        : { kind: 'none', ranked };
    }
    if (top.score >= ANSWER_THRESHOLD && close.length === 1) {
      return { kind: 'answer', topicId: top.topicId, score: top.score, ranked };
    }
    if (top.score >= CLARIFY_THRESHOLD && close.length > 1) {
      return { kind: 'ambiguous', candidates: close.map((r) => r.topicId), ranked };
    }
    if (top.score >= CLARIFY_THRESHOLD) {
      const runnersUp = ranked.slice(0, 3).filter((r) => r.score >= CLARIFY_THRESHOLD);
      return runnersUp.length > 1
        ? { kind: 'ambiguous', candidates: runnersUp.map((r) => r.topicId), ranked }
        : { kind: 'answer', topicId: top.topicId, score: top.score, ranked };
    }
    return { kind: 'none', ranked };
  }

  search(text: string, context: { relatedTopics?: readonly string[] } = {}): MatchDecision {
    return this.decide(this.analyse(text), context);
  }

  /** A concept term as it appears in analyses, for callers that test for one. */
  static concept(name: string): string {
    return CONCEPT_PREFIX + name;
  }
}
