/**
 * The core's messages as Teams activities. Answers go as text with [n] markers, the citation entity and
 * the feedback buttons: Teams shows citations and feedback on a message's text, not inside a card.
 * Contacts and choices stay Adaptive Cards (tel:/mailto: links, buttons), with their version set and at
 * most six actions per list; a choice list longer than that also shows every option, numbered, in the
 * card's text, so the options past the sixth button can still be typed.
 */
import type { OutgoingMessage } from '../../conversation/render';
import type { OutgoingActivity } from '../activity';
import { ADAPTIVE_CARD, choicesCard, type AdaptiveCard } from '../adaptiveCards';
import { renderActivities, type RenderOptions } from '../renderActivities';
import { TEAMS_CHANNEL_ID } from './activity';
import { limitActions, MAX_CARD_ACTIONS } from './cards';
import { teamsReplyParts } from './citations';

function cardOf(activity: OutgoingActivity): AdaptiveCard | undefined {
  const attachment = activity.attachments?.find((a) => a.contentType === ADAPTIVE_CARD);
  return attachment?.content as AdaptiveCard | undefined;
}

function teamsCard(message: OutgoingMessage, card: AdaptiveCard): AdaptiveCard {
  const crowded = message.kind === 'choices' && (message.choices?.length ?? 0) > MAX_CARD_ACTIONS;
  return limitActions(crowded ? choicesCard({ ...message, body: message.text }) : card);
}

function asText(
  message: OutgoingMessage,
  activity: OutgoingActivity,
  options: RenderOptions,
): OutgoingActivity {
  const parts = teamsReplyParts(message, options.locale);
  const { attachments: _shownAsText, entities: routeEntities = [], ...rest } = activity;
  const entities = [...parts.entities, ...routeEntities];
  return {
    ...rest,
    text: parts.text,
    ...(entities.length ? { entities } : {}),
    ...(parts.channelData ? { channelData: parts.channelData } : {}),
  };
}

export function renderTeamsActivities(
  messages: readonly OutgoingMessage[],
  options: Omit<RenderOptions, 'channelId'>,
): OutgoingActivity[] {
  const rendered = renderActivities(messages, { ...options, channelId: TEAMS_CHANNEL_ID });
  return rendered.map((activity, i) => {
    const message = messages[i]!;
    const card = cardOf(activity);
    if (!card || message.kind === 'answer') return asText(message, activity, options);
    return { ...activity, attachments: [{ contentType: ADAPTIVE_CARD, content: teamsCard(message, card) }] };
  });
}
