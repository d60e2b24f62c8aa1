import { MemoryStorage } from '../../src/conversation/storage';
import { TurnRunner, type StoredConversation } from '../../src/conversation/turnRunner';
import { teamsChannel, type TeamsActivity } from '../../src/channels/teams';
import { FIXED_NOW, testAssistant } from '../support/assistant';
import {
  BOT,
  cardSubmitInChannel,
  channelMessage,
  channelThreadReply,
  groupChatMessage,
  installationUpdate,
  memberAddedToTeam,
  personalInstallUpdate,
  personalMessage,
  teamInstallUpdate,
} from './activities';

describe('Teams: which messages the assistant answers', () => {
  it('answers every message in a personal chat, mention or not', () => {
    expect(teamsChannel.scopeOf(personalMessage())).toBe('personal');
    expect(teamsChannel.shouldAnswer(personalMessage())).toBe(true);
  });

  it('answers a channel message that mentions it', () => {
    expect(teamsChannel.scopeOf(channelMessage())).toBe('channel');
    expect(teamsChannel.shouldAnswer(channelMessage())).toBe(true);
  });

  it('stays silent in a channel when someone else is mentioned', () => {
    const activity = channelMessage('<at>Marie Roy</at> can you check the treaty?');
    activity.entities = [
      { type: 'mention', mentioned: { id: '29:1MarieRoy', name: 'Marie Roy' }, text: '<at>Marie Roy</at>' },
    ];
    expect(teamsChannel.shouldAnswer(activity)).toBe(false);
  });

  it('stays silent in a group chat without a mention, answers with one', () => {
    expect(teamsChannel.scopeOf(groupChatMessage())).toBe('groupChat');
    expect(teamsChannel.shouldAnswer(groupChatMessage('merci tout le monde'))).toBe(false);
    expect(teamsChannel.shouldAnswer(groupChatMessage('<at>IAG Assistant</at> aide'))).toBe(true);
  });

  it('does not take a mention of another app with the same display name for its own', () => {
    const activity = channelMessage();
    activity.entities = [
      {
        type: 'mention',
        mentioned: { id: '28:another-app', name: BOT.name },
        text: '<at>IAG Assistant</at>',
      },
    ];
    expect(teamsChannel.shouldAnswer(activity)).toBe(false);
  });

  it('answers a submit from its own card in a channel, which Teams sends without a mention', () => {
    const submit = cardSubmitInChannel();
    expect(teamsChannel.isCardSubmit(submit)).toBe(true);
    expect(teamsChannel.shouldAnswer(submit)).toBe(true);
    expect(teamsChannel.readMessage(submit)).toEqual({ text: '', value: 'ext.definition' });
  });

  it('never answers events or its own messages', () => {
    expect(teamsChannel.shouldAnswer(personalInstallUpdate())).toBe(false);
    const echo = personalMessage();
    echo.from = BOT;
    expect(teamsChannel.shouldAnswer(echo)).toBe(false);
  });
});

describe('Teams: mention stripping', () => {
  it("removes only the bot's own mention", () => {
    const activity = channelMessage('<at>IAG Assistant</at> ask <at>Marie Roy</at> about provisional arrest');
    activity.entities!.push({
      type: 'mention',
      mentioned: { id: '29:1MarieRoy', name: 'Marie Roy' },
      text: '<at>Marie Roy</at>',
    });
    expect(teamsChannel.stripBotMention(activity)).toBe('ask Marie Roy about provisional arrest');
  });

  it('removes the mention wherever it sits in the sentence', () => {
    expect(teamsChannel.stripBotMention(channelMessage('What is extradition, <at>IAG Assistant</at>?'))).toBe(
      'What is extradition, ?',
    );
    expect(teamsChannel.stripBotMention(channelMessage('hi <at>IAG Assistant</at>'))).toBe('hi');
  });

  it('leaves the text alone when the mention is of a same-named other app', () => {
    const activity = channelMessage('<at>IAG Assistant</at> help');
    activity.entities = [
      {
        type: 'mention',
        mentioned: { id: '28:another-app', name: BOT.name },
        text: '<at>IAG Assistant</at>',
      },
    ];
    expect(teamsChannel.stripBotMention(activity)).toBe('IAG Assistant help');
  });

  it('keeps a personal message as typed', () => {
    expect(teamsChannel.stripBotMention(personalMessage('  Who do I contact   in Canada? '))).toBe(
      'Who do I contact in Canada?',
    );
  });
});

describe('Teams: threads and conversation keys', () => {
  it('replies in the thread of the channel message it answers', () => {
    const activity = channelThreadReply();
    expect(teamsChannel.replyAddress(activity)).toEqual({
      conversationId: activity.conversation!.id,
      replyToId: '1764417720789',
    });
    expect(activity.conversation!.id).toContain(';messageid=1764417660456');
  });

  it('opens a thread when the channel conversation id names none', () => {
    const activity = channelMessage();
    activity.conversation!.id = activity.conversation!.id.split(';')[0]!;
    expect(teamsChannel.replyAddress(activity).conversationId).toBe(
      `${activity.conversation!.id};messageid=${activity.id}`,
    );
  });

  it('keeps two threads of one channel apart, and one thread together', () => {
    const first = channelMessage();
    const other = channelMessage();
    other.id = '1764417999000';
    other.conversation!.id = other.conversation!.id.replace(/messageid=\d+/, 'messageid=1764417999000');
    expect(teamsChannel.conversationKey(first)).not.toBe(teamsChannel.conversationKey(other));
    expect(teamsChannel.conversationKey(channelThreadReply())).toBe(teamsChannel.conversationKey(first));
  });
});

