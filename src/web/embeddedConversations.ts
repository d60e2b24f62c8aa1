/**
 * The widget's own channel (no Azure): the server opens a conversation, issues its ids and an
 * unguessable token, and runs each message through the turn runner in-process. Replies are rendered by
 * the same channel code as the Bot Framework endpoint (Adaptive Cards for Web Chat, the route entity).
 *
 * Nothing the browser says about identity is trusted: the conversation, the user and every activity id
 * and timestamp come from here. Timestamps are strictly increasing per conversation, which Web Chat
 * needs to keep the transcript in order.
 */
import type { Locale } from '../knowledge/loadKnowledge';
import type { Assistant } from '../conversation/assistant';
import { localeOf, type TurnRunner } from '../conversation/turnRunner';
import type { OutgoingActivity } from '../channels/activity';
import { cleanText, choiceValue } from '../channels/channelInput';
import { conversationKey, logKey } from '../channels/conversationKey';
import { renderActivities, textReply } from '../channels/renderActivities';
import { isStorageFailure } from '../channels/storageGuard';
import { logReplySent, logUnderstood } from '../channels/turnLog';

export const WEBCHAT_CHANNEL = 'webchat';
export const BOT_ACCOUNT = { id: 'iag-assistant', name: 'IAG', role: 'bot' } as const;

export interface WebLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface EmbeddedDeps {
  assistant: Assistant;
  runner: TurnRunner;
  logger: WebLogger;
  now: () => number;
  /** url-safe random text of about `bytes` bytes of entropy */
  randomId: (bytes: number) => string;
  referenceId: () => string;
  /** conversations idle longer than this are forgotten (their token stops working) */
  idleMs?: number;
  maxConversations?: number;
}

export interface WebActivity extends OutgoingActivity {
  id: string;
  timestamp: string;
  from: { id: string; name?: string; role: 'bot' | 'user' };
  conversation: { id: string };
  channelId: typeof WEBCHAT_CHANNEL;
  replyToId?: string;
}

interface Session {
  conversationId: string;
  userId: string;
  key: string;
  lastTimestamp: number;
  lastSeen: number;
  sequence: number;
  /** turns of one conversation run one after the other */
  queue: Promise<unknown>;
}

export interface StartResult {
  token: string;
  conversationId: string;
  userId: string;
  activities: WebActivity[];
}

export interface PostResult {
  /** the id and timestamp the server gave the user's activity: Web Chat shows it as sent */
  id: string;
  timestamp: string;
  activities: WebActivity[];
}

export const DEFAULT_IDLE_MS = 2 * 60 * 60 * 1000;

export class EmbeddedConversations {
  private readonly sessions = new Map<string, Session>();
  private readonly idleMs: number;
  private readonly maxConversations: number;

  constructor(private readonly deps: EmbeddedDeps) {
    this.idleMs = deps.idleMs ?? DEFAULT_IDLE_MS;
    this.maxConversations = deps.maxConversations ?? 10_000;
  }

  /** The conversation a token opens, or undefined (unknown or expired). */
  private session(token: string): Session | undefined {
    const session = this.sessions.get(token);
    if (!session) return undefined;
    if (this.deps.now() - session.lastSeen > this.idleMs) {
      this.sessions.delete(token);
      return undefined;
    }
    return session;
  }

  has(token: string): boolean {
    return this.session(token) !== undefined;
  }

  private stamp(session: Session): { id: string; timestamp: string } {
    const at = Math.max(this.deps.now(), session.lastTimestamp + 1);
    session.lastTimestamp = at;
    session.sequence += 1;
    return {
      id: `${session.conversationId}|${String(session.sequence).padStart(7, '0')}`,
      timestamp: new Date(at).toISOString(),
    };
  }

  private fromBot(session: Session, activities: OutgoingActivity[], replyToId?: string): WebActivity[] {
    return activities.map((activity) => ({
      ...activity,
      ...this.stamp(session),
      from: { ...BOT_ACCOUNT },
      conversation: { id: session.conversationId },
      channelId: WEBCHAT_CHANNEL,
      ...(replyToId ? { replyToId } : {}),
    }));
  }

  private sourcesLabel(locale: Locale): string {
    return this.deps.assistant.renderer.line(locale, 'answer.sources');
  }

