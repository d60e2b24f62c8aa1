/**
 * Microsoft Teams rules, as pure functions on plain Activity JSON (no SDK). AssistantBot
 * (src/channels/assistantBot.ts) applies them to every activity whose channelId is "msteams":
 *
 *   const activity = teamsChannel.activityOf(context.activity);
 *   // invoke "message/submitAction" (the feedback buttons)
 *   const record = teamsChannel.parseFeedback(activity, { at, topicOf: (id) => answered.topicOf(id) });
 *   if (record) await feedbackStore.record(record);           // no user id, never the typed comment
 *   // answer with teamsChannel.FEEDBACK_INVOKE_RESPONSE        // { status: 200, body: {} }
 *
 *   // conversationUpdate / installationUpdate
 *   if (teamsChannel.shouldWelcome(activity)) runner.handleConversationStart(...) // personal, once
 *
 *   // message
 *   if (!teamsChannel.shouldAnswer(activity)) return;          // channel/group chat without @mention
 *   const input = teamsChannel.channelInput(activity, at);     // own @mention stripped, thread key
 *   const result = await runner.handleMessage(input);
 *   const replies = teamsChannel.render(result.messages, { locale, outcome, sourcesLabel });
 *   // the SDK addresses replies to the incoming conversation id, which names the channel thread
 *   // then, for each answer sent: answered.remember(sentActivityId, result.outcome.topic)
 *
 * | member                     | what                                                                      |
 * | -------------------------- | ------------------------------------------------------------------------- |
 * | isTeams(a) / activityOf(a) | channelId "msteams"; the validated activity in the Teams shape            |
 * | scopeOf(a)                 | 'personal' / 'channel' / 'groupChat'                                      |
 * | isBotMentioned(a)          | a mention entity names the recipient (the bot) by id                      |
 * | stripBotMention(a)         | text without the bot's own <at>…</at>; other mentions kept as plain names |
 * | shouldAnswer(a)            | personal: always; channel/group chat: when mentioned or own card submit   |
 * | readMessage(a)             | { text, value } ready for TurnRunner.handleMessage                        |
 * | channelInput(a, at)        | the whole ChannelInput: readMessage, cleaned, with the conversation key   |
 * | conversationKey(a)         | hashed storage key: one per personal chat, group chat or channel thread   |
 * | replyAddress(a)            | { conversationId, replyToId } keeping channel replies in the thread       |
 * | shouldWelcome(a)           | conversationUpdate adding the bot, or installationUpdate "add"; personal  |
 * | render(messages, options)  | activities: answers as text with citations and feedback, cards limited    |
 * | replyParts(msg, locale)    | { text with [n] markers, entities: [schema.org/Message citations],        |
 * |                            |   channelData: { feedbackLoopEnabled: true } on answers }                 |
 * | parseFeedback(a, opts)     | FeedbackRecord { reaction, topic?, locale, at, channel } or undefined     |
 * | MemoryFeedbackStore        | FeedbackStore port in memory; AnsweredTopics maps sent ids to topics      |
 * | StorageFeedbackStore       | FeedbackStore on the Storage port (blob in production), eTag-safe         |
 * | limitActions / cardProblems| Adaptive Card version and six-action limit                                |
 */
import type { ChannelInput } from '../../conversation/turnRunner';
import { choiceValue, cleanText } from '../channelInput';
import { isTeams, scopeOf, teamsActivityOf, type TeamsActivity } from './activity';
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
  StorageFeedbackStore,
  summariseFeedback,
} from './feedback';
import { isBotMentioned, isCardSubmit, shouldAnswer, stripBotMention } from './mentions';
import { renderTeamsActivities } from './replies';

/**
 * The text and value to hand to the turn runner: the bot's own mention removed, a command title
 * expanded, a card submit read as its choice value by the shared rule of the channel layer.
 */
export function readMessage(activity: TeamsActivity): { text: string; value?: string } {
  const text = commandQuestion(stripBotMention(activity), activity.locale);
  const value = choiceValue(activity.value);
  return value === undefined ? { text } : { text, value };
}

/** What the turn runner gets from a Teams message: readMessage, cleaned like any channel's text. */
export function channelInput(activity: TeamsActivity, at: number): ChannelInput {
  const { text, value } = readMessage(activity);
  return {
    text: cleanText(text),
    ...(value === undefined ? {} : { value }),
    ...(activity.locale ? { locale: activity.locale } : {}),
    conversationKey: conversationKey(activity),
    at,
  };
}

export const teamsChannel = {
  isTeams,
  activityOf: teamsActivityOf,
  scopeOf,
  isBotMentioned,
  stripBotMention,
  isCardSubmit,
  shouldAnswer,
  readMessage,
  channelInput,
  commandQuestion,
  COMMAND_QUESTIONS,
  conversationKey,
  replyAddress,
  shouldWelcome,
  render: renderTeamsActivities,
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
export { AnsweredTopics, MemoryFeedbackStore, StorageFeedbackStore };
