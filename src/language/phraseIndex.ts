import { tokenise } from './normalise';

export interface PhraseHit<T> {
  value: T;
  start: number;
  end: number;
  phrase: string;
}

/**
 * Finds known phrases in text as whole words, after normalisation, longest match first at each position.
 * One lookup per token position: fast enough to run every table on every message.
 */
export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, Array<{ tokens: string[]; value: T; phrase: string }>>();

  add(phrase: string, value: T): this {
    const tokens = tokenise(phrase);
    const first = tokens[0];
    if (!first) return this;
    const list = this.byFirst.get(first) ?? [];
    list.push({ tokens, value, phrase });
    list.sort((a, b) => b.tokens.length - a.tokens.length);
    this.byFirst.set(first, list);
    return this;
  }

  addAll(phrases: Iterable<string>, value: T): this {
    for (const p of phrases) this.add(p, value);
    return this;
  }

  /** Non-overlapping hits, scanning left to right. */
  findAll(tokens: readonly string[]): Array<PhraseHit<T>> {
    const hits: Array<PhraseHit<T>> = [];
    let i = 0;
    while (i < tokens.length) {
      const candidates = this.byFirst.get(tokens[i] as string);
      const match = candidates?.find((c) => c.tokens.every((t, k) => tokens[i + k] === t));
      if (match) {
        hits.push({ value: match.value, start: i, end: i + match.tokens.length, phrase: match.phrase });
        i += match.tokens.length;
      } else {
        i += 1;
      }
    }
    return hits;
  }

  find(text: string): Array<PhraseHit<T>> {
    return this.findAll(tokenise(text));
  }

  has(text: string): boolean {
    return this.find(text).length > 0;
  }
}
