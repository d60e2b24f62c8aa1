import Fuse from 'fuse.js';

/**
 * Spelling correction against the content's own words, before stemming.
 *
 * Most slips are one edit away from the intended word: a dropped letter ("extradtion"), a doubled or wrong one
 * ("procceds", "evidance"), or two letters swapped ("vidoe", "wavier"). Those are found exactly, by comparing
 * the word with content words of the same length or one letter off. Correcting whole words rather than stems
 * matters: "perquisiton" is one letter from "perquisition" but two from its stem.
 *
 * Longer words can carry two slips ("extradtiion", "asistence"): fuse.js, which scores character-level
 * closeness, proposes a correction for those, checked to be at most two edits away.
 */

/** Shorter words are too easily one edit from another real word ("bail"/"mail"): they are left alone. */
const MIN_LENGTH = 5;
/** From this length, a word may carry two slips, and a fuse.js match at most this score is accepted. */
const TWO_SLIPS_MIN_LENGTH = 8;
const FUSE_MAX_SCORE = 0.3;
/** Bound on remembered corrections (memory stays flat under any input). */
const CORRECTIONS_KEPT = 5000;

/** True when b is a, or a with one letter inserted, deleted, replaced, or two adjacent letters swapped. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // one replaced letter
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // two letters swapped
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1); // one letter more or less
}

/** Optimal string alignment distance (edits with adjacent swaps), for checking fuse.js proposals. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** How often each word occurs: the commoner of two equally close words is the likelier intent. */
export function countWords(words: Iterable<string>, into = new Map<string, number>()): Map<string, number> {
  for (const w of words) into.set(w, (into.get(w) ?? 0) + 1);
  return into;
}

export class SpellingCorrector {
  /** content words by length, each with how often it occurs (the commoner of two equal candidates wins) */
  private readonly byLength = new Map<number, Array<{ word: string; count: number }>>();
  private readonly fuseByLength = new Map<number, Fuse<string>>();
  private readonly corrections = new Map<string, string>();

  /**
   * @param counts the content's words (already normalised: folded, no punctuation) with their counts
   * @param isKnown words the corrector must leave alone although they are not content words (stopwords,
   *   place and agency names, words whose stem the content knows)
   */
  constructor(
    private readonly counts: ReadonlyMap<string, number>,
    private readonly isKnown: (word: string) => boolean = () => false,
  ) {
    for (const [word, count] of counts) {
      if (word.length < MIN_LENGTH - 1 || /\d/.test(word)) continue;
      const list = this.byLength.get(word.length) ?? [];
      list.push({ word, count });
      this.byLength.set(word.length, list);
    }
    for (const list of this.byLength.values()) list.sort((x, y) => y.count - x.count || x.word.localeCompare(y.word));
  }

  /** The word as the content spells it, or the word itself when it is known or nothing is close enough. */
  correct(word: string): string {
    if (word.length < MIN_LENGTH || /\d/.test(word) || this.counts.has(word) || this.isKnown(word)) return word;
    const cached = this.corrections.get(word);
    if (cached !== undefined) return cached;
    const corrected = this.oneEdit(word) ?? this.twoSlips(word) ?? word;
    if (this.corrections.size >= CORRECTIONS_KEPT) this.corrections.clear();
    this.corrections.set(word, corrected);
    return corrected;
  }

  /** The commonest content word one edit away, preferring one with the same first letter. */
  private oneEdit(word: string): string | undefined {
    let best: { word: string; count: number; sameStart: boolean } | undefined;
    for (const length of [word.length - 1, word.length, word.length + 1]) {
      for (const candidate of this.byLength.get(length) ?? []) {
        if (!withinOneEdit(word, candidate.word)) continue;
        const sameStart = candidate.word[0] === word[0];
        if (!best || (sameStart && !best.sameStart) || (sameStart === best.sameStart && candidate.count > best.count)) {
          best = { ...candidate, sameStart };
        }
      }
    }
    return best?.word;
  }

  private twoSlips(word: string): string | undefined {
    if (word.length < TWO_SLIPS_MIN_LENGTH) return undefined;
    for (const length of [word.length, word.length + 1, word.length - 1]) {
      const hit = this.fuse(length)?.search(word, { limit: 1 })[0];
      if (hit && (hit.score ?? 1) <= FUSE_MAX_SCORE && hit.item[0] === word[0] && editDistance(word, hit.item) <= 2) return hit.item;
    }
    return undefined;
  }

  /** fuse.js indexes are built on first use: most messages need none. */
  private fuse(length: number): Fuse<string> | undefined {
    if (length < TWO_SLIPS_MIN_LENGTH - 1) return undefined;
    let index = this.fuseByLength.get(length);
    if (!index) {
      const words = (this.byLength.get(length) ?? []).map((c) => c.word);
      if (words.length === 0) return undefined;
      index = new Fuse(words, { includeScore: true, threshold: FUSE_MAX_SCORE, ignoreLocation: true });
      this.fuseByLength.set(length, index);
    }
    return index;
  }
}
