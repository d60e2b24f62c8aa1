import type { AgenciesTable, CountriesTable, PhrasesTable } from '../knowledge/schema';
import { normalise, tokenise } from './normalise';
import { PhraseIndex, type PhraseHit } from './phraseIndex';

/** Who is writing, as far as the message tells: what they do, on which side, and from which country. */
export type SpeakerRole = 'law-enforcement' | 'central-authority' | 'public' | 'lawyer' | 'journalist' | 'person-sought';
export type Side = 'canadian' | 'foreign';

export interface Speaker {
  role?: SpeakerRole;
  side?: Side;
  /** The country the speaker works in (lowercase ISO code), when the message names it. */
  country?: string;
  /** the message names a country but says nothing of the speaker ("Germany", "Canadian bank records") */
  countryOnly?: boolean;
}

export interface CountryMention {
  country: string;
  start: number;
  /** true when words around it say it is where a person or evidence is, not where the speaker works. */
  target: boolean;
}

type RoleWord = keyof PhrasesTable['roles'];

const ROLE_OF_WORD: Record<RoleWord, SpeakerRole> = {
  police: 'law-enforcement',
  prosecutor: 'law-enforcement',
  judge: 'law-enforcement',
  'central-authority': 'central-authority',
  public: 'public',
  lawyer: 'lawyer',
  journalist: 'journalist',
  'person-sought': 'person-sought',
};

/** Words just before a place that make it the place of the person or evidence sought, not the speaker's. */
const TARGET_CUES = new Set(
  'fled flee fleeing living lives live located hiding hides moved resides residing resident travelled traveled went gone escaped to into vers depuis refugie enfui cache vit habite reside situe situes situee detenu detenus held kept based from bank records evidence witness witnesses suspect fugitive accused person man woman'.split(' '),
);
/** Words just before a place that make it the speaker's own. */
const SELF_CUES = new Set('i im am we work working here based of en au aux a in at with from'.split(' '));

const COMMON_WORDS = new Set(
  'ice met ed dia nia aic bri cab nab sap fin bar air cat dis sis ara cba dci pas mob pol gap ops act aid see sea tax tip top war law bar may jet oui non'.split(' '),
);

export class SpeakerRecogniser {
  private readonly countries = new PhraseIndex<string>();
  private readonly exactCaseCountries = new Map<string, string>();
  private readonly agencies = new PhraseIndex<{ country: string | null; kind: AgenciesTable['agencies'][number]['kind'] }>();
  private readonly exactCaseAgencies = new Map<string, { country: string | null; kind: AgenciesTable['agencies'][number]['kind'] }>();
  private readonly roles = new PhraseIndex<RoleWord>();
  private readonly sides = new PhraseIndex<Side>();
  private readonly ambiguousPlaces = new Set<string>();
  private readonly masked = new PhraseIndex<true>();
  /** ambiguous places with a usual foreign reading ("Paris" -> fr): used unless Canada is named with them */
  private readonly primaryPlaces = new PhraseIndex<string>();
  private readonly languageNames = new Set<string>();

  constructor(countries: CountriesTable, agencies: AgenciesTable, phrases: PhrasesTable) {
    const ambiguousCities = Array.isArray(countries.ambiguousCities)
      ? countries.ambiguousCities.map((name) => [name, null] as const)
      : Object.entries(countries.ambiguousCities);
    for (const [place, primary] of ambiguousCities) {
      this.ambiguousPlaces.add(normalise(place));
      if (primary) this.primaryPlaces.add(place, primary);
    }
    for (const place of countries.ambiguousNames) this.ambiguousPlaces.add(normalise(place));
    this.masked.addAll(countries.nonCountryPhrases, true);
    for (const name of countries.languageNames) this.languageNames.add(normalise(name));
    for (const [code, entry] of Object.entries(countries.countries)) {
      const provinces = Array.isArray(entry.provinces) ? entry.provinces : Object.values(entry.provinces).flat();
      const names = [
        ...entry.en,
        ...entry.fr,
        ...(entry.demonyms.en ?? []),
        ...(entry.demonyms.fr ?? []),
        ...entry.cities,
        ...provinces,
      ];
      for (const name of names) {
        if (!this.ambiguousPlaces.has(normalise(name))) this.countries.add(name, code);
      }
      for (const form of entry.caseSensitive) this.exactCaseCountries.set(form, code);
    }
    for (const agency of agencies.agencies) {
      const value = { country: agency.country, kind: agency.kind };
      for (const form of agency.caseSensitive) this.exactCaseAgencies.set(form, value);
      for (const name of agency.names) {
        const isAcronym = /^[A-Z0-9.]+$/.test(name) && name.replace(/\./g, '').length <= 4;
        if (isAcronym && (name.replace(/\./g, '').length <= 2 || COMMON_WORDS.has(name.toLowerCase()))) {
          this.exactCaseAgencies.set(name, value);
        } else {
          this.agencies.add(name, value);
        }
      }
    }
    for (const [word, lists] of Object.entries(phrases.roles) as Array<[RoleWord, { en: string[]; fr: string[] }]>) {
      this.roles.addAll([...lists.en, ...lists.fr], word);
    }
    this.sides.addAll([...phrases.canadianRole.en, ...phrases.canadianRole.fr], 'canadian');
    this.sides.addAll([...phrases.foreignRole.en, ...phrases.foreignRole.fr], 'foreign');
  }

