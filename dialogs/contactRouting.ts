import type { Speaker } from '../src/language/speaker';

/**
 * The routing rules of shared/spec/topics.json "contacts", as one pure function:
 * Canadian police and prosecutors -> iag; foreign central authorities -> iag; foreign police and
 * prosecutors -> their own country's central authority; the public, lawyers, journalists and persons
 * sought -> general information; anything missing -> what to ask.
 */
export type ContactResolution =
  | { kind: 'iag' }
  | { kind: 'country'; country: string }
  | { kind: 'public' }
  | { kind: 'needRole' }
  | { kind: 'needCountry' };

export function resolveContact(speaker: Speaker): ContactResolution {
  const { role, side, country } = speaker;
  if (role === 'central-authority') return { kind: 'iag' };
  if (role === 'public' || role === 'lawyer' || role === 'journalist' || role === 'person-sought') return { kind: 'public' };
  if (side === 'canadian') return { kind: 'iag' };
  if (role === 'law-enforcement') {
    if (country === 'ca') return { kind: 'iag' };
    return country ? { kind: 'country', country } : { kind: 'needCountry' };
  }
  return { kind: 'needRole' };
}

/** Merges what this message says about the speaker over what earlier messages said. */
export function mergeSpeaker(known: Speaker, said: Speaker): Speaker {
  const merged: Speaker = { ...known };
  delete merged.countryOnly;
  if (said.role) merged.role = said.role;
  if (said.side) merged.side = said.side;
  // A country named in passing fills a gap; it never replaces what the speaker said of themselves.
  const contradictsSide = (said.country === 'ca' && known.side === 'foreign') || (said.country !== 'ca' && known.side === 'canadian');
  if (said.country && !(said.countryOnly && (known.country || contradictsSide))) merged.country = said.country;
  // Someone who now names a foreign country is no longer taken for Canadian, and the reverse.
  if (said.country && !said.countryOnly && said.country !== 'ca' && !said.side) merged.side = 'foreign';
  if (said.side === 'foreign' && merged.country === 'ca') delete merged.country;
  return merged;
}
