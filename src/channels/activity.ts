/**
 * The Bot Framework Activity as this assistant reads it, validated before any SDK sees the request, so
 * that a malformed body is a 400 from us rather than an exception (or a 500) inside an SDK.
 *
 * Every field the Agents SDK checks (`activityZodSchema` of @microsoft/agents-activity 1.8) is checked
 * here by the same rule, whichever host runs: what one SDK refuses, both hosts refuse with a 400. The
 * SDK's rules are mostly "a string, never empty" and "an object with a `type`". On top of them: sizes,
 * http(s) service URLs, and the accounts a reply is addressed with.
 */
import { z } from 'zod';

/** The SDK refuses an empty string wherever it expects one, except in `text` and account names. */
const nonEmpty = (max = 1024) => z.string().min(1).max(max);
/** Dates arrive as ISO strings; the SDK converts them and refuses only an empty one. */
const timestamp = nonEmpty(64);

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

const account = z.looseObject({
  id: nonEmpty(),
  name: z.string().max(1024).optional(),
  aadObjectId: nonEmpty().optional(),
  tenantId: nonEmpty().optional(),
  agenticUserId: nonEmpty().optional(),
  agenticAppId: nonEmpty().optional(),
  agenticAppBlueprintId: nonEmpty().optional(),
  role: nonEmpty(64).optional(),
});

const conversationAccount = z.looseObject({
  id: nonEmpty(),
  isGroup: z.boolean().optional(),
  conversationType: nonEmpty(64).optional(),
  tenantId: nonEmpty().optional(),
  name: nonEmpty().optional(),
  aadObjectId: nonEmpty().optional(),
  role: nonEmpty(64).optional(),
});

const entity = z.looseObject({ type: nonEmpty(256) });

const attachment = z.looseObject({
  contentType: nonEmpty(256),
  contentUrl: nonEmpty(8192).optional(),
  content: z.unknown().optional(),
  name: nonEmpty().optional(),
  thumbnailUrl: nonEmpty(8192).optional(),
});

const cardAction = z.looseObject({
  type: nonEmpty(64),
  title: nonEmpty(),
  image: nonEmpty(8192).optional(),
  text: nonEmpty().optional(),
  displayText: nonEmpty().optional(),
  value: z.unknown().optional(),
  imageAltText: nonEmpty().optional(),
});

/** A reply's reference to what it answers; on the wire the bot's account is `bot`, in the SDK `agent`. */
const conversationReference = z.looseObject({
  activityId: nonEmpty().optional(),
  user: account.optional(),
  locale: nonEmpty(64).optional(),
  agent: account.nullable().optional(),
  bot: account.nullable().optional(),
  conversation: conversationAccount,
  channelId: nonEmpty(256),
  serviceUrl: nonEmpty(2048).optional(),
});

const reaction = z.looseObject({ type: nonEmpty(64) });

export const EXPECT_REPLIES = 'expectReplies';

/** Activities that are answered: a reply needs the conversation, the sender and the bot's own account. */
const ADDRESSED_TYPES = new Set(['message', 'conversationUpdate']);

export const activitySchema = z
  .looseObject({
    type: nonEmpty(64),
    id: nonEmpty().optional(),
    channelId: nonEmpty(256).optional(),
    serviceUrl: httpUrl.optional(),
    deliveryMode: nonEmpty(64).optional(),
    locale: nonEmpty(64).optional(),
    text: z.string().optional(),
    value: z.unknown().optional(),
    conversation: conversationAccount,
    from: account.optional(),
    recipient: account.optional(),
    membersAdded: z.array(account).max(1000).optional(),
    membersRemoved: z.array(account).max(1000).optional(),
    reactionsAdded: z.array(reaction).max(100).optional(),
    reactionsRemoved: z.array(reaction).max(100).optional(),
    entities: z.array(entity).max(100).optional(),
    attachments: z.array(attachment).max(100).optional(),
    suggestedActions: z
      .looseObject({ to: z.array(nonEmpty()).max(100), actions: z.array(cardAction).max(100) })
      .optional(),
    relatesTo: conversationReference.optional(),
    semanticAction: z
      .looseObject({
        id: nonEmpty(),
        state: nonEmpty(64),
        entities: z.record(z.string(), entity),
      })
      .optional(),
    textHighlights: z
      .array(z.looseObject({ text: nonEmpty(), occurrence: z.number() }))
      .max(100)
      .optional(),
    listenFor: z.array(nonEmpty()).max(1000).optional(),
    historyDisclosed: z.boolean().optional(),
    timestamp: timestamp.optional(),
    localTimestamp: timestamp.optional(),
    expiration: timestamp.optional(),
    localTimezone: nonEmpty(256).optional(),
    callerId: nonEmpty().optional(),
    textFormat: nonEmpty(64).optional(),
    attachmentLayout: nonEmpty(64).optional(),
    topicName: nonEmpty().optional(),
    speak: nonEmpty(64 * 1024).optional(),
    inputHint: nonEmpty(64).optional(),
    summary: nonEmpty(64 * 1024).optional(),
    action: nonEmpty().optional(),
    replyToId: nonEmpty().optional(),
    label: nonEmpty().optional(),
    valueType: nonEmpty().optional(),
    name: nonEmpty().optional(),
    code: nonEmpty(256).optional(),
    importance: nonEmpty(64).optional(),
  })
  .superRefine((a, ctx) => {
    if (ADDRESSED_TYPES.has(a.type)) {
      for (const field of ['from', 'recipient'] as const) {
        if (a[field] === undefined)
          ctx.addIssue({ code: 'custom', message: `required for a ${a.type}`, path: [field] });
      }
    }
    // Replies go either into the HTTP response (expectReplies) or to serviceUrl: one of them must exist.
    if (a.deliveryMode !== EXPECT_REPLIES && a.serviceUrl === undefined)
      ctx.addIssue({
        code: 'custom',
        message: 'serviceUrl is required unless deliveryMode is expectReplies',
        path: ['serviceUrl'],
      });
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
