/**
 * Finds personal data in free text: e-mail addresses, telephone numbers and file or case numbers.
 * Used twice: to remind users not to share such details, and to redact anything that could reach a log.
 * Patterns are deliberately broad: a false alarm costs one polite reminder, a miss leaks a number.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// 7+ digits with the usual separators, optionally +country code or parentheses: (613) 957-4832, +33 1 23 45 67 89
const PHONE = /(?:\+?\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]?\d{2,4}){2,4}/g;
// "file 2024-1234", "case no. 12345", "dossier n° 123-456", "docket 99-CR-1234"
const CASE_NUMBER = /\b(?:file|case|docket|dossier|matter|affaire|reference|ref|référence)\s*(?:no\.?|number|num(?:éro|ero)?\.?|n°|#)?\s*[:#]?\s*[A-Z0-9][A-Z0-9/-]*\d[A-Z0-9/-]*/giu;

export interface PersonalDataFound {
  emails: number;
  phones: number;
  caseNumbers: number;
}

function countPhones(text: string): number {
  return (text.match(PHONE) ?? []).filter((m) => m.replace(/\D/g, '').length >= 7).length;
}

export function findPersonalData(text: string): PersonalDataFound {
  const withoutEmails = text.replace(EMAIL, ' ');
  return {
    emails: (text.match(EMAIL) ?? []).length,
    phones: countPhones(withoutEmails),
    caseNumbers: (withoutEmails.match(CASE_NUMBER) ?? []).length,
  };
}

export function hasPersonalData(text: string): boolean {
  const found = findPersonalData(text);
  return found.emails + found.phones + found.caseNumbers > 0;
}

/** Replaces e-mails, phone numbers and case numbers with placeholders. */
export function redact(text: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(PHONE, (m) => (m.replace(/\D/g, '').length >= 7 ? '[phone]' : m))
    .replace(CASE_NUMBER, '[case-number]');
}
