/**
 * Knowledge search latency (spelling correction, analysis and naive Bayes ranking: Matcher.search) as
 * the knowledge base grows: the real content, then 10 and 100 times as many synthetic topics.
 */
import { Understander } from '../dialogs/understand';
import type { KnowledgeBase } from '../src/knowledge/loadKnowledge';
import { progress, summarise, timed, type Summary } from './stats';
import { syntheticTopics } from './syntheticTopics';

export interface SearchFigures {
  factor: number;
  topics: number;
  buildMs: number;
  latency: Summary;
}

export function measureSearch(kb: KnowledgeBase, queries: readonly string[], factor: number): SearchFigures {
  const topics = syntheticTopics(kb.topics, factor);
  progress(`search x${factor}: indexing ${topics.length} topics`);
  let understander: Understander | undefined;
  // The understander builds the matcher exactly as the assistant does (same analyser, protected words).
  const buildMs = timed(() => {
    understander = new Understander({ ...kb, topics });
  });
  const matcher = understander!.matcher;
  for (const q of queries.slice(0, 50)) matcher.search(q);
  progress(`search x${factor}: timing ${queries.length} queries`);
  const samples = queries.map((q) => timed(() => matcher.search(q)));
  return { factor, topics: topics.length, buildMs, latency: summarise(samples) };
}
