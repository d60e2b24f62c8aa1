/**
 * Conversation keys: the storage key of a conversation is a hash of its channel and conversation id, so
 * raw ids (which in Teams embed tenant and user identifiers) never reach storage names or logs.
 */
import { createHash } from 'node:crypto';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export function conversationKey(channelId: string | undefined, conversationId: string): string {
  return `c-${sha256(`${channelId ?? 'unknown'}\n${conversationId}`).slice(0, 40)}`;
}

/** A shorter, different hash for logs: lines of one conversation correlate without naming its storage key. */
export function logKey(key: string): string {
  return sha256(`log\n${key}`).slice(0, 12);
}
