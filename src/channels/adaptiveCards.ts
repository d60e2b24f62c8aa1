/**
 * Adaptive Cards 1.5 for the three structured replies: an answer with its sources, a contact card with
 * tel:/mailto: links, and a list of choices. Each card carries the full plain text as fallbackText.
 */
import type { OutgoingMessage } from '../conversation/render';
import type { Locale } from '../knowledge/loadKnowledge';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

type Element = Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  fallbackText: string;
  speak?: string;
  body: Element[];
  actions?: Element[];
}

const textBlock = (text: string, extra: Element = {}): Element => ({
  type: 'TextBlock',
  text,
  wrap: true,
  ...extra,
});

/** Markdown in a TextBlock: escape the characters that would turn content into formatting. */
const escapeMarkdown = (text: string): string => text.replace(/([\\[\]()*_`])/g, '\\$1');

function card(message: OutgoingMessage, body: Element[], actions: Element[]): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText: message.text,
    body,
    ...(actions.length ? { actions } : {}),
  };
}

/** The Library and Archives Canada web archive, by the language of the reply. */
const ARCHIVE_NAME = { en: 'Library and Archives Canada', fr: 'Bibliothèque et Archives Canada' } as const;

/**
 * A source button says where it leads ("Sources: justice.gc.ca"), so that a screen-reader user choosing
 * among buttons hears more than a number. Archived pages are named for the Library and Archives Canada, in
 * the reply's language.
 */
export function sourceTitle(url: string, sourcesLabel: string, locale: Locale = 'en'): string {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return sourcesLabel;
  }
  const name = host.endsWith('archive-it.org') ? ARCHIVE_NAME[locale] : host;
  return `${sourcesLabel}: ${name}`;
}

function sourceActions(message: OutgoingMessage, sourcesLabel: string, locale: Locale): Element[] {
  const sources = message.sources ?? [];
  return sources.map((url) => ({ type: 'Action.OpenUrl', title: sourceTitle(url, sourcesLabel, locale), url }));
}

const title = (text: string | undefined): Element[] =>
  text ? [textBlock(text, { size: 'Medium', weight: 'Bolder', style: 'heading' })] : [];
const notes = (message: OutgoingMessage): Element[] =>
  (message.notes ?? []).map((n) => textBlock(n, { isSubtle: true, spacing: 'Small' }));

export function answerCard(message: OutgoingMessage, sourcesLabel: string, locale: Locale = 'en'): AdaptiveCard {
  return card(
    message,
    [...title(message.title), textBlock(message.body ?? message.text), ...notes(message)],
    sourceActions(message, sourcesLabel, locale),
  );
}

export function contactCard(message: OutgoingMessage, sourcesLabel: string, locale: Locale = 'en'): AdaptiveCard {
  const lines = (message.contactLines ?? []).map((line) => {
    const value = line.href ? `[${escapeMarkdown(line.value)}](${line.href})` : escapeMarkdown(line.value);
    return textBlock(`**${escapeMarkdown(line.label)}:** ${value}`, { spacing: 'Small' });
  });
  const body = [
    ...(message.body ? [textBlock(message.body)] : []),
    ...title(message.title),
    ...lines,
    ...notes(message),
  ];
  return card(message, body, sourceActions(message, sourcesLabel, locale));
}

/** Buttons send {choice} as the activity value: the core reads it exactly like the typed choice. */
export function choicesCard(message: OutgoingMessage): AdaptiveCard {
  const actions = (message.choices ?? []).map((c) => ({
    type: 'Action.Submit',
    title: c.label,
    data: { choice: c.value },
  }));
  return card(message, [textBlock(message.body ?? message.text)], actions);
}