  /** Words written in exact case ("US", "ICE") found as whole words in the raw text. */
  private exactCaseHits<T>(text: string, table: Map<string, T>): Array<{ value: T; start: number }> {
    const hits: Array<{ value: T; start: number }> = [];
    const words = text.replace(/[^\p{L}\p{N}.]+/gu, ' ').split(' ').filter(Boolean);
    const positions = normalise(text).split(' ');
    words.forEach((w, i) => {
      const bare = w.replace(/\.$/, '');
      const value = table.get(bare) ?? table.get(w);
      if (value !== undefined) hits.push({ value, start: Math.min(i, positions.length - 1) });
    });
    return hits;
  }

  /** Tokens with non-country phrases ("Latin America") and language names after "in"/"en" blanked out. */
  private countryTokens(text: string): string[] {
    const tokens = tokenise(text);
    for (const hit of this.masked.findAll(tokens)) for (let i = hit.start; i < hit.end; i++) tokens[i] = '_';
    tokens.forEach((t, i) => {
      if (this.languageNames.has(t) && (tokens[i - 1] === 'in' || tokens[i - 1] === 'en' || tokens[i - 1] === 'into')) tokens[i] = '_';
    });
    return tokens;
  }

  countryMentions(text: string): CountryMention[] {
    const tokens = this.countryTokens(text);
    const hits: Array<{ country: string; start: number }> = [
      ...this.countries.findAll(tokens).map((h) => ({ country: h.value, start: h.start })),
      ...this.exactCaseHits(text, this.exactCaseCountries).map((h) => ({ country: h.value, start: h.start })),
    ];
    // "London, Ontario" is Canadian; "London" alone, or "Paris" in a message that also names Montréal as
    // where the witness lives, keeps its usual reading.
    for (const h of this.primaryPlaces.findAll(tokens)) {
      const nextToCanada = hits.some((c) => c.country === 'ca' && Math.abs(c.start - h.end) <= 1);
      if (!nextToCanada) hits.push({ country: h.value, start: h.start });
    }
    return hits.map((h) => {
      const before = tokens.slice(Math.max(0, h.start - 3), h.start);
      const nearest = before[before.length - 1];
      const target = before.some((w) => TARGET_CUES.has(w)) && !(nearest !== undefined && SELF_CUES.has(nearest) && before.length === 1);
      return { country: h.country, start: h.start, target };
    });
  }

  recognise(text: string): Speaker {
    const tokens = tokenise(text);
    const agencyHits = [
      ...this.agencies.findAll(tokens),
      ...this.exactCaseHits(text, this.exactCaseAgencies).map((h) => ({ ...h, end: h.start + 1, phrase: '' })),
    ];
    const roleHits = this.roles.findAll(tokens);
    const sideHits = this.sides.findAll(tokens);
    const mentions = this.countryMentions(text);

    const speaker: Speaker = {};
    // An agency with a country ("Metropolitan Police") says more than a generic title ("detective").
    const byCountryFirst = [...agencyHits].sort((a, b) => Number(b.value.country !== null) - Number(a.value.country !== null));
    const lawAgency = byCountryFirst.find((h) => h.value.kind === 'police' || h.value.kind === 'prosecutor' || h.value.kind === 'judge');
    const centralAgency = byCountryFirst.find((h) => h.value.kind === 'central-authority');
    const lawWord = roleHits.find((h) => ['police', 'prosecutor', 'judge'].includes(h.value));
    const otherWord = roleHits.find((h) => !['police', 'prosecutor', 'judge'].includes(h.value));

    // Someone who names a police force or a prosecutor's office is that; a central authority named alongside
    // is where they want to go, not who they are.
    if (lawAgency || lawWord) {
      speaker.role = 'law-enforcement';
    } else if (centralAgency || otherWord?.value === 'central-authority') {
      speaker.role = 'central-authority';
    } else if (otherWord) {
      speaker.role = ROLE_OF_WORD[otherWord.value];
    }
    // A lawyer's "my client" must not turn the lawyer into the public.
    if (speaker.role === 'public' && roleHits.some((h) => h.value === 'lawyer')) speaker.role = 'lawyer';

    const anchor: PhraseHit<unknown> | { start: number } | undefined =
      lawAgency ?? lawWord ?? centralAgency ?? otherWord;
    const agencyCountry = (lawAgency ?? centralAgency)?.value.country ?? undefined;

    if (agencyCountry) {
      speaker.country = agencyCountry;
    } else {
      const own = mentions.filter((m) => !m.target);
      const candidates = own.length > 0 ? own : [];
      if (candidates.length > 0) {
        const at = anchor?.start ?? 0;
        candidates.sort((a, b) => Math.abs(a.start - at) - Math.abs(b.start - at));
        // A foreign country beats Canada when both are named: Canada is usually where the evidence is.
        const foreign = candidates.find((c) => c.country !== 'ca');
        const canada = candidates.find((c) => c.country === 'ca');
        const chosen =
          foreign && canada
            ? Math.abs(canada.start - at) + 2 < Math.abs(foreign.start - at) && speaker.role !== 'central-authority'
              ? canada
              : foreign
            : (foreign ?? canada);
        if (chosen) speaker.country = chosen.country;
      }
    }

    const side = sideHits[0]?.value;
    const aboutSelf = anchor !== undefined || side !== undefined;
    if (side) speaker.side = side;
    // A country says which side the speaker is on only when the message is about the speaker: in
    // "records from a Canadian bank" Canada is where the evidence is, not who is asking.
    else if (speaker.country && aboutSelf) speaker.side = speaker.country === 'ca' ? 'canadian' : 'foreign';
    if (speaker.side === 'canadian') speaker.country = 'ca';
    if (speaker.side === 'foreign' && speaker.country === 'ca') delete speaker.country;
    if (!aboutSelf && speaker.country) speaker.countryOnly = true;
    return speaker;
  }
}
