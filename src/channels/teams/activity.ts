/**
 * The parts of a Bot Framework Activity that Teams rules read, as plain JSON. Both SDKs' activities fit
 * this shape, so the channel rules never import an SDK.
 */
import type { IncomingActivity } from '../activity';

export interface ChannelAccount {
  id: string;
  name?: string;
  aadObjectId?: string;
  role?: string;
}

export interface ConversationAccount {
  id: string;
  conversationType?: string;
  isGroup?: boolean;
  tenantId?: string;
  name?: string;
}

export interface Entity {
  type: string;
  [key: string]: unknown;
}

export interface TeamsActivity {
  type: string;
  id?: string;
  name?: string;
  text?: string;
  value?: unknown;
  locale?: string;
  timestamp?: string;
  channelId?: string;
  serviceUrl?: string;
  from?: ChannelAccount;
  recipient?: ChannelAccount;
  conversation?: ConversationAccount;
  entities?: Entity[];
  membersAdded?: ChannelAccount[];
  membersRemoved?: ChannelAccount[];
  /** installationUpdate: "add", "remove", "add-upgrade", "remove-upgrade" */
  action?: string;
  replyToId?: string;
  channelData?: Record<string, unknown>;
}

/** Where a Teams conversation happens; Teams names it in conversation.conversationType. */
export type TeamsScope = 'personal' | 'channel' | 'groupChat';

export function scopeOf(activity: TeamsActivity): TeamsScope {
  const type = activity.conversation?.conversationType;
  if (type === 'personal' || type === 'channel' || type === 'groupChat') return type;
  const data = activity.channelData ?? {};
  if (data.channel || data.team) return 'channel';
  return activity.conversation?.isGroup ? 'groupChat' : 'personal';
}

export const TEAMS_CHANNEL_ID = 'msteams';

export function isTeams(activity: { channelId?: string }): boolean {
  return activity.channelId?.toLowerCase() === TEAMS_CHANNEL_ID;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isEntity = (v: unknown): v is Entity => isRecord(v) && typeof v.type === 'string';

const accounts = (v: unknown): ChannelAccount[] | undefined =>
  Array.isArray(v)
    ? v.filter((a): a is ChannelAccount => isRecord(a) && typeof a.id === 'string')
    : undefined;

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The validated activity seen through the Teams shape. The validation keeps unknown fields as
 * `unknown`; only those of the right type are carried over, so a malformed field reads as absent.
 */
export function teamsActivityOf(activity: IncomingActivity): TeamsActivity {
  const conversation = activity.conversation;
  return {
    type: activity.type,
    id: activity.id,
    name: text(activity.name),
    text: activity.text,
    value: activity.value,
    locale: activity.locale,
    channelId: activity.channelId,
    from: activity.from,
    recipient: activity.recipient,
    conversation: {
      id: conversation.id,
      conversationType: conversation.conversationType,
      isGroup: conversation.isGroup === true,
    },
    entities: (activity.entities ?? []).filter(isEntity),
    membersAdded: accounts(activity.membersAdded),
    action: text(activity.action),
    replyToId: text(activity.replyToId),
    channelData: isRecord(activity.channelData) ? activity.channelData : undefined,
  };
}
