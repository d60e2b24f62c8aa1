import type { Matcher } from './matcher';

/**
 * Leave-one-out cross-validation of the content: each alternative question is taken out of the training
 * data and classified by the rest. A question that then lands on another topic shows where two topics are
 * not told apart by their content — the place to add distinguishing questions or keywords.
 */
export interface CrossValidation {
  total: number;
  correct: number;
  perTopic: Map<string, { total: number; correct: number }>;
  /** "a -> b": questions of topic a classified as b, most frequent first */
  confusions: Array<{ from: string; to: string; count: number }>;
  misses: Array<{ topic: string; text: string; got: string }>;
}

export function crossValidate(matcher: Matcher): CrossValidation {
  const perTopic = new Map<string, { total: number; correct: number }>();
  const pairs = new Map<string, number>();
  const misses: CrossValidation['misses'] = [];
  let total = 0;
  let correct = 0;
  for (const doc of matcher.trainingDocuments()) {
    if (doc.kind !== 'question') continue;
    const got = matcher.rankFeatures(doc.features, new Map(), doc)[0]?.topicId ?? '(none)';
    const stats = perTopic.get(doc.label) ?? { total: 0, correct: 0 };
    stats.total += 1;
    total += 1;
    if (got === doc.label) {
      stats.correct += 1;
      correct += 1;
    } else {
      const key = `${doc.label} -> ${got}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
      misses.push({ topic: doc.label, text: doc.text, got });
    }
    perTopic.set(doc.label, stats);
  }
  const confusions = [...pairs.entries()]
    .map(([key, count]) => {
      const [from, to] = key.split(' -> ') as [string, string];
      return { from, to, count };
    })
    .sort((a, b) => b.count - a.count);
  return { total, correct, perTopic, confusions, misses };
}