  private forgetIdle(): void {
    const now = this.deps.now();
    for (const [token, session] of this.sessions) {
      if (now - session.lastSeen <= this.idleMs && this.sessions.size < this.maxConversations) break;
      this.sessions.delete(token);
    }
  }

  /** Opens a conversation and welcomes the user in the page's language. */
  async start(pageLocale: string | undefined): Promise<StartResult> {
    this.forgetIdle();
    const token = this.deps.randomId(32);
    const conversationId = `w-${this.deps.randomId(16)}`;
    const session: Session = {
      conversationId,
      userId: `u-${this.deps.randomId(12)}`,
      key: conversationKey(WEBCHAT_CHANNEL, conversationId),
      lastTimestamp: 0,
      lastSeen: this.deps.now(),
      sequence: 0,
      queue: Promise.resolve(),
    };
    this.sessions.set(token, session);
    const locale = localeOf(pageLocale) ?? 'en';
    const result = await this.deps.runner.handleConversationStart({
      conversationKey: session.key,
      locale,
      at: this.deps.now(),
    });
    const replies = result
      ? renderActivities(result.messages, {
          channelId: WEBCHAT_CHANNEL,
          locale: result.locale,
          sourcesLabel: this.sourcesLabel(result.locale),
        })
      : [];
    this.deps.logger.info({ event: 'welcome.sent', conv: logKey(session.key), locale }, 'welcome sent');
    return {
      token,
      conversationId,
      userId: session.userId,
      activities: this.fromBot(session, replies),
    };
  }

  /** One user message (typed text or a card button's value); undefined when the token is not valid. */
  post(
    token: string,
    message: { text?: unknown; value?: unknown; locale?: unknown },
  ): Promise<PostResult> | undefined {
    const session = this.session(token);
    if (!session) return undefined;
    session.lastSeen = this.deps.now();
    const run = session.queue.then(() => this.turn(session, message));
    session.queue = run.catch(() => undefined);
    return run;
  }

  private async turn(
    session: Session,
    message: { text?: unknown; value?: unknown; locale?: unknown },
  ): Promise<PostResult> {
    const stamp = this.stamp(session);
    const conv = logKey(session.key);
    const text = cleanText(typeof message.text === 'string' ? message.text : undefined);
    const value = choiceValue(message.value);
    const locale = typeof message.locale === 'string' ? message.locale.slice(0, 64) : undefined;
    this.deps.logger.info(
      {
        event: 'turn.received',
        conv,
        channel: WEBCHAT_CHANNEL,
        textLength: text.length,
        hasValue: value !== undefined,
        locale,
      },
      'turn received',
    );
    const started = this.deps.now();
    let replies: OutgoingActivity[];
    try {
      const result = await this.deps.runner.handleMessage({
        text,
        ...(value ? { value } : {}),
        ...(locale ? { locale } : {}),
        conversationKey: session.key,
        at: this.deps.now(),
      });
      logUnderstood(this.deps.logger, conv, result, this.deps.now() - started);
      replies = renderActivities(result.messages, {
        channelId: WEBCHAT_CHANNEL,
        locale: result.locale,
        outcome: result.outcome,
        sourcesLabel: this.sourcesLabel(result.locale),
      });
      logReplySent(this.deps.logger, conv, result, replies.length);
    } catch (error) {
      replies = [this.errorReply(error, conv, locale)];
    }
    return { ...stamp, activities: this.fromBot(session, replies, stamp.id) };
  }

  /** The same boundary as the Bot Framework endpoint: a reference id in both languages, never a stack. */
  private errorReply(error: unknown, conv: string, localeTag: string | undefined): OutgoingActivity {
    const reference = this.deps.referenceId();
    const storage = isStorageFailure(error);
    this.deps.logger.error(
      {
        event: 'turn.error',
        reference,
        code: storage ? 'IAG_E_STORAGE_UNAVAILABLE' : 'IAG_E_TURN_FAILED',
        conv,
        err: error,
      },
      'turn failed',
    );
    const locale = localeOf(localeTag) ?? 'en';
    const other: Locale = locale === 'en' ? 'fr' : 'en';
    const id = storage ? 'error.storage' : 'error.generic';
    const line = (l: Locale) => this.deps.assistant.renderer.line(l, id, { reference });
    return textReply(`${line(locale)}\n\n${line(other)}`, locale, { route: 'fallback' });
  }
}
