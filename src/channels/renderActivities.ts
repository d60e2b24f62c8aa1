/**
 * Renders the core's channel-neutral messages as activities for one channel: Adaptive Cards where the
 * channel shows them, plain text where it does not, suggested actions for follow-up questions, and the
 * route entity on every message that answers the user.
 */
import type { Locale } from '../knowledge/loadKnowledge';
import type { OutgoingMessage } from '../conversation/render';
import type { Outcome } from '../../dialogs/types';
import type { CardAction, OutgoingActivity } from './activity';
import { ADAPTIVE_CARD, answerCard, choicesCard, contactCard, type AdaptiveCard } from './adaptiveCards';
import { routeEntity } from './routeEntity';

/** Channels known to render Adaptive Cards 1.5. Others (SMS, e-mail, unknown) get text. */
const CARD_CHANNELS = new Set(['msteams', 'webchat', 'directline', 'emulator', 'directlinespeech']);

export function supportsCards(channelId: string | undefined): boolean {
  return CARD_CHANNELS.has((channelId ?? '').toLowerCase());
}

export interface RenderOptions {
  channelId?: string;
  locale: Locale;
  /** present when the activities answer a user message: then each carries the route entity */
  outcome?: Outcome;
  /** the localised word "Sources" for source buttons */
  sourcesLabel: string;
}

/**
 * Follow-ups are sent back as their title, typed for the user (imBack, which every channel including
 * Teams supports): the core finds a topic by its title, while a bare topic id is only understood as the
 * answer to a pending choice.
 */
function suggestedActions(message: OutgoingMessage): OutgoingActivity['suggestedActions'] {
  const suggestions = message.suggestions ?? [];
  if (!suggestions.length) return undefined;
  const actions: CardAction[] = suggestions.map((s) => ({ type: 'imBack', title: s.label, value: s.label }));
  return { to: [], actions };
}

function cardFor(message: OutgoingMessage, sourcesLabel: string, locale: Locale): AdaptiveCard | undefined {
  switch (message.kind) {
    case 'answer':
      return answerCard(message, sourcesLabel, locale);
    case 'contact':
      return message.contactLines?.length ? contactCard(message, sourcesLabel, locale) : undefined;
    case 'choices':
      return choicesCard(message);
    case 'text':
      return undefined;
  }
}

export function renderActivities(
  messages: readonly OutgoingMessage[],
  options: RenderOptions,
): OutgoingActivity[] {
  const cards = supportsCards(options.channelId);
  const entities = options.outcome ? [routeEntity(options.outcome, options.locale)] : undefined;
  return messages.map((message) => {
    const card = cards ? cardFor(message, options.sourcesLabel, options.locale) : undefined;
    const suggested = suggestedActions(message);
    return {
      type: 'message',
      locale: options.locale === 'fr' ? 'fr-CA' : 'en-CA',
      textFormat: 'plain',
      ...(card ? { attachments: [{ contentType: ADAPTIVE_CARD, content: card }] } : { text: message.text }),
      ...(suggested ? { suggestedActions: suggested } : {}),
      ...(entities ? { entities } : {}),
    };
  });
}

/** A text reply that answers a user message (errors, notices): it too carries the route entity. */
export function textReply(text: string, locale: Locale, outcome: Outcome): OutgoingActivity {
  return {
    type: 'message',
    text,
    textFormat: 'plain',
    locale: locale === 'fr' ? 'fr-CA' : 'en-CA',
    entities: [routeEntity(outcome, locale)],
  };
}
