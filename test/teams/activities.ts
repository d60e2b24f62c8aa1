/**
 * Activities as Teams sends them (shapes from Teams traffic: ids, channelData, clientInfo entities),
 * anonymised. Each test builds on a fresh copy.
 */
import type { TeamsActivity } from '../../src/channels/teams';

export const BOT = { id: '28:8f1c2d3e-4b5a-4c6d-9e8f-0a1b2c3d4e5f', name: 'IAG Assistant' };
export const USER = {
  id: '29:1Qx7mVb3kLr0pT9eHhZc2',
  name: 'Alex Tremblay',
  aadObjectId: '6b1f0a52-8d3e-4c7a-9f21-3e5d7c9b1a04',
};
const TENANT = { id: '72f988bf-86f1-41af-91ab-2d7cd011db47' };
const CLIENT_INFO = {
  locale: 'en-CA',
  country: 'CA',
  platform: 'Web',
  timezone: 'America/Toronto',
  type: 'clientInfo',
};
const SERVICE_URL = 'https://smba.trafficmanager.net/amer/';
const CHANNEL = '19:5b1c0a5e8f8d4a0e9c6f1b2a3d4e5f60@thread.tacv2';
const TEAM = '19:aa0f3c9b7e2d4c1b8a6e5f4d3c2b1a09@thread.tacv2';

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const personalConversation = {
  conversationType: 'personal',
  tenantId: TENANT.id,
  id: 'a:1Wm2hZk9yRv7uP0oQn5tL3sX8cJ4bG6fD',
};

export const personalMessage = (text = 'What is extradition?'): TeamsActivity =>
  copy({
    text,
    textFormat: 'plain',
    type: 'message',
    timestamp: '2026-11-29T12:00:00.000Z',
    localTimestamp: '2026-11-29T07:00:00.000-05:00',
    id: '1764417600123',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: USER,
    conversation: personalConversation,
    recipient: BOT,
    entities: [CLIENT_INFO],
    channelData: { tenant: TENANT },
    locale: 'en-CA',
  });

export const channelMessage = (text = '<at>IAG Assistant</at> who do I contact?'): TeamsActivity =>
  copy({
    text,
    textFormat: 'plain',
    attachments: [{ contentType: 'text/html', content: `<div><div>${text}</div></div>` }],
    type: 'message',
    timestamp: '2026-11-29T12:01:00.000Z',
    id: '1764417660456',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: USER,
    conversation: {
      isGroup: true,
      conversationType: 'channel',
      tenantId: TENANT.id,
      id: `${CHANNEL};messageid=1764417660456`,
    },
    recipient: BOT,
    entities: [
      { mentioned: { id: BOT.id, name: BOT.name }, text: '<at>IAG Assistant</at>', type: 'mention' },
      CLIENT_INFO,
    ],
    channelData: {
      teamsChannelId: CHANNEL,
      teamsTeamId: TEAM,
      channel: { id: CHANNEL },
      team: { id: TEAM },
      tenant: TENANT,
    },
    locale: 'en-CA',
  });

/** A reply inside an existing thread: the conversation id names the thread's root message. */
export const channelThreadReply = (): TeamsActivity => {
  const activity = channelMessage('<at>IAG Assistant</at> help');
  activity.id = '1764417720789';
  activity.replyToId = '1764417660456';
  return activity;
};

export const groupChatMessage = (text = '<at>IAG Assistant</at> aide'): TeamsActivity =>
  copy({
    text,
    textFormat: 'plain',
    type: 'message',
    timestamp: '2026-11-29T12:02:00.000Z',
    id: '1764417720999',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: USER,
    conversation: {
      isGroup: true,
      conversationType: 'groupChat',
      tenantId: TENANT.id,
      id: '19:c3f1e0d2b4a6489e8d7c6b5a4f3e2d1c@thread.v2',
    },
    recipient: BOT,
    entities: text.includes('<at>IAG Assistant</at>')
      ? [
          { mentioned: { id: BOT.id, name: BOT.name }, text: '<at>IAG Assistant</at>', type: 'mention' },
          { ...CLIENT_INFO, locale: 'fr-CA' },
        ]
      : [{ ...CLIENT_INFO, locale: 'fr-CA' }],
    channelData: { tenant: TENANT },
    locale: 'fr-CA',
  });

