/** Where replies go and when to say welcome, by Teams' rules. */
import { conversationKey as storageKey } from '../conversationKey';
import { scopeOf, TEAMS_CHANNEL_ID, type TeamsActivity } from './activity';

/**
 * The address of a reply. In a channel the reply stays in the thread of the message: Teams names the
 * thread in the conversation id (";messageid=<root>"), and replyToId points at the message answered.
 */
export function replyAddress(activity: TeamsActivity): { conversationId: string; replyToId?: string } {
  const id = activity.conversation?.id ?? '';
  if (scopeOf(activity) === 'channel' && activity.id && !id.includes(';messageid=')) {
    return { conversationId: `${id};messageid=${activity.id}`, replyToId: activity.id };
  }
  return { conversationId: id, replyToId: activity.id };
}

/**
 * The key the conversation state is stored under: one per personal chat, per group chat and per
 * channel thread, so two threads of one channel never share a dialog. Hashed like every other
 * channel's key: Teams conversation ids embed tenant and user identifiers.
 */
export function conversationKey(activity: TeamsActivity): string {
  return storageKey(TEAMS_CHANNEL_ID, replyAddress(activity).conversationId);
}

/**
 * Welcome once, when the app is installed for a person (personal scope). Adding the app to a team or a
 * group chat, or people joining a team, must not make it talk: that would be noise for everyone there.
 */
export function shouldWelcome(activity: TeamsActivity): boolean {
  if (scopeOf(activity) !== 'personal') return false;
  if (activity.type === 'installationUpdate') return activity.action === 'add';
  if (activity.type === 'conversationUpdate') {
    const botId = activity.recipient?.id;
    return Boolean(botId && activity.membersAdded?.some((m) => m.id === botId));
  }
  return false;
}
