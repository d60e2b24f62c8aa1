import { normalise, stem } from '../language/normalise';
import type { SynonymsTable } from './schema';

/**
 * Turns text into matching terms: folded tokens, concept names for known phrases ("#mla" for
 * "entraide juridique" or "MLAT"), stems for the rest, stopwords dropped. Content and questions go
 * through the same analyser, so both sides meet on the same terms.
 */
export interface Analysis {
  terms: string[];
  concepts: Set<string>;
  /** domain concepts: one is enough to place a message in the assistant's subject */
  anchors: Set<string>;
  /** true with an anchor, or with two weak anchors together */
  anchored: boolean;
}

/** Weak anchors needed together to place a message in the domain ("foreign" + "prosecutor"). */
const WEAK_ANCHORS_NEEDED = 2;

interface PhraseEntry {
  tokens: string[];
  concept: string;
}

export const CONCEPT_PREFIX = '#';

export class Analyser {
  private readonly phrasesByFirst = new Map<string, PhraseEntry[]>();
  private readonly anchorConcepts = new Set<string>();
  private readonly weakAnchorConcepts = new Set<string>();
  private readonly stopwords: Set<string>;

  constructor(table: SynonymsTable) {
    const words = [...table.stopwords.en, ...table.stopwords.fr].map((w) => normalise(w));
    this.stopwords = new Set([...words, ...words.map(stem)]);
    for (const [name, concept] of Object.entries(table.concepts)) {
      if (concept.anchor === true) this.anchorConcepts.add(name);
      if (concept.anchor === 'weak') this.weakAnchorConcepts.add(name);
      for (const term of concept.terms) {
        const tokens = normalise(term).split(' ').filter(Boolean).map(stem);
        if (tokens.length === 0) continue;
        const first = tokens[0] as string;
        const list = this.phrasesByFirst.get(first) ?? [];
        list.push({ tokens, concept: name });
        this.phrasesByFirst.set(first, list);
      }
    }
    // Longest phrase first, so "authority to proceed" wins over "authority".
    for (const list of this.phrasesByFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  }

  isAnchor(concept: string): boolean {
    return this.anchorConcepts.has(concept);
  }

  /** Stemmed tokens before concept folding; used for vocabulary and spelling correction. */
  stems(text: string): string[] {
    return normalise(text).split(' ').filter(Boolean).map(stem);
  }

  analyse(text: string): Analysis {
    return this.analyseStems(this.stems(text));
  }

  analyseStems(stems: readonly string[]): Analysis {
    const terms: string[] = [];
    const concepts = new Set<string>();
    let i = 0;
    while (i < stems.length) {
      const token = stems[i] as string;
      const phrase = this.phrasesByFirst.get(token)?.find((p) => p.tokens.every((t, k) => stems[i + k] === t));
      if (phrase) {
        concepts.add(phrase.concept);
        terms.push(CONCEPT_PREFIX + phrase.concept);
        i += phrase.tokens.length;
        continue;
      }
      if (!this.stopwords.has(token) && token.length > 1) terms.push(token);
      i += 1;
    }
    const anchors = new Set([...concepts].filter((c) => this.anchorConcepts.has(c)));
    const weak = [...concepts].filter((c) => this.weakAnchorConcepts.has(c)).length;
    return { terms, concepts, anchors, anchored: anchors.size > 0 || weak >= WEAK_ANCHORS_NEEDED };
  }
}
