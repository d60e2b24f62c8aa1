/**
 * The parts of a Bot Framework Activity that Teams rules read, as plain JSON. Both SDKs' activities fit
 * this shape, so the channel rules never import an SDK.
 */
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
