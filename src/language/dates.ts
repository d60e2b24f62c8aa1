import type { Language } from './detectLanguage';

/**
 * Dates in free text, through @microsoft/recognizers-text. The French and English date models compile very
 * large regular expressions on first use (seconds), so the recognizer is loaded lazily, called only for
 * messages that can hold a date, and warmed up at boot by the server.
 */
type Recognize = (query: string, culture: string, options?: number, fallbackToDefaultCulture?: boolean) => Array<{
  typeName: string;
  resolution?: { values?: Array<{ type?: string; value?: string; timex?: string }> };
}>;

let recognizeDateTime: Recognize | undefined;
function recognizer(): Recognize {
  if (!recognizeDateTime) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    recognizeDateTime = (require('@microsoft/recognizers-text-suite') as { recognizeDateTime: Recognize }).recognizeDateTime;
  }
  return recognizeDateTime;
}

const CULTURE: Record<Language, string> = { en: 'en-us', fr: 'fr-fr' };

/** Cheap test first: month names, day/month numbers or relative days. */
const MAY_HOLD_DATE =
  /\b(\d{1,2}(st|nd|rd|th|er)?\b|jan|feb|fev|fév|mar|apr|avr|may|mai|jun|juin|jul|juil|aug|aou|aoû|sep|oct|nov|dec|déc|yesterday|hier|today|aujourd|last|dernier|ago|il y a)/i;

export function mayHoldDate(text: string): boolean {
  return MAY_HOLD_DATE.test(text);
}

/**
 * The first calendar date in the text, as YYYY-MM-DD, resolved against the reference date; a date without a
 * year is the most recent one on or before the reference date (an arrest has already happened).
 */
export function findPastDate(text: string, language: Language, reference: Date): string | undefined {
  if (!mayHoldDate(text)) return undefined;
  const results = recognizer()(text, CULTURE[language]);
  for (const r of results) {
    if (r.typeName !== 'datetimeV2.date') continue;
    const values = r.resolution?.values ?? [];
    const ref = reference.toISOString().slice(0, 10);
    const past = values.map((v) => v.value).filter((v): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v) && v <= ref);
    if (past.length > 0) return past.sort().at(-1);
    const any = values.map((v) => v.value).find((v): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v));
    if (any) return any;
  }
  return undefined;
}

export function warmUpDates(): void {
  findPastDate('arrested on 3 March', 'en', new Date('2026-01-01T00:00:00Z'));
  findPastDate('arrêté le 3 mars', 'fr', new Date('2026-01-01T00:00:00Z'));
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
