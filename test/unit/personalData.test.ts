import { findPersonalData, hasPersonalData, redact } from '../../src/language/personalData';

describe('personal data', () => {
  it('finds e-mail addresses, phone numbers and case numbers', () => {
    expect(findPersonalData('write to jane.doe@example.com')).toMatchObject({ emails: 1 });
    expect(findPersonalData('call me at (613) 555-0199')).toMatchObject({ phones: 1 });
    expect(findPersonalData('+33 1 23 45 67 89 is my number')).toMatchObject({ phones: 1 });
    expect(findPersonalData('our file no. 2024-CR-1234')).toMatchObject({ caseNumbers: 1 });
  });

  it('does not take years, section numbers or counts for personal data', () => {
    expect(hasPersonalData('Under section 14(1)(c), within 60 days, since 2019')).toBe(false);
    expect(hasPersonalData('He served 14 of 18 months')).toBe(false);
  });

  it('redacts what it finds and keeps the rest', () => {
    expect(redact('Mail jane@example.com or call 613-555-0199 about file 77-1234.')).toBe(
      'Mail [email] or call [phone] about [case-number].',
    );
  });
});
