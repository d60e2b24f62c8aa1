/**
 * The answer's official sources as Teams citations: a `https://schema.org/Message` entity whose
 * `citation` list Teams shows as numbered references, each opening the source page. The text carries the
 * matching [1], [2] markers where the source links were.
 *
 * The entity has no `additionalType`: its one value marks a message as machine-generated, and Teams would
 * label every answer so, while the answers are written and reviewed content from knowledge/.
 */
import type { OutgoingMessage } from '../../conversation/render';
import type { Entity } from './activity';

export interface Citation {
  '@type': 'Claim';
  position: number;
  appearance: { '@type': 'DigitalDocument'; name: string; url: string; abstract: string };
}

export interface MessageEntity extends Entity {
  type: 'https://schema.org/Message';
  '@type': 'Message';
  '@context': 'https://schema.org';
  '@id': '';
  citation: Citation[];
}

/** Teams truncates longer values; keep within its limits so nothing is cut mid-word by the client. */
const NAME_MAX = 80;
const ABSTRACT_MAX = 160;

const SITES: Array<{ host: RegExp; en: string; fr: string }> = [
  {
    host: /(^|\.)(laws-lois|laws|lois)\.justice\.gc\.ca$/,
    en: 'Justice Laws Website',
    fr: 'Site Web de la législation',
  },
  {
    host: /(^|\.)justice\.gc\.ca$/,
    en: 'Department of Justice Canada',
    fr: 'Ministère de la Justice Canada',
  },
  {
    host: /(^|\.)treaty-accord\.gc\.ca$/,
    en: 'Canada Treaty Information',
    fr: 'Information sur les traités du Canada',
  },
  { host: /(^|\.)(parl|noscommunes|ourcommons)\.ca$/, en: 'Parliament of Canada', fr: 'Parlement du Canada' },
  {
    host: /(^|\.)bac-lac\./,
    en: 'Library and Archives Canada (web archive)',
    fr: 'Bibliothèque et Archives Canada (archives Web)',
  },
  { host: /(^|\.)canada\.ca$/, en: 'Government of Canada', fr: 'Gouvernement du Canada' },
];

const ACTS: Record<string, { en: string; fr: string }> = {
  'E-23.01': { en: 'Extradition Act', fr: "Loi sur l'extradition" },
  'M-13.6': {
    en: 'Mutual Legal Assistance in Criminal Matters Act',
    fr: "Loi sur l'entraide juridique en matière criminelle",
  },
  'C-46': { en: 'Criminal Code', fr: 'Code criminel' },
  'C-5': { en: 'Canada Evidence Act', fr: 'Loi sur la preuve au Canada' },
};

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

/** A readable name for a source link: the site, and the Act when the link is to a federal statute. */
export function sourceName(url: string, locale: 'en' | 'fr'): string {
  let host = '';
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return clip(url, NAME_MAX);
  }
  const site = SITES.find((s) => s.host.test(host));
  const act = Object.entries(ACTS).find(([code]) =>
    new RegExp(`/${code.replace('.', '\\.')}(/|$)`, 'i').test(url),
  );
  const parts = [act?.[1][locale], site?.[locale] ?? host.replace(/^www\./, '')].filter(Boolean);
  return clip(parts.join(' — '), NAME_MAX);
}

export function citationEntity(message: OutgoingMessage, locale: 'en' | 'fr'): MessageEntity | undefined {
  const sources = message.sources ?? [];
  if (sources.length === 0) return undefined;
  const abstract = clip(message.title ?? message.body ?? message.text, ABSTRACT_MAX);
  return {
    type: 'https://schema.org/Message',
    '@type': 'Message',
    '@context': 'https://schema.org',
    '@id': '',
    citation: sources.map((url, i) => ({
      '@type': 'Claim',
      position: i + 1,
      appearance: { '@type': 'DigitalDocument', name: sourceName(url, locale), url, abstract },
    })),
  };
}

/** The message text with each source link replaced by its citation marker, [1], [2]... */
export function citedText(message: OutgoingMessage): string {
  const sources = message.sources ?? [];
  let text = message.text;
  const missing: string[] = [];
  sources.forEach((url, i) => {
    if (text.includes(url)) text = text.split(url).join(`[${i + 1}]`);
    else missing.push(`[${i + 1}]`);
  });
  return missing.length ? `${text}\n${missing.join(' ')}` : text;
}

/**
 * What Teams adds to a reply: citations when the message has sources, and the feedback buttons
 * (thumbs up and down) on answers, so the quality report hears which answers helped.
 */
export function teamsReplyParts(
  message: OutgoingMessage,
  locale: 'en' | 'fr',
): { text: string; entities: Entity[]; channelData?: { feedbackLoopEnabled: true } } {
  const entity = citationEntity(message, locale);
  return {
    text: entity ? citedText(message) : message.text,
    entities: entity ? [entity] : [],
    ...(message.kind === 'answer' ? { channelData: { feedbackLoopEnabled: true as const } } : {}),
  };
}
