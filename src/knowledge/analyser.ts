import { normalise, stem, tokenise } from '../language/normalise';
import type { SynonymsTable } from './schema';
import { withinOneEdit } from './spelling';

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
  /** the words as written, before stemming */
  words: string[];
  concept: string;
}

/** A separable phrase, "hand ... over": the second part may come up to MAX_GAP words after the first. */
interface GapPhrase {
  first: string[];
  second: string[];
  concept: string;
}
const MAX_GAP = 6;
const GAP = ' ... ';

export const CONCEPT_PREFIX = '#';

/** A slip inside a phrase is only forgiven in a word at least this long ("authority to procede"). */
const PHRASE_SLIP_MIN_LENGTH = 5;

/**
 * The phrase at position i with one slip after its first word: "authority to procede" is the phrase, although
 * "procede" is a word of its own (French) that spelling correction leaves alone.
 */
function nearlyAt(phrase: PhraseEntry, stems: readonly string[], words: readonly string[] | undefined, i: number): boolean {
  if (!words || phrase.tokens.length < 2 || i + phrase.tokens.length > stems.length) return false;
  let slips = 0;
  for (let k = 1; k < phrase.tokens.length; k++) {
    if (stems[i + k] === phrase.tokens[k]) continue;
    const said = words[i + k]!;
    const want = phrase.words[k]!;
    if (said.length < PHRASE_SLIP_MIN_LENGTH || want.length < PHRASE_SLIP_MIN_LENGTH || !withinOneEdit(said, want)) return false;
    slips += 1;
  }
  return slips === 1;
}

export class Analyser {
  private readonly phrasesByFirst = new Map<string, PhraseEntry[]>();
  private readonly gapPhrases: GapPhrase[] = [];
  private readonly anchorConcepts = new Set<string>();
  private readonly weakAnchorConcepts = new Set<string>();
  /** one-word terms of anchor concepts ("extradited"), by stem, with their concept */
  private readonly anchorWords = new Map<string, string>();
  private readonly stopwords: Set<string>;
  /** the words of the concept phrases, as written (for spelling correction) */
  private readonly phraseWords: string[] = [];

  constructor(table: SynonymsTable) {
    const words = [...table.stopwords.en, ...table.stopwords.fr].map((w) => normalise(w));
    this.stopwords = new Set([...words, ...words.map(stem)]);
    for (const [name, concept] of Object.entries(table.concepts)) {
      for (const term of concept.terms) this.phraseWords.push(...tokenise(term.replace(GAP, ' ')));
      if (concept.anchor === true) this.anchorConcepts.add(name);
      if (concept.anchor === 'weak') this.weakAnchorConcepts.add(name);
      for (const term of concept.terms) {
        if (term.includes(GAP)) {
          const [first, second] = term.split(GAP).map((part) => tokenise(part).map(stem));
          if (first?.length && second?.length) this.gapPhrases.push({ first, second, concept: name });
          continue;
        }
        const words = tokenise(term);
        const tokens = words.map(stem);
        if (tokens.length === 0) continue;
        if (tokens.length === 1 && concept.anchor === true) this.anchorWords.set(tokens[0]!, name);
        const first = tokens[0] as string;
        const list = this.phrasesByFirst.get(first) ?? [];
        list.push({ tokens, words, concept: name });
        this.phrasesByFirst.set(first, list);
      }
    }
    // Longest phrase first, so "authority to proceed" wins over "authority".
    for (const list of this.phrasesByFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  }

  /** Words of the concept phrases, one entry per occurrence. */
  words(): readonly string[] {
    return this.phraseWords;
  }

  isStopword(word: string): boolean {
    return this.stopwords.has(word);
  }

  isAnchor(concept: string): boolean {
    return this.anchorConcepts.has(concept);
  }


  analyse(text: string): Analysis {
    return this.analyseWords(tokenise(text));
  }

  /** Analyses normalised words; knowing them as written lets a phrase with a slip still count. */
  analyseWords(words: readonly string[]): Analysis {
    return this.analyseStems(words.map(stem), words);
  }

  /** Replaces a separable phrase ("hand one of its own people over") by its joined form. */
  private joinSeparable(stems: readonly string[]): string[] {
    const out = [...stems];
    for (const g of this.gapPhrases) {
      for (let i = 0; i + g.first.length <= out.length; i++) {
        if (!g.first.every((t, k) => out[i + k] === t)) continue;
        const from = i + g.first.length;
        for (let j = from + 1; j <= Math.min(out.length - g.second.length, from + MAX_GAP); j++) {
          if (g.second.every((t, k) => out[j + k] === t)) {
            // The joined phrase takes the place of the first part; the words in between stay where they were.
            out.splice(j, g.second.length);
            out.splice(i, g.first.length, `${CONCEPT_PREFIX}${g.concept}`);
            break;
          }
        }
      }
    }
    return out;
  }

  analyseStems(input: readonly string[], inputWords?: readonly string[]): Analysis {
    const stems = this.gapPhrases.length > 0 ? this.joinSeparable(input) : input;
    // Joining a separable phrase shifts positions: the words as written no longer line up with the stems.
    const words = stems.length === input.length ? inputWords : undefined;
    const terms: string[] = [];
    const concepts = new Set<string>();
    let i = 0;
    while (i < stems.length) {
      const token = stems[i] as string;
      if (token.startsWith(CONCEPT_PREFIX)) {
        concepts.add(token.slice(CONCEPT_PREFIX.length));
        terms.push(token);
        i += 1;
        continue;
      }
      const candidates = this.phrasesByFirst.get(token);
      const phrase =
        candidates?.find((p) => p.tokens.every((t, k) => stems[i + k] === t)) ??
        candidates?.find((p) => nearlyAt(p, stems, words, i));
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
    // A domain word swallowed by a longer phrase still places the message in the domain: "agree to be
    // extradited" folds into consent (a weak anchor), but "extradited" is there all the same.
    for (const s of stems) {
      const concept = this.anchorWords.get(s);
      if (concept) anchors.add(concept);
    }
    const weak = [...concepts].filter((c) => this.weakAnchorConcepts.has(c)).length;
    return { terms, concepts, anchors, anchored: anchors.size > 0 || weak >= WEAK_ANCHORS_NEEDED };
  }
}
