/**
 * What the assistant does with one activity, whichever SDK delivered it: a message runs a turn of the
 * core and is answered with rendered activities carrying the route entity; the bot joining a conversation
 * is welcomed once; an invoke gets an empty success; every other activity type is acknowledged silently.
 * Teams activities (channelId "msteams") follow Teams' rules from ./teams: answer in channels and group
 * chats only when mentioned, read the text without the bot's own mention, welcome only on a personal
 * install, answers with citations and feedback buttons, and the feedback invoke stored without text.
 * One line per step reaches the log (turn.received, kb.match, reply.sent): lengths, ids, hashed keys, the
 * matched topic, never the text.
 */
import type { Locale } from '../knowledge/loadKnowledge';
import type { Assistant } from '../conversation/assistant';
import { localeOf, type TurnRunner } from '../conversation/turnRunner';
import { AppError } from '../errors';
import type { OutgoingMessage } from '../conversation/render';
import { EXPECT_REPLIES, type IncomingActivity, type OutgoingActivity } from './activity';
import { toChannelInput } from './channelInput';
import { conversationKey, logKey } from './conversationKey';
import { renderActivities, textReply, type RenderOptions } from './renderActivities';
import { isStorageFailure } from './storageGuard';
import { logReplySent, logUnderstood } from './turnLog';
import {
  AnsweredTopics,
  MemoryFeedbackStore,
  teamsChannel,
  type FeedbackStore,
  type TeamsActivity,
} from './teams';
import type { TurnContextLike } from './turnContext';

export interface BotLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface AssistantBotDeps {
  assistant: Assistant;
  runner: TurnRunner;
  logger: BotLogger;
  now: () => number;
  /** a short random reference id for error replies (injected so tests can predict it) */
  referenceId: () => string;
  /** where Teams feedback clicks go for the quality report; in memory when not given */
  feedback?: FeedbackStore;
  /** the topics of answers sent in Teams, so a feedback click can name the topic it rates */
  answered?: AnsweredTopics;
}

/** The ids a channel gave the activities just sent, in order (both SDKs return ResourceResponse[]). */
function sentIds(responses: unknown): Array<string | undefined> {
  if (!Array.isArray(responses)) return [];
  return responses.map((r: unknown) => {
    const id = r && typeof r === 'object' ? (r as { id?: unknown }).id : undefined;
    return typeof id === 'string' && id ? id : undefined;
  });
}

export class AssistantBot {
  private readonly feedback: FeedbackStore;
  private readonly answered: AnsweredTopics;

  constructor(private readonly deps: AssistantBotDeps) {
    this.feedback = deps.feedback ?? new MemoryFeedbackStore();
    this.answered = deps.answered ?? new AnsweredTopics();
  }

  async onTurn(context: TurnContextLike): Promise<void> {
    const activity = context.activity;
    const teams = teamsChannel.isTeams(activity) ? teamsChannel.activityOf(activity) : undefined;
    switch (activity.type) {
      case 'message':
        return this.onMessage(context, activity, teams);
      case 'conversationUpdate':
        return this.onConversationUpdate(context, activity, teams);
      case 'invoke':
        if (teams && teamsChannel.isFeedbackInvoke(teams)) return this.onFeedback(context, teams);
        // Nothing else here uses invokes (cards submit messages); answer them so no channel sees a 501.
        await context.sendActivities([{ type: 'invokeResponse', value: { status: 200, body: {} } }]);
        return;
      default:
        // Teams announces a personal install with this as well as with a conversationUpdate.
        if (teams && activity.type === 'installationUpdate') {
          return this.onConversationUpdate(context, activity, teams);
        }
        this.deps.logger.info(
          { event: 'activity.ignored', activityType: activity.type.slice(0, 64) },
          'activity type not handled',
        );
    }
  }

  private sourcesLabel(locale: Locale): string {
    return this.deps.assistant.renderer.line(locale, 'answer.sources');
  }

  private render(
    teams: TeamsActivity | undefined,
    messages: OutgoingMessage[],
    options: Omit<RenderOptions, 'channelId' | 'sourcesLabel'>,
    channelId: string | undefined,
  ): OutgoingActivity[] {
    const full = { ...options, sourcesLabel: this.sourcesLabel(options.locale) };
    return teams ? teamsChannel.render(messages, full) : renderActivities(messages, { ...full, channelId });
  }

