import { DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from './knowledge/loadKnowledge';
import { Assistant } from './conversation/assistant';

/** Loads the content (failing fast on any problem) and builds the assistant core. */
export function createAssistant(knowledgeDir = DEFAULT_KNOWLEDGE_DIR): Assistant {
  return new Assistant(loadKnowledge(knowledgeDir));
}