/** The bot added to a person's Teams (personal install): Teams sends this conversationUpdate. */
export const personalInstallUpdate = (): TeamsActivity =>
  copy({
    membersAdded: [{ id: BOT.id }],
    type: 'conversationUpdate',
    timestamp: '2026-11-29T11:59:58.000Z',
    id: 'f:4b2c0f1e-9d8a-4a7b-8c6d-5e4f3a2b1c0d',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: { id: USER.id, aadObjectId: USER.aadObjectId },
    conversation: personalConversation,
    recipient: BOT,
    channelData: { tenant: TENANT },
  });

/** The bot added to a team: membersAdded holds the bot, in the team's General channel. */
export const teamInstallUpdate = (): TeamsActivity =>
  copy({
    membersAdded: [{ id: BOT.id }],
    type: 'conversationUpdate',
    timestamp: '2026-11-29T12:10:00.000Z',
    id: 'f:8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: { id: USER.id, aadObjectId: USER.aadObjectId },
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT.id, id: TEAM },
    recipient: BOT,
    channelData: {
      team: { aadGroupId: '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a', name: 'Extradition unit', id: TEAM },
      eventType: 'teamMemberAdded',
      tenant: TENANT,
    },
  });

/** A colleague joins a team where the bot is installed. */
export const memberAddedToTeam = (): TeamsActivity => {
  const activity = teamInstallUpdate();
  activity.membersAdded = [
    { id: '29:1NewColleague0aBcDeFgHiJk', aadObjectId: 'd1c2b3a4-5e6f-4708-9a1b-2c3d4e5f6a7b' },
  ];
  return activity;
};

export const installationUpdate = (
  action = 'add',
  conversationType: 'personal' | 'channel' = 'personal',
): TeamsActivity =>
  copy({
    action,
    type: 'installationUpdate',
    timestamp: '2026-11-29T11:59:57.000Z',
    id: 'f:1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: { id: USER.id, aadObjectId: USER.aadObjectId },
    conversation:
      conversationType === 'personal'
        ? personalConversation
        : { isGroup: true, conversationType: 'channel', tenantId: TENANT.id, id: TEAM },
    recipient: BOT,
    entities: [CLIENT_INFO],
    channelData:
      conversationType === 'personal'
        ? { tenant: TENANT, source: { name: 'message' } }
        : { tenant: TENANT, team: { id: TEAM }, settings: { selectedChannel: { id: TEAM } } },
    locale: 'en-CA',
  });

/** A click on Teams' thumbs-down with a typed comment (which holds personal data on purpose). */
export const feedbackInvoke = (reaction: 'like' | 'dislike' = 'dislike'): TeamsActivity =>
  copy({
    name: 'message/submitAction',
    type: 'invoke',
    timestamp: '2026-11-29T12:05:00.000Z',
    id: 'f:9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: USER,
    conversation: personalConversation,
    recipient: BOT,
    entities: [CLIENT_INFO],
    channelData: { tenant: TENANT, source: { name: 'message' }, legacy: { replyToId: '1:1n3yT8mZ' } },
    replyToId: '1764417601000',
    value: {
      actionName: 'feedback',
      actionValue: {
        reaction,
        feedback: JSON.stringify({
          feedbackText: 'Wrong for my client Jean Dupont, file 2026-QC-4411, tel 514-555-0199',
        }),
      },
    },
    locale: 'en-CA',
  });

/** An Action.Submit from the bot's card in a channel: a message with a value and no text, no mention. */
export const cardSubmitInChannel = (choice = 'ext.definition'): TeamsActivity => {
  const activity = channelMessage('');
  delete activity.text;
  activity.entities = [CLIENT_INFO];
  activity.replyToId = '1764417661000';
  activity.value = { choice };
  return activity;
};
