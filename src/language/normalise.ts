/**
 * Text normalisation shared by matching and recognition: case, accents, punctuation, French elisions,
 * English contractions, dotted acronyms. Both languages go through the same steps so that a French
 * question typed without accents ("delai") still meets the accented content ("délai").
 */

const ELISION = /\b(?:l|d|j|qu|n|s|c|m|t|jusqu|lorsqu|puisqu|quoiqu)['’](?=\p{L})/giu;
const SPACED_ELISION = /\b(?:l|d|j|qu|n|s|c|m|t|jusqu|lorsqu|puisqu|quoiqu) (?=[aeiouyh])/g;
const DOTTED_ACRONYM = /\b(\p{L})\.(?=(\p{L})\.?)/gu;

/** Lowercase, strip diacritics, unify apostrophes; keeps punctuation (for sentence-level checks). */
export function foldCase(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase();
}

/** Folded text with elisions, contractions and punctuation removed: "L'arrêté d'U.S.A." -> "arrete usa". */
export function normalise(text: string): string {
  let t = text.replace(DOTTED_ACRONYM, '$1');
  t = foldCase(t);
  t = t.replace(ELISION, '');
  // "can't" and "won't" lose more than "n't": left to the generic rule they would read "ca" (French "ça").
  t = t.replace(/\bcan't\b/g, 'can not').replace(/\bwon't\b/g, 'will not');
  // Typed without the apostrophe: "isnt", "doesnt", "cant".
  t = t.replace(/\b(is|are|was|were|do|does|did|has|have|had|should|could|would|must|need)nt\b/g, '$1 not');
  t = t.replace(/\bcant\b/g, 'can not');
  t = t.replace(/n't\b/g, ' not').replace(/'(s|re|ve|ll|d|m)\b/g, '');
  t = t.replace(/[^\p{L}\p{N}]+/gu, ' ');
  // The apostrophe typed as a space ("l arrete d extradition", "examen d un lieu"): the same elision.
  t = t.replace(SPACED_ELISION, '');
  return t.trim().replace(/\s+/g, ' ');
}

export function tokenise(text: string): string[] {
  const n = normalise(text);
  return n ? n.split(' ') : [];
}

/**
 * A light suffix stripper for English and French together. It does not need to produce real stems,
 * only the same stem for the inflections people type ("extradited", "extradite", "extradites").
 */
const INFLECTIONS = ['ies', 'ied', 'ees', 'ee', 'ed', 'es', 's', 'x'];
const DERIVATIONS = [
  'issement', 'ement', 'ation', 'ition', 'ment', 'ance', 'ence', 'euse', 'eur', 'ing', 'ity', 'ite', 'ive',
  'ion', 'er', 'ly', 'e',
];

function stripFirst(token: string, suffixes: readonly string[]): string {
  for (const suffix of suffixes) {
    if (token.endsWith(suffix) && token.length - suffix.length >= 4) return token.slice(0, -suffix.length);
  }
  return token;
}

/**
 * Words whose stem would fall on another word's: French "appeler" (to call) on "appel" (appeal), "office"
 * on "officer", "state" on "statement", "called" on "call". They keep a stem of their own.
 */
const OWN_STEMS: Record<string, string> = {
  appeler: 'appeler', appelez: 'appeler', appelle: 'appeler', appellent: 'appeler', appelons: 'appeler', appele: 'appeler',
  office: 'office', offices: 'office',
  state: 'state', states: 'state',
  called: 'called',
  wanting: 'wanting',
  // Not "surety": the Sûreté du Québec is a police force. Not "serve": a server is a computer.
  surete: 'surete', suretes: 'surete',
  server: 'server', servers: 'server', serveur: 'serveur', serveurs: 'serveur',
  // Not "direct": a director (directeur général) is not a direct line.
  directeur: 'directeur', directeurs: 'directeur', directrice: 'directeur', director: 'director', directors: 'director',
};

/** Stems already computed: the content's words come back thousands of times at load and in messages. */
const stems = new Map<string, string>();
const STEMS_KEPT = 50_000;

export function stem(token: string): string {
  const cached = stems.get(token);
  if (cached !== undefined) return cached;
  const own = OWN_STEMS[token];
  const result = own ?? (token.length <= 4 || /\d/.test(token) ? token : stripFirst(stripFirst(token, INFLECTIONS), DERIVATIONS));
  if (stems.size >= STEMS_KEPT) stems.clear();
  stems.set(token, result);
  return result;
}
