/**
 * A larger knowledge base made from the real one, to show how search cost grows with content. Copy k of
 * a topic gets its own id, and about one word in four of its texts is replaced by a made-up word tied to
 * that word and that copy. A copy is then a coherent new subject (its made-up terms recur across its
 * questions, keywords and answer, as a real subject's terms do), the vocabulary grows with the content,
 * and sentence shapes and lengths stay those of the real content.
 */
import type { Topic, TopicLanguage } from '../src/knowledge/schema';

const CONSONANTS = 'bdfgklmnprstvz';
const VOWELS = 'aeiou';

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** A pronounceable made-up word of three syllables, the same for the same word in the same copy. */
function madeUpWord(word: string, copy: number): string {
  let h = hash(`${copy}:${word.toLowerCase()}`);
  let out = '';
  for (let i = 0; i < 3; i++) {
    out += CONSONANTS[h % CONSONANTS.length]! + VOWELS[(h >>> 4) % VOWELS.length]!;
    h = Math.imul(h ^ (h >>> 13), 2654435761) >>> 0;
  }
  return out;
}

function rewrite(text: string, copy: number): string {
  return text.replace(/\p{L}{4,}/gu, (word) =>
    hash(`${copy}|${word.toLowerCase()}`) % 4 === 0 ? madeUpWord(word, copy) : word,
  );
}

function rewriteLanguage(lang: TopicLanguage, copy: number): TopicLanguage {
  return {
    ...lang,
    title: rewrite(lang.title, copy),
    answer: rewrite(lang.answer, copy),
    questions: lang.questions.map((q) => rewrite(q, copy)),
    keywords: lang.keywords.map((k) => rewrite(k, copy)),
  };
}

/** The real topics and `factor - 1` rewritten copies of each: factor times as many topics. */
export function syntheticTopics(real: readonly Topic[], factor: number): Topic[] {
  const topics = [...real];
  for (let copy = 1; copy < factor; copy++) {
    for (const topic of real) {
      topics.push({
        ...topic,
        id: `${topic.id}-s${copy}`,
        related: topic.related.map((r) => `${r}-s${copy}`),
        en: rewriteLanguage(topic.en, copy),
        fr: rewriteLanguage(topic.fr, copy),
      });
    }
  }
  return topics;
}
