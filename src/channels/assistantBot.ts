/**
 * What the assistant does with one activity, whichever SDK delivered it: a message runs a turn of the
 * core and is answered with rendered activities carrying the route entity; the bot joining a conversation
 * is welcomed once; an invoke gets an empty success; every other activity type is acknowledged silently.
 * One line per step reaches the log (turn.received, kb.match, reply.sent): lengths, ids, hashed keys, the
 * matched topic, never the text.
 */
import type { Locale } from '../knowledge/loadKnowledge';
import type { Assistant } from '../conversation/assistant';
import { localeOf, type TurnRunner } from '../conversation/turnRunner';
import { AppError } from '../errors';
import { EXPECT_REPLIES, type IncomingActivity } from './activity';
import { toChannelInput } from './channelInput';
import { conversationKey, logKey } from './conversationKey';
import { renderActivities, textReply } from './renderActivities';
import { isStorageFailure } from './storageGuard';
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
}

export class AssistantBot {
  constructor(private readonly deps: AssistantBotDeps) {}

  async onTurn(context: TurnContextLike): Promise<void> {
    const activity = context.activity;
    switch (activity.type) {
      case 'message':
        return this.onMessage(context, activity);
      case 'conversationUpdate':
        return this.onConversationUpdate(context, activity);
      case 'invoke':
        // Nothing here uses invokes (cards submit messages); answer them so no channel sees a 501.
        await context.sendActivities([{ type: 'invokeResponse', value: { status: 200, body: {} } }]);
        return;
      default:
        this.deps.logger.info(
          { event: 'activity.ignored', activityType: activity.type.slice(0, 64) },
          'activity type not handled',
        );
    }
  }

  private sourcesLabel(locale: Locale): string {
    return this.deps.assistant.renderer.line(locale, 'answer.sources');
  }

  private async onMessage(context: TurnContextLike, activity: IncomingActivity): Promise<void> {
    const input = toChannelInput(activity, this.deps.now());
    const conv = logKey(input.conversationKey);
    this.deps.logger.info(
      {
        event: 'turn.received',
        conv,
        channel: activity.channelId,
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
    this.deps.logger.info(
      {
        event: 'kb.match',
        conv,
        matchKind: result.trace.matchKind,
        topic: result.trace.matchedTopic,
        personalData: result.trace.personalData,
        route: result.outcome.route,
        ms: this.deps.now() - started,
      },
      'understood',
    );
    const replies = renderActivities(result.messages, {
      channelId: activity.channelId,
      locale: result.locale,
      outcome: result.outcome,
      sourcesLabel: this.sourcesLabel(result.locale),
    });
    if (replies.length) await context.sendActivities(replies);
    this.deps.logger.info(
      {
        event: 'reply.sent',
        conv,
        route: result.outcome.route,
        topic: result.outcome.topic,
        contact: result.outcome.contact,
        intent: result.outcome.intent,
        locale: result.locale,
        activities: replies.length,
        replyLength: result.messages.reduce((n, m) => n + m.text.length, 0),
      },
      'reply sent',
    );
  }

  private async onConversationUpdate(context: TurnContextLike, activity: IncomingActivity): Promise<void> {
    const botId = activity.recipient?.id;
    const botAdded = botId !== undefined && (activity.membersAdded ?? []).some((m) => m.id === botId);
    if (!botAdded) return;
    const key = conversationKey(activity.channelId, activity.conversation.id);
    const result = await this.deps.runner.handleConversationStart({
      conversationKey: key,
      locale: activity.locale,
      at: this.deps.now(),
    });
    if (!result) return;
    const replies = renderActivities(result.messages, {
      channelId: activity.channelId,
      locale: result.locale,
      sourcesLabel: this.sourcesLabel(result.locale),
    });
    if (replies.length) await context.sendActivities(replies);
    this.deps.logger.info(
      { event: 'welcome.sent', conv: logKey(key), locale: result.locale },
      'welcome sent',
    );
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
