/**
 * Microsoft Teams rules, as pure functions on plain Activity JSON (no SDK). Hosts call them like this:
 *
 *   import { teamsChannel } from '../channels/teams';
 *
 *   // activity.channelId === 'msteams'
 *   if (teamsChannel.isFeedbackInvoke(activity)) {
 *     const record = teamsChannel.parseFeedback(activity, { at: now, topicOf: (id) => answered.topicOf(id) });
 *     if (record) await feedbackStore.record(record);            // no user id, no typed comment
 *     return teamsChannel.FEEDBACK_INVOKE_RESPONSE;              // { status: 200, body: {} }
 *   }
 *   if (teamsChannel.shouldWelcome(activity)) {                  // personal install only, once
 *     runner.handleConversationStart({ conversationKey: teamsChannel.conversationKey(activity), locale, at });
 *   }
 *   if (activity.type === 'message') {
 *     if (!teamsChannel.shouldAnswer(activity)) return;          // channel/group chat without @mention
 *     const { text, value } = teamsChannel.readMessage(activity); // own @mention stripped, commands expanded
 *     const result = await runner.handleMessage({ text, value, locale, conversationKey: teamsChannel.conversationKey(activity), at });
 *     const { conversationId, replyToId } = teamsChannel.replyAddress(activity); // stay in the channel thread
 *     for (const message of result.messages) {
 *       const parts = teamsChannel.replyParts(message, result.locale);
 *       // send { type: 'message', text: parts.text, entities: [...parts.entities, routeEntity],
 *       //        channelData: parts.channelData, replyToId, conversation: { id: conversationId } }
 *       // then, for an answer: answered.remember(sentActivityId, result.outcome.topic)
 *     }
 *   }
 *
 * Cards built for Teams go through teamsChannel.limitActions(card) (version set, at most six actions
 * per action list); tests can assert teamsChannel.cardProblems(card) is empty.
 *
 * | member                     | what                                                                      |
 * | -------------------------- | ------------------------------------------------------------------------- |
 * | scopeOf(a)                 | 'personal' / 'channel' / 'groupChat'                                      |
 * | isBotMentioned(a)          | a mention entity names the recipient (the bot) by id                      |
 * | stripBotMention(a)         | text without the bot's own <at>…</at>; other mentions kept as plain names |
 * | shouldAnswer(a)            | personal: always; channel/group chat: when mentioned or a card submit     |
 * | readMessage(a)             | { text, value } ready for TurnRunner.handleMessage                        |
 * | conversationKey(a)         | storage key: one per personal chat, group chat or channel thread          |
 * | replyAddress(a)            | { conversationId, replyToId } keeping channel replies in the thread       |
 * | shouldWelcome(a)           | conversationUpdate adding the bot, or installationUpdate "add"; personal  |
 * | replyParts(msg, locale)    | { text with [n] markers, entities: [schema.org/Message citations],        |
 * |                            |   channelData: { feedbackLoopEnabled: true } on answers }                 |
 * | parseFeedback(a, opts)     | FeedbackRecord { reaction, topic?, locale, at, channel } or undefined     |
 * | MemoryFeedbackStore        | FeedbackStore port in memory; AnsweredTopics maps sent ids to topics      |
 * | limitActions / cardProblems| Adaptive Card version and six-action limit                                |
 */
import { choiceValue } from '../channelInput';
import { scopeOf, type TeamsActivity } from './activity';
import { cardProblems, limitActions, ADAPTIVE_CARD_VERSION, MAX_CARD_ACTIONS } from './cards';
import { citationEntity, citedText, sourceName, teamsReplyParts } from './citations';
import { COMMAND_QUESTIONS, commandQuestion } from './commands';
import { conversationKey, replyAddress, shouldWelcome } from './conversation';
import {
  AnsweredTopics,
  FEEDBACK_INVOKE_RESPONSE,
  isFeedbackInvoke,
  MemoryFeedbackStore,
  parseFeedback,
  summariseFeedback,
} from './feedback';
import { isBotMentioned, isCardSubmit, shouldAnswer, stripBotMention } from './mentions';

/**
 * The text and value to hand to the turn runner: the bot's own mention removed, a command title
 * expanded, a card submit read as its choice value by the shared rule of the channel layer.
 */
export function readMessage(activity: TeamsActivity): { text: string; value?: string } {
  const text = commandQuestion(stripBotMention(activity), activity.locale);
  const value = choiceValue(activity.value);
  return value === undefined ? { text } : { text, value };
}

export const teamsChannel = {
  scopeOf,
  isBotMentioned,
  stripBotMention,
  isCardSubmit,
  shouldAnswer,
  readMessage,
  commandQuestion,
  COMMAND_QUESTIONS,
  conversationKey,
  replyAddress,
  shouldWelcome,
  replyParts: teamsReplyParts,
  citationEntity,
  citedText,
  sourceName,
  isFeedbackInvoke,
  parseFeedback,
  summariseFeedback,
  FEEDBACK_INVOKE_RESPONSE,
  limitActions,
  cardProblems,
  ADAPTIVE_CARD_VERSION,
  MAX_CARD_ACTIONS,
} as const;

export type { TeamsActivity, TeamsScope, ChannelAccount, ConversationAccount, Entity } from './activity';
export type { Citation, MessageEntity } from './citations';
export type { FeedbackRecord, FeedbackStore } from './feedback';
export type { AdaptiveCard } from './cards';
export { AnsweredTopics, MemoryFeedbackStore };
