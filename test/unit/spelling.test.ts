import { SpellingCorrector, countWords, editDistance, withinOneEdit } from '../../src/knowledge/spelling';
import { testAssistant } from '../support/assistant';

describe('edit distances', () => {
  it('counts a dropped, added, replaced or swapped letter as one edit', () => {
    expect(withinOneEdit('extradtion', 'extradition')).toBe(true); // dropped
    expect(withinOneEdit('procceds', 'proceeds')).toBe(true); // replaced
    expect(withinOneEdit('vidoe', 'video')).toBe(true); // swapped
    expect(withinOneEdit('comittal', 'committal')).toBe(true); // dropped
    expect(withinOneEdit('arrestt', 'arrest')).toBe(true); // added
  });

  it('refuses two edits and longer gaps', () => {
    expect(withinOneEdit('vodie', 'video')).toBe(false);
    expect(withinOneEdit('extrdtion', 'extradition')).toBe(false);
    expect(withinOneEdit('bail', 'bailiff')).toBe(false);
    expect(editDistance('extrdtion', 'extradition')).toBe(2);
    expect(editDistance('vidoe', 'video')).toBe(1);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('the spelling corrector', () => {
  const words = ['extradition', 'extradition', 'extradition', 'video', 'evidence', 'perquisition', 'waiver', 'waiter', 'bail'];

  it('corrects a word one edit from a content word, before stemming', () => {
    const speller = new SpellingCorrector(countWords(words));
    expect(speller.correct('extradtion')).toBe('extradition');
    expect(speller.correct('vidoe')).toBe('video');
    expect(speller.correct('perquisiton')).toBe('perquisition');
    expect(speller.correct('evidance')).toBe('evidence');
  });

  it('leaves short words, numbers, known words and words it is told to keep alone', () => {
    const speller = new SpellingCorrector(countWords(words), (w) => w === 'waiters');
    expect(speller.correct('mail')).toBe('mail');
    expect(speller.correct('20244')).toBe('20244');
    expect(speller.correct('waiver')).toBe('waiver');
    expect(speller.correct('waiters')).toBe('waiters');
    expect(speller.correct('zebra')).toBe('zebra');
  });

  it('takes the commonest of equally close words, with the same first letter first', () => {
    const speller = new SpellingCorrector(countWords(['cases', 'bases', 'bases', 'bases']));
    expect(speller.correct('cazes')).toBe('cases');
    expect(new SpellingCorrector(countWords(['lases', 'cases', 'cases'])).correct('mases')).toBe('cases');
  });

  it('corrects two slips in a long word, but only to a word two edits away', () => {
    const speller = new SpellingCorrector(countWords(words));
    expect(speller.correct('extradtiion')).toBe('extradition');
    expect(speller.correct('exztrdtiiom')).toBe('exztrdtiiom');
  });
});

describe('spelling inside the matcher', () => {
  const matcher = () => testAssistant().understander.matcher;

  it('finds concepts in misspelt messages', () => {
    expect(matcher().analyse('vidoe conference testimony').concepts).toContain('video-link');
    expect(matcher().analyse('procceds of crime').concepts).toContain('proceeds');
    expect(matcher().analyse('mandat de perquisiton').concepts).toContain('search-warrant');
  });

  it('forgives one slip inside a phrase even when the slip is a word of its own', () => {
    // "procede" is French: spelling correction keeps it, but "authority to procede" is still the phrase.
    expect(matcher().analyse('can the authority to procede be withdrawn').concepts).toContain('atp');
    expect(matcher().analyse('la procede est longue').concepts).not.toContain('atp');
  });
});
