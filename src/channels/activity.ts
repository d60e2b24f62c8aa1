/**
 * The Bot Framework Activity as this assistant reads it: only the fields it uses, validated before any
 * SDK sees the request, so that a malformed body is a 400 from us rather than an exception (or a 500)
 * inside an SDK.
 */
import { z } from 'zod';

const httpUrl = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

const account = z.looseObject({ id: z.string().max(1024), name: z.string().max(1024).optional() });

export const EXPECT_REPLIES = 'expectReplies';

export const activitySchema = z
  .looseObject({
    type: z.string().min(1).max(64),
    id: z.string().max(1024).optional(),
    channelId: z.string().max(256).optional(),
    serviceUrl: httpUrl.optional(),
    deliveryMode: z.string().max(64).optional(),
    locale: z.string().max(64).optional(),
    text: z.string().optional(),
    value: z.unknown().optional(),
    conversation: z.looseObject({
      id: z.string().min(1).max(1024),
      conversationType: z.string().max(64).optional(),
    }),
    from: account.optional(),
    recipient: account.optional(),
    membersAdded: z.array(account).max(1000).optional(),
    entities: z.array(z.unknown()).max(100).optional(),
  })
  // Replies go either into the HTTP response (expectReplies) or to serviceUrl: one of them must exist.
  .refine((a) => a.deliveryMode === EXPECT_REPLIES || a.serviceUrl !== undefined, {
    message: 'serviceUrl is required unless deliveryMode is expectReplies',
    path: ['serviceUrl'],
  });

export type IncomingActivity = z.infer<typeof activitySchema>;

export type ActivityCheck = { ok: true; activity: IncomingActivity } | { ok: false; problem: string };

/** Says whether a parsed JSON body is an activity, and if not, which field is wrong (never its value). */
export function checkActivity(body: unknown): ActivityCheck {
  const parsed = activitySchema.safeParse(body);
  if (parsed.success) return { ok: true, activity: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || '(body)';
  return { ok: false, problem: `${field}: ${issue?.message ?? 'invalid'}` };
}

/** An activity we send: plain JSON, completed by the SDK with the conversation reference. */
export interface OutgoingActivity {
  type: string;
  text?: string;
  textFormat?: 'plain' | 'markdown';
  locale?: string;
  attachments?: Array<{ contentType: string; content: unknown }>;
  suggestedActions?: { to?: string[]; actions: CardAction[] };
  entities?: Array<Record<string, unknown>>;
  inputHint?: string;
  value?: unknown;
  /** channel-specific fields, e.g. Teams' feedbackLoopEnabled */
  channelData?: Record<string, unknown>;
}

export interface CardAction {
  type: 'imBack' | 'messageBack' | 'postBack' | 'openUrl';
  title: string;
  value: unknown;
  text?: string;
  displayText?: string;
}
