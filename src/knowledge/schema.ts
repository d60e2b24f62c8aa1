import { z } from 'zod';

/** Hosts whose pages count as official sources (Government of Canada, Parliament, the LAC web archive). */
const OFFICIAL_HOST = /(^|\.)(gc\.ca|canada\.ca|parl\.ca|ourcommons\.ca|noscommunes\.ca)$|^bac-lac\.wayback\.archive-it\.org$/;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');

export const officialUrl = z
  .string()
  .url()
  .refine((u) => OFFICIAL_HOST.test(new URL(u).hostname), {
    message: 'must be an official source (gc.ca, canada.ca, parl.ca, ourcommons.ca, noscommunes.ca, LAC archive)',
  });

const sentenceCount = (text: string): number =>
  text
    .split(/(?<=[.!?])\s+(?=[A-ZÀ-Ý«"(])/u)
    .map((s) => s.trim())
    .filter(Boolean).length;

const topicLanguage = z.object({
  title: z.string().min(3).max(80),
  answer: z
    .string()
    .min(40)
    .max(1200)
    .refine((a) => sentenceCount(a) >= 2 && sentenceCount(a) <= 7, {
      message: 'must hold 2 to 6 sentences (plain language, key facts and the next step)',
    }),
  questions: z.array(z.string().min(3)).min(8, 'needs at least 8 alternative questions'),
  keywords: z.array(z.string().min(2)).min(3, 'needs at least 3 keywords'),
  sources: z.array(officialUrl).min(1, 'needs at least one official source URL'),
});

export const topicSchema = z.object({
  id: z.string().regex(/^[a-z]+\.[a-z0-9-]+$/, 'must look like area.name'),
  reviewed: isoDate,
  related: z.array(z.string()).default([]),
  disclaimer: z.boolean().default(false),
  en: topicLanguage,
  fr: topicLanguage,
});
export type Topic = z.infer<typeof topicSchema>;
export type TopicLanguage = z.infer<typeof topicLanguage>;

const bilingual = z.object({ en: z.string().min(1), fr: z.string().min(1) });

export const directoryEntrySchema = z.object({
  country: z.string().regex(/^[a-z]{2}$/, 'must be a lowercase ISO 3166-1 alpha-2 code'),
  verified: isoDate,
  confidence: z.enum(['high', 'medium', 'low']),
  sourceDates: z.string().optional(),
  names: bilingual,
  en: z.object({ mla: z.string().min(3), extradition: z.string().min(3), note: z.string().optional() }),
  fr: z.object({ mla: z.string().min(3), extradition: z.string().min(3), note: z.string().optional() }),
  contacts: z
    .object({
      phones: z.array(z.object({ number: z.string(), label: bilingual.optional() })).default([]),
      emails: z.array(z.string().email()).default([]),
      website: z.string().url().optional(),
      contactsConfidence: z.enum(['high', 'medium', 'low']).optional(),
    })
    .default({ phones: [], emails: [] }),
  sources: z.array(z.string().url()).min(1),
});
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

const stringList = z.array(z.string().min(1)).default([]);

export const countriesSchema = z.object({
  /** places that exist in Canada and abroad ("London", "Paris"): never read as a country alone */
  ambiguousCities: z.union([stringList, z.record(z.string(), z.string().regex(/^[a-z]{2}$/).nullable())]).default([]),
  /** names that also mean something else ("Jordan", "Chad", "Georgia"): never read as a country alone */
  ambiguousNames: stringList,
  /** phrases masked before matching: they hold a country word without meaning it ("Latin America") */
  nonCountryPhrases: stringList,
  /** demonyms that are also languages ("French"): not a country when they follow "in"/"en" */
  languageNames: stringList,
  countries: z.record(
    z.string().regex(/^[a-z]{2}$/),
    z.object({
      en: stringList,
      fr: stringList,
      demonyms: z.object({ en: stringList, fr: stringList }).partial().default({}),
      cities: stringList,
      /** Canada's provinces and territories, by province code */
      provinces: z.union([stringList, z.record(z.string(), stringList)]).default([]),
      caseSensitive: stringList,
    }),
  ),
});
export type CountriesTable = z.infer<typeof countriesSchema>;

export const agencyKinds = ['police', 'prosecutor', 'judge', 'central-authority', 'other-government'] as const;
export const agenciesSchema = z.object({
  agencies: z.array(
    z.object({
      names: z.array(z.string().min(2)).min(1),
      country: z.string().regex(/^[a-z]{2}$/).nullable(),
      kind: z.enum(agencyKinds),
      /** forms matched only in exact case: acronyms that are also words (ICE, Met) */
      caseSensitive: stringList,
      /** other countries whose agencies use the same name: a country named in the text wins */
      alsoUsedIn: stringList,
    }),
  ),
});
export type AgenciesTable = z.infer<typeof agenciesSchema>;

/** A concept groups words and phrases that mean the same thing for matching, in either language. */
export const synonymsSchema = z.object({
  concepts: z.record(
    z.string().regex(/^[a-z][a-z0-9-]*$/),
    z.object({
      terms: z.array(z.string().min(1)).min(1),
      /**
       * Only a message that holds an anchor concept (true), or two weak ones ('weak': "foreign" and
       * "prosecutor"), can get a knowledge answer, unless the conversation is already in the domain.
       */
      anchor: z.union([z.boolean(), z.literal('weak')]).default(false),
    }),
  ),
  stopwords: z.object({ en: stringList, fr: stringList }),
});
export type SynonymsTable = z.infer<typeof synonymsSchema>;

export const responsesSchema = z.record(z.string().regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/), z.string().min(1));
export type ResponsesTable = z.infer<typeof responsesSchema>;

const phraseLists = z.object({ en: stringList, fr: stringList });

/** Phrase tables the understanding step reads: roles, the "who do I contact" question, small talk. */
export const phrasesSchema = z.object({
  roles: z.record(z.enum(['police', 'prosecutor', 'judge', 'central-authority', 'public', 'lawyer', 'journalist', 'person-sought']), phraseLists),
  canadianRole: phraseLists,
  foreignRole: phraseLists,
  contactQuestion: phraseLists,
  contactPerson: phraseLists,
  startOver: phraseLists,
  unknownCountry: phraseLists,
  smalltalk: z.record(z.enum(['greeting', 'thanks', 'goodbye', 'help', 'identity', 'language']), phraseLists),
  switchToFrench: phraseLists,
  switchToEnglish: phraseLists,
  /** regular expressions over folded text, per small-talk intent */
  smalltalkPatterns: z
    .partialRecord(
      z.enum(['greeting', 'thanks', 'goodbye', 'help', 'identity', 'language']),
      z.array(
        z.string().refine((p) => {
          try {
            new RegExp(p);
            return true;
          } catch {
            return false;
          }
        }, 'must be a valid regular expression'),
      ),
    )
    .default({}),
  otherLanguages: stringList,
});
export type PhrasesTable = z.infer<typeof phrasesSchema>;

/** Neighbouring subjects the assistant does not cover, and requests it must decline (case status, advice). */
export const outOfScopeSchema = z.object({
  categories: z.record(
    z.string().regex(/^[a-z][a-z0-9-]*$/),
    z.object({
      /** decline: a request about a person's own case; it is declined even when it names extradition. */
      kind: z.enum(['elsewhere', 'decline']),
      terms: z.array(z.string().min(2)).min(1),
    }),
  ),
});
export type OutOfScopeTable = z.infer<typeof outOfScopeSchema>;

/** Follow-up questions that only make sense against the topic of the previous answer. */
export const followUpsSchema = z.object({
  kinds: z.record(
    z.string().regex(/^[a-z][a-z0-9-]*$/),
    z.object({
      cues: phraseLists,
      /** topic id or topic-id prefix ("ext.", "mla.") -> the topic that answers the follow-up there */
      targets: z.record(z.string(), z.string()),
    }),
  ),
});
export type FollowUpsTable = z.infer<typeof followUpsSchema>;

/** Time limits the deadline helper may compute with; every one is stated in the facts, with its source. */
export const deadlinesSchema = z.object({
  rules: z.array(
    z.object({
      id: z.string(),
      /** country code the rule applies to, or null for the rule that applies when no treaty sets a period */
      country: z.string().regex(/^[a-z]{2}$/).nullable(),
      days: z.number().int().positive(),
      topic: z.string(),
      en: z.string().min(10),
      fr: z.string().min(10),
      source: officialUrl,
    }),
  ),
});
export type DeadlinesTable = z.infer<typeof deadlinesSchema>;

/** The IAG's own contact details (from its "About" page). */
export const iagContactSchema = z.object({
  reviewed: isoDate,
  address: bilingual,
  phone: z.string().regex(/^\(\d{3}\) \d{3}-\d{4}$/, 'must be written (613) 555-0100'),
  fax: z.string().regex(/^\(\d{3}\) \d{3}-\d{4}$/, 'must be written (613) 555-0100'),
  email: z.string().email(),
  website: z.object({ en: officialUrl, fr: officialUrl }),
  sources: z.array(officialUrl).min(1),
});
export type IagContact = z.infer<typeof iagContactSchema>;
