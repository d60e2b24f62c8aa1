import { foldCase } from './normalise';

export type Language = 'en' | 'fr';

// Function words that are frequent in one language and rare in the other. Content words are left out:
// "extradition", "police", "Canada" are the same in both.
const FRENCH = new Set(
  'le la les un une des du de et est sont je tu il elle nous vous ils elles mon ma mes ce cette ces qui que quoi quel quelle quels quelles dans sur pour par avec sans au aux pas ne plus tres etre avoir fait faire peut dois doit puis comment pourquoi quand ou bonjour merci oui non suis sommes etes ai avez ont votre notre leur leurs se sa son y en qu est-ce cest entraide demande delai juge procureur policier autorite centrale mandat arrete preuve temoin pays aide salut bonsoir parlez anglais francais svp stp'.split(' '),
);
const ENGLISH = new Set(
  'the a an and is are i you he she we they my your our their this that these those what which who whom how when where why can could would should will shall do does did have has had to of in on for with from by at about not no yes please thanks thank hello hi hey bye request evidence witness prosecutor officer court law act country speak english french help get need want there here it its be been was were'.split(' '),
);

/**
 * Guesses the language of a message, or undefined when it cannot tell (short or mixed messages), so that
 * the conversation keeps its current language rather than flipping on "ok" or "FBI".
 */
export function detectLanguage(text: string): Language | undefined {
  const folded = foldCase(text);
  const words = folded.replace(/[^\p{L}' -]+/gu, ' ').split(/[\s']+/).filter(Boolean);
  let fr = 0;
  let en = 0;
  for (const w of words) {
    if (FRENCH.has(w)) fr += 1;
    if (ENGLISH.has(w)) en += 1;
  }
  // Accented letters and elisions are strong French signals.
  if (/[éèêàùçôîâëï]/.test(text.toLowerCase())) fr += 1.5;
  if (/\b(?:l|d|j|qu|n|c)['’]\p{L}/iu.test(text)) fr += 1;
  if (fr === 0 && en === 0) return undefined;
  if (fr >= en + 1) return 'fr';
  if (en >= fr + 1) return 'en';
  return undefined;
}
