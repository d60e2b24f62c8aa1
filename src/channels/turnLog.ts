/**
 * The log lines every channel writes for a turn, in one place so that the Bot Framework endpoint and the
 * website write the same fields: lengths, ids and matched topics, never the text.
 */
import type { TurnResult } from '../conversation/assistant';

export interface TurnLogger {
  info(fields: Record<string, unknown>, message: string): void;
}

export function logUnderstood(logger: TurnLogger, conv: string, result: TurnResult, ms: number): void {
  logger.info(
    {
      event: 'kb.match',
      conv,
      matchKind: result.trace.matchKind,
      topic: result.trace.matchedTopic,
      personalData: result.trace.personalData,
      route: result.outcome.route,
      ms,
    },
    'understood',
  );
}

export function logReplySent(logger: TurnLogger, conv: string, result: TurnResult, activities: number): void {
  logger.info(
    {
      event: 'reply.sent',
      conv,
      route: result.outcome.route,
      topic: result.outcome.topic,
      contact: result.outcome.contact,
      intent: result.outcome.intent,
      locale: result.locale,
      activities,
      replyLength: result.messages.reduce((n, m) => n + m.text.length, 0),
    },
    'reply sent',
  );
}