describe('Teams: welcome', () => {
  it('welcomes when installed in a personal chat (conversationUpdate adding the bot)', () => {
    expect(teamsChannel.shouldWelcome(personalInstallUpdate())).toBe(true);
  });

  it('welcomes on installationUpdate "add" in personal scope only', () => {
    expect(teamsChannel.shouldWelcome(installationUpdate('add'))).toBe(true);
    expect(teamsChannel.shouldWelcome(installationUpdate('add-upgrade'))).toBe(false);
    expect(teamsChannel.shouldWelcome(installationUpdate('remove'))).toBe(false);
    expect(teamsChannel.shouldWelcome(installationUpdate('add', 'channel'))).toBe(false);
  });

  it('says nothing when added to a team or when colleagues join it', () => {
    expect(teamsChannel.shouldWelcome(teamInstallUpdate())).toBe(false);
    expect(teamsChannel.shouldWelcome(memberAddedToTeam())).toBe(false);
  });

  it('welcomes once even though Teams sends both install events', async () => {
    const runner = new TurnRunner(testAssistant(), new MemoryStorage<StoredConversation>());
    const events = [installationUpdate('add'), personalInstallUpdate()].filter((a) =>
      teamsChannel.shouldWelcome(a),
    );
    const results = [];
    for (const event of events) {
      results.push(
        await runner.handleConversationStart({
          conversationKey: teamsChannel.conversationKey(event),
          locale: 'en-CA',
          at: FIXED_NOW,
        }),
      );
    }
    expect(events).toHaveLength(2);
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

describe('Teams: what reaches the assistant', () => {
  const runner = new TurnRunner(testAssistant(), new MemoryStorage<StoredConversation>());
  let n = 0;
  const ask = (activity: TeamsActivity) =>
    runner.handleMessage({
      ...teamsChannel.readMessage(activity),
      locale: activity.locale,
      conversationKey: `${teamsChannel.conversationKey(activity)}#${n++}`,
      at: FIXED_NOW,
    });

  it.each([
    ['help', 'help'],
    ['hi', 'greeting'],
    ['hello', 'greeting'],
    ['aide', 'help'],
  ])('"%s" works after an @mention in a channel', async (word, intent) => {
    const result = await ask(channelMessage(`<at>IAG Assistant</at> ${word}`));
    expect(result.outcome).toMatchObject({ route: 'smalltalk', intent });
  });

  it('a submit from its card in a channel thread is answered as the choice it names', async () => {
    const asked = channelMessage('<at>IAG Assistant</at> who do I contact?');
    const key = teamsChannel.conversationKey(asked);
    const question = await runner.handleMessage({
      ...teamsChannel.readMessage(asked),
      conversationKey: key,
      at: FIXED_NOW,
    });
    const police = question.messages
      .flatMap((m) => m.choices ?? [])
      .find((c) => /canadian police/i.test(c.label));
    expect(police).toBeDefined();
    const submit = cardSubmitInChannel(police!.value);
    expect(teamsChannel.shouldAnswer(submit)).toBe(true);
    expect(teamsChannel.conversationKey(submit)).toBe(key);
    const answer = await runner.handleMessage({
      ...teamsChannel.readMessage(submit),
      conversationKey: key,
      at: FIXED_NOW + 1000,
    });
    expect(answer.outcome).toEqual({ route: 'contact', contact: 'iag' });
  });

  it('"aide" in a group chat is answered in French', async () => {
    const result = await ask(groupChatMessage('<at>IAG Assistant</at> aide'));
    expect(result.outcome).toMatchObject({ route: 'smalltalk', intent: 'help' });
    expect(result.locale).toBe('fr');
  });

  it.each([
    ['contact', 'en-CA', ['clarify', 'contact']],
    ['contact', 'fr-CA', ['clarify', 'contact']],
    ['français', 'en-CA', ['smalltalk']],
    ['english', 'fr-CA', ['smalltalk']],
  ])('the manifest command "%s" (%s) does what it says', async (title, locale, routes) => {
    const activity = personalMessage(title);
    activity.locale = locale;
    const result = await ask(activity);
    expect(routes).toContain(result.outcome.route);
    if (result.outcome.route === 'smalltalk') expect(result.outcome.intent).toBe('language');
  });

  it.each([
    ['extradition', 'en-CA', 'ext.definition'],
    ['mutual legal assistance', 'en-CA', 'mla.definition'],
    ['extradition', 'fr-CA', 'ext.definition'],
    ['entraide juridique', 'fr-CA', 'mla.definition'],
  ])('the manifest command "%s" (%s) answers with %s', async (title, locale, topic) => {
    const activity = channelMessage(`<at>IAG Assistant</at> ${title}`);
    activity.locale = locale;
    expect((await ask(activity)).outcome).toMatchObject({ route: 'answer', topic });
  });
});