  private async onMessage(
    context: TurnContextLike,
    activity: IncomingActivity,
    teams: TeamsActivity | undefined,
  ): Promise<void> {
    if (teams && !teamsChannel.shouldAnswer(teams)) {
      // In a channel or group chat a message that does not mention the bot is not for it.
      this.deps.logger.info(
        { event: 'activity.ignored', activityType: 'message', reason: 'not-addressed' },
        'message not addressed to the assistant',
      );
      return;
    }
    const at = this.deps.now();
    const input = teams ? teamsChannel.channelInput(teams, at) : toChannelInput(activity, at);
    const conv = logKey(input.conversationKey);
    this.deps.logger.info(
      {
        event: 'turn.received',
        conv,
        channel: activity.channelId,
        ...(teams ? { scope: teamsChannel.scopeOf(teams) } : {}),
        textLength: input.text.length,
        hasValue: input.value !== undefined,
        locale: input.locale,
        expectReplies: activity.deliveryMode === EXPECT_REPLIES,
      },
      'turn received',
    );
    // With normal delivery the user sees this while the turn runs; buffered replies would make it pointless.
    if (activity.deliveryMode !== EXPECT_REPLIES) await context.sendActivities([{ type: 'typing' }]);
    const started = this.deps.now();
    const result = await this.deps.runner.handleMessage(input);
    logUnderstood(this.deps.logger, conv, result, this.deps.now() - started);
    const replies = this.render(
      teams,
      result.messages,
      { locale: result.locale, outcome: result.outcome },
      activity.channelId,
    );
    if (replies.length) {
      const sent = await context.sendActivities(replies);
      if (teams) this.rememberAnswers(result.messages, sentIds(sent), result.outcome.topic);
    }
    logReplySent(this.deps.logger, conv, result, replies.length);
  }

  /** Teams names the message a feedback click rates only by the id it gave the message when sent. */
  private rememberAnswers(
    messages: OutgoingMessage[],
    ids: Array<string | undefined>,
    topic: string | undefined,
  ): void {
    if (!topic) return;
    messages.forEach((message, i) => {
      const id = ids[i];
      if (message.kind === 'answer' && id) this.answered.remember(id, topic);
    });
  }

  private async onConversationUpdate(
    context: TurnContextLike,
    activity: IncomingActivity,
    teams: TeamsActivity | undefined,
  ): Promise<void> {
    if (teams ? !teamsChannel.shouldWelcome(teams) : !this.botAdded(activity)) return;
    const key = teams
      ? teamsChannel.conversationKey(teams)
      : conversationKey(activity.channelId, activity.conversation.id);
    const result = await this.deps.runner.handleConversationStart({
      conversationKey: key,
      locale: activity.locale,
      at: this.deps.now(),
    });
    if (!result) return;
    const replies = this.render(teams, result.messages, { locale: result.locale }, activity.channelId);
    if (replies.length) await context.sendActivities(replies);
    this.deps.logger.info(
      { event: 'welcome.sent', conv: logKey(key), locale: result.locale },
      'welcome sent',
    );
  }

  private botAdded(activity: IncomingActivity): boolean {
    const botId = activity.recipient?.id;
    return botId !== undefined && (activity.membersAdded ?? []).some((m) => m.id === botId);
  }

  /**
   * A click on Teams' thumbs up or down: the reaction, the topic of the rated answer, the language and
   * the time are stored; the typed comment is never read. Teams shows an error unless the invoke is
   * answered 200, so a storage failure is logged and the click still acknowledged.
   */
  private async onFeedback(context: TurnContextLike, activity: TeamsActivity): Promise<void> {
    const record = teamsChannel.parseFeedback(activity, {
      at: this.deps.now(),
      topicOf: (id) => this.answered.topicOf(id),
    });
    if (!record) {
      this.deps.logger.info({ event: 'feedback.ignored' }, 'not a feedback click');
    } else {
      try {
        await this.feedback.record(record);
        this.deps.logger.info(
          {
            event: 'feedback.recorded',
            reaction: record.reaction,
            topic: record.topic,
            locale: record.locale,
          },
          'feedback recorded',
        );
      } catch (error) {
        this.deps.logger.error({ event: 'feedback.failed', err: error }, 'feedback not stored');
      }
    }
    await context.sendActivities([{ type: 'invokeResponse', value: teamsChannel.FEEDBACK_INVOKE_RESPONSE }]);
  }

  /**
   * The error boundary every host wraps around onTurn: log with a reference id and a stable code, tell
   * the user in both languages with that id, never a stack trace. A failure to send even that is logged.
   */
  async onTurnError(context: TurnContextLike, error: unknown): Promise<void> {
    const reference = this.deps.referenceId();
    const activity = context.activity;
    const storage = isStorageFailure(error);
    const code =
      error instanceof AppError ? error.code : storage ? 'IAG_E_STORAGE_UNAVAILABLE' : 'IAG_E_TURN_FAILED';
    this.deps.logger.error(
      {
        event: 'turn.error',
        reference,
        code,
        conv: logKey(conversationKey(activity.channelId, activity.conversation.id)),
        activityType: activity.type.slice(0, 64),
        err: error,
        cause: error instanceof Error ? error.cause : undefined,
      },
      'turn failed',
    );
    if (activity.type !== 'message' && activity.type !== 'conversationUpdate') return;
    const locale = localeOf(activity.locale) ?? 'en';
    const other: Locale = locale === 'en' ? 'fr' : 'en';
    const id = storage ? 'error.storage' : 'error.generic';
    const line = (l: Locale) => this.deps.assistant.renderer.line(l, id, { reference });
    try {
      await context.sendActivities([
        textReply(`${line(locale)}\n\n${line(other)}`, locale, { route: 'fallback' }),
      ]);
    } catch (sendError) {
      this.deps.logger.error(
        { event: 'reply.failed', reference, err: sendError },
        'could not send the error reply',
      );
    }
  }
}

/** Short, unambiguous reference ids users can read out over the phone. */
export function referenceIdFrom(randomBytes: (size: number) => Uint8Array): () => string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  return () => Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join('');
}
