import type { Understanding } from '../../dialogs/understand';

/** An understanding with nothing recognised, to be overridden field by field in machine tests. */
export function understanding(overrides: Partial<Understanding> = {}): Understanding {
  return {
    contactQuestion: false,
    contactPerson: false,
    startOver: false,
    unknownCountry: false,
    speaker: {},
    knowledge: { kind: 'none', ranked: [] },
    anchored: false,
    stronglyAnchored: false,
    concepts: [],
    personalData: false,
    contentWords: 3,
    isQuestion: false,
    ...overrides,
  };
}

export const answerOf = (topicId: string): Understanding['knowledge'] => ({
  kind: 'answer',
  topicId,
  score: 1,
  ranked: [{ topicId, score: 1 }],
});
