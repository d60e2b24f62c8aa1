/**
 * Teams' feedback buttons. A click arrives as an invoke named "message/submitAction" whose value is
 * { actionName: "feedback", actionValue: { reaction: "like" | "dislike", feedback: "<JSON with the
 * typed comment>" } }. Only the reaction, the topic answered, the language and the time are kept: the
 * typed comment may hold names or case details, so it is never read, stored or logged.
 */
import type { TeamsActivity } from './activity';
import { ConflictError, type Storage } from '../../conversation/storage';

export interface FeedbackRecord {
  reaction: 'like' | 'dislike';
  /** the knowledge topic of the answer rated, when known */
  topic?: string;
  locale: 'en' | 'fr';
  /** ISO 8601 */
  at: string;
  channel: 'msteams';
}

/** Where feedback goes for the quality report. */
export interface FeedbackStore {
  record(feedback: FeedbackRecord): Promise<void>;
  list(): Promise<FeedbackRecord[]>;
}

export class MemoryFeedbackStore implements FeedbackStore {
  private readonly records: FeedbackRecord[] = [];

  async record(feedback: FeedbackRecord): Promise<void> {
    this.records.push({ ...feedback });
  }

  async list(): Promise<FeedbackRecord[]> {
    return this.records.map((r) => ({ ...r }));
  }
}

/** The storage key of the feedback log; conversation keys start with "c-", so the two never meet. */
export const FEEDBACK_KEY = 'feedback-teams';
/** The latest clicks kept: enough for a quality report, bounded so the record stays small. */
const FEEDBACK_KEPT = 10_000;
/** Concurrent clicks each retry on top of the other's write, a few times at most. */
const WRITE_ATTEMPTS = 5;

/**
 * Feedback kept in the conversations' storage (memory, or Azure Blob Storage in production), so clicks
 * survive a restart and every instance of the app writes to the same log. Writes carry the eTag they read:
 * two clicks at once both land.
 */
export class StorageFeedbackStore implements FeedbackStore {
  constructor(
    private readonly storage: Storage<FeedbackRecord[]>,
    private readonly kept = FEEDBACK_KEPT,
  ) {}

  async record(feedback: FeedbackRecord): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.storage.read(FEEDBACK_KEY);
      const records = [...(current?.value ?? []), { ...feedback }].slice(-this.kept);
      try {
        await this.storage.write(FEEDBACK_KEY, records, current?.eTag ?? null);
        return;
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= WRITE_ATTEMPTS) throw error;
      }
    }
  }

  async list(): Promise<FeedbackRecord[]> {
    return ((await this.storage.read(FEEDBACK_KEY))?.value ?? []).map((r) => ({ ...r }));
  }
}

/**
 * Teams identifies the rated message only by its activity id (the invoke's replyToId). Hosts note the
 * topic of each answer they send here, so feedback can name the topic without keeping the conversation.
 * Bounded: the oldest entries go first.
 */
export class AnsweredTopics {
  private readonly topics = new Map<string, string>();

  constructor(private readonly capacity = 5000) {}

  remember(activityId: string, topic: string): void {
    this.topics.delete(activityId);
    this.topics.set(activityId, topic);
    if (this.topics.size > this.capacity) this.topics.delete(this.topics.keys().next().value as string);
  }

  topicOf(activityId: string | undefined): string | undefined {
    return activityId === undefined ? undefined : this.topics.get(activityId);
  }
}

export function isFeedbackInvoke(activity: TeamsActivity): boolean {
  return activity.type === 'invoke' && activity.name === 'message/submitAction';
}

/** The HTTP answer Teams expects to a feedback invoke. */
export const FEEDBACK_INVOKE_RESPONSE = { status: 200, body: {} } as const;

/** A feedback record from the invoke, or undefined when the invoke is not a valid feedback click. */
export function parseFeedback(
  activity: TeamsActivity,
  options: { at: number; topicOf?: (activityId: string | undefined) => string | undefined },
): FeedbackRecord | undefined {
  if (!isFeedbackInvoke(activity)) return undefined;
  const value = activity.value as { actionName?: unknown; actionValue?: { reaction?: unknown } } | undefined;
  if (value?.actionName !== 'feedback') return undefined;
  const reaction = value.actionValue?.reaction;
  if (reaction !== 'like' && reaction !== 'dislike') return undefined;
  const topic = options.topicOf?.(activity.replyToId);
  return {
    reaction,
    ...(topic ? { topic } : {}),
    locale: activity.locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en',
    at: new Date(options.at).toISOString(),
    channel: 'msteams',
  };
}

/** Likes and dislikes per topic, for the quality report. */
export function summariseFeedback(
  records: FeedbackRecord[],
): Record<string, { like: number; dislike: number }> {
  const summary: Record<string, { like: number; dislike: number }> = {};
  for (const r of records) {
    const key = r.topic ?? '(unknown)';
    summary[key] ??= { like: 0, dislike: 0 };
    summary[key][r.reaction]++;
  }
  return summary;
}
