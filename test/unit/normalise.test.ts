import { normalise, stem, tokenise } from '../../src/language/normalise';

describe('normalise', () => {
  it('folds case and accents so that French typed without accents meets the content', () => {
    expect(normalise('Délai de l’ARRÊTÉ')).toBe('delai de arrete');
  });

  it('drops French elisions', () => {
    expect(normalise("qu'est-ce que l'entraide d'un État")).toBe('est ce que entraide un etat');
  });

  it('joins dotted acronyms', () => {
    expect(normalise('the U.S. and the U.K.')).toBe('the us and the uk');
  });

  it('splits English contractions', () => {
    expect(tokenise("what's the IAG's email? don't know")).toEqual(['what', 'the', 'iag', 'email', 'do', 'not', 'know']);
    expect(tokenise("Canada can't wait, he won't consent")).toEqual(['canada', 'can', 'not', 'wait', 'he', 'will', 'not', 'consent']);
    expect(tokenise("l arrete d extradition, examen d un lieu")).toEqual(['arrete', 'extradition', 'examen', 'un', 'lieu']);
    expect(tokenise('it isnt illegal, they doesnt know, we cant')).toEqual(['it', 'is', 'not', 'illegal', 'they', 'does', 'not', 'know', 'we', 'can', 'not']);
  });
});

describe('stem', () => {
  it('gives one stem to the inflections people type', () => {
    expect(stem('requests')).toBe(stem('request'));
    expect(stem('demandes')).toBe(stem('demande'));
    expect(stem('delais')).toBe(stem('delai'));
  });

  it('leaves short words and numbers alone', () => {
    expect(stem('atp')).toBe('atp');
    expect(stem('2026')).toBe('2026');
  });
});
