import { testAssistant } from '../support/assistant';

const matcher = () => testAssistant().understander.matcher;
const top = (text: string) => matcher().rank(matcher().analyse(text))[0]?.topicId;

describe('the knowledge matcher', () => {
  it('ranks the topic whose words a message uses first, in either language', () => {
    expect(top('What is an authority to proceed?')).toBe('ext.authority-to-proceed');
    expect(top("Qu'est-ce qu'un arrêté introductif d'instance?")).toBe('ext.authority-to-proceed');
    expect(top('double criminality')).toBe('ext.double-criminality');
  });

  it('folds acronyms and their long forms into one concept', () => {
    expect(matcher().analyse('MLAT request').concepts).toContain('mla');
    expect(matcher().analyse('entraide juridique').concepts).toContain('mla');
    expect(matcher().analyse('ATP').concepts).toContain('atp');
  });

  it('corrects misspelt domain words against the content', () => {
    expect(matcher().analyse('extradtion').concepts).toContain('extradition');
    expect(matcher().analyse('provisonal arest').concepts).toContain('provisional-arrest');
  });

  it('does not "correct" ordinary words into domain words', () => {
    expect(matcher().analyse('special agent').concepts).not.toContain('speciality');
  });

  it('answers nothing for messages with no word of the domain', () => {
    expect(matcher().search('what is the weather in Ottawa tomorrow').kind).toBe('none');
    expect(matcher().search('how do I say hello in Japanese').kind).toBe('none');
  });

  it('boosts the topics of the conversation so far', () => {
    const analysis = matcher().analyse('and does he stay in custody meanwhile');
    const plain = matcher().decide(analysis).ranked.findIndex((r) => r.topicId === 'ext.bail');
    const inContext = matcher().decide(analysis, { relatedTopics: ['ext.appeals', 'ext.bail'] }).ranked.findIndex((r) => r.topicId === 'ext.bail');
    expect(inContext).toBeLessThanOrEqual(plain);
    expect(inContext).toBe(0);
  });

  it('does not take a message naming one tool for a comparison of the two tools', () => {
    expect(top('police to police cooperation vs MLA')).toBe('mla.police-cooperation');
    expect(top('is MLA the same thing as extradition?')).toBe('coop.extradition-vs-mla');
  });

  it('reads the words of an outgoing request as a Canadian speaker would', () => {
    const analysis = matcher().analyse('Can Canada ask another country to arrest our fugitive before we send the full request?');
    const plain = matcher().rank(analysis).find((r) => r.topicId === 'ext.by-canada-how')!.score;
    const decided = matcher().decide(analysis).ranked.find((r) => r.topicId === 'ext.by-canada-how')!.score;
    expect(decided).toBeGreaterThan(plain);
  });

  it('keeps a domain word as an anchor when a longer phrase folds it into another concept', () => {
    const analysis = matcher().analyse('Can a person agree to be extradited and skip the hearing?');
    expect(analysis.concepts).toContain('consent');
    expect(analysis.anchored).toBe(true);
  });

  it('answers a key term named alone with what it is', () => {
    for (const [text, topic] of [
      ['IAG?', 'iag.about'],
      ["c'est qui le SEI", 'iag.about'],
      ['what is speciality', 'ext.speciality'],
      ['ATP', 'ext.authority-to-proceed'],
      ['temporary surrender extradition', 'ext.logistics'],
    ] as const) {
      const decision = matcher().search(text);
      expect({ text, topic: decision.kind === 'answer' ? decision.topicId : decision.kind }).toEqual({ text, topic });
    }
  });
});
