/**
 * Teams @mentions. In a channel or group chat the bot only receives messages that mention it, and the
 * mention arrives inside the text as "<at>IAG Assistant</at>". Only the bot's own mention is removed
 * (found by the recipient id, never by name alone, since two apps can share a display name); other
 * people's mentions keep their name as plain words.
 */
import { choiceValue } from '../channelInput';
import { scopeOf, type Entity, type TeamsActivity } from './activity';

interface MentionEntity extends Entity {
  type: 'mention';
  mentioned?: { id?: string; name?: string };
  text?: string;
}

function mentions(activity: TeamsActivity): MentionEntity[] {
  return (activity.entities ?? []).filter((e): e is MentionEntity => e.type === 'mention');
}

function botMentions(activity: TeamsActivity): MentionEntity[] {
  const botId = activity.recipient?.id;
  if (!botId) return [];
  return mentions(activity).filter((m) => m.mentioned?.id === botId);
}

export function isBotMentioned(activity: TeamsActivity): boolean {
  return botMentions(activity).length > 0;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The message text without the bot's own mention, other <at> tags unwrapped, spaces tidied. */
export function stripBotMention(activity: TeamsActivity): string {
  let text = activity.text ?? '';
  for (const mention of botMentions(activity)) {
    const names = [mention.text, mention.mentioned?.name && `<at>${mention.mentioned.name}</at>`];
    for (const tag of names) {
      if (tag && text.includes(tag)) {
        text = text.split(tag).join(' ');
        break;
      }
    }
    // Teams sometimes sends the entity text and the message text with different spacing or markup.
    const name = mention.mentioned?.name;
    if (name) text = text.replace(new RegExp(`<at[^>]*>\\s*${escapeRegExp(name)}\\s*</at>`, 'gi'), ' ');
  }
  return text
    .replace(/<at[^>]*>(.*?)<\/at>/gi, '$1')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A button of the assistant's own choice card comes back as a message with no text and the value
 * {choice: "..."}; another app's card payload is not taken for one.
 */
export function isCardSubmit(activity: TeamsActivity): boolean {
  return (
    activity.type === 'message' &&
    typeof activity.value === 'object' &&
    choiceValue(activity.value) !== undefined &&
    !activity.text?.trim()
  );
}

/**
 * Personal chats: every message. Channels and group chats: only messages that mention the bot, and
 * submits from the bot's own cards (Teams sends those without a mention).
 */
export function shouldAnswer(activity: TeamsActivity): boolean {
  if (activity.type !== 'message') return false;
  if (activity.from?.id && activity.from.id === activity.recipient?.id) return false;
  if (scopeOf(activity) === 'personal') return true;
  return isBotMentioned(activity) || isCardSubmit(activity);
}
