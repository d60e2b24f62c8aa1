/**
 * Turns an incoming message activity into the core's ChannelInput: mention tags removed, control
 * characters dropped, card submits read as choice values, and the conversation id hashed. Teams messages
 * go through ./teams instead, which removes only the bot's own mention and keys channel threads apart.
 */
import type { ChannelInput } from '../conversation/turnRunner';
import type { IncomingActivity } from './activity';
import { conversationKey } from './conversationKey';

/** Beyond this the understanding gains nothing and only spends time. */
export const MAX_UNDERSTOOD_CHARS = 5000;

// C0 and C1 controls except tab and newlines; they carry no meaning and confuse normalisation and logs.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const TEAMS_MENTION = /<at>[^<]*<\/at>/gi;

export function cleanText(text: string | undefined): string {
  return (text ?? '').replace(TEAMS_MENTION, ' ').replace(CONTROL, '').slice(0, MAX_UNDERSTOOD_CHARS).trim();
}

/**
 * A card button sends `value`: our own cards send {choice: "..."}; some channels send the bare string.
 * Anything else (another card's payload) is ignored rather than guessed at.
 */
export function choiceValue(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 200);
  if (value && typeof value === 'object' && 'choice' in value) {
    const choice = (value as { choice: unknown }).choice;
    if (typeof choice === 'string' && choice.trim()) return choice.trim().slice(0, 200);
  }
  return undefined;
}

export function toChannelInput(activity: IncomingActivity, at: number): ChannelInput {
  const value = choiceValue(activity.value);
  return {
    text: cleanText(activity.text),
    ...(value ? { value } : {}),
    ...(activity.locale ? { locale: activity.locale } : {}),
    conversationKey: conversationKey(activity.channelId, activity.conversation.id),
    at,
  };
}
