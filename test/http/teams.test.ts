/**
 * Teams end to end: real Teams activity shapes (test/teams/activities.ts) POSTed to /api/messages of
 * each host, replies received by the fake Bot Framework connector (normal delivery, as Teams uses) or
 * in the response body (expectReplies).
 */
import { MemoryFeedbackStore, teamsChannel, type TeamsActivity } from '../../src/channels/teams';
import type { BotSdk } from '../../src/hosts';
import { MemoryStorage } from '../../src/conversation/storage';
import { TurnRunner, type StoredConversation } from '../../src/conversation/turnRunner';
import { FIXED_NOW, testAssistant } from '../support/assistant';
import {
  BOT,
  cardSubmitInChannel,
  channelMessage,
  channelThreadReply,
  feedbackInvoke,
  groupChatMessage,
  installationUpdate,
  memberAddedToTeam,
  personalInstallUpdate,
  personalMessage,
  teamInstallUpdate,
} from '../teams/activities';
import {
  activitiesOf,
  post,
  routeOf,
  SDKS,
  startApp,
  startConnector,
  warmUp,
  type FakeConnector,
  type Json,
  type RunningApp,
} from './support';

beforeAll(warmUp, 120_000);

type TeamsApp = RunningApp & { feedback: MemoryFeedbackStore };

/** The server as main.ts composes it, with a feedback store the tests can read. */
async function startTeamsApp(sdk: BotSdk): Promise<TeamsApp> {
  const feedback = new MemoryFeedbackStore();
  return { ...(await startApp(sdk, { feedback })), feedback };
}

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const CITATION = 'https://schema.org/Message';

const entitiesOf = (activity: Json): Json[] => (activity.entities as Json[] | undefined) ?? [];
const citationOf = (activity: Json): Json | undefined =>
  entitiesOf(activity).find((e) => e.type === CITATION);
const citedUrls = (activity: Json): string[] =>
  ((citationOf(activity)?.citation as Json[] | undefined) ?? []).map((c) =>
    String((c.appearance as Json).url),
  );
const cardsOf = (activity: Json): Json[] =>
  ((activity.attachments as Json[] | undefined) ?? [])
    .filter((a) => a.contentType === ADAPTIVE_CARD)
    .map((a) => a.content as Json);
const messagesIn = (activities: Json[]): Json[] => activities.filter((a) => a.type === 'message');

/** What the core itself answers, to compare with what reached Teams. */
async function coreAnswer(text: string) {
  const runner = new TurnRunner(testAssistant(), new MemoryStorage<StoredConversation>());
  const result = await runner.handleMessage({ text, conversationKey: 'reference', at: FIXED_NOW });
  return result.messages.find((m) => m.kind === 'answer')!;
}

describe.each(SDKS)('Teams through the %s host', (sdk) => {
  let app: TeamsApp;
  let connector: FakeConnector;
  let n = 0;

  beforeAll(async () => {
    app = await startTeamsApp(sdk);
    connector = await startConnector();
  });
  afterAll(async () => {
    await app.close();
    await connector.close();
  });

  /** The same conversation shape under an id of its own, so tests do not share a dialog. */
  function fresh<T extends TeamsActivity>(activity: T): T {
    n += 1;
    activity.conversation!.id = activity.conversation!.id.replace(/^[^;]+/, (id) => `${id}-${sdk}-${n}`);
    return activity;
  }

  /**
   * Normal delivery, as Teams does it: the replies are POSTed to the serviceUrl. The host answers the
   * HTTP request once the turn is over, so everything the turn sent has arrived by then.
   */
  async function deliver(activity: TeamsActivity) {
    const before = connector.received.length;
    const res = await post(app.url, { ...activity, serviceUrl: connector.serviceUrl });
    const sent = connector.received.slice(before);
    return { res, sent, messages: messagesIn(sent.map((s) => s.activity)) };
  }

  async function expectingReplies(activity: TeamsActivity): Promise<Json[]> {
    const res = await post(app.url, { ...activity, deliveryMode: 'expectReplies' });
    expect(res.status).toBe(200);
    return messagesIn(activitiesOf(res));
  }

  /** The id the connector gave a sent activity: it answers the k-th POST with "sent-k". */
  const idGivenTo = (activity: Json): string =>
    `sent-${connector.received.findIndex((r) => r.activity === activity) + 1}`;

  describe('in a personal chat', () => {
    it('answers with the citation entity built from the sources, the feedback buttons and the route', async () => {
      const expected = await coreAnswer('What is extradition?');
      const { res, sent, messages } = await deliver(fresh(personalMessage('What is extradition?')));
      expect(res.status).toBe(200);
      expect(sent[0]?.activity.type).toBe('typing');
      expect(messages).toHaveLength(1);
      const [reply] = messages;
      expect(routeOf([reply!])).toEqual({
        type: 'iag.route',
        route: 'answer',
        topic: 'ext.definition',
        locale: 'en',
      });
      expect(expected.sources!.length).toBeGreaterThan(0);
      expect(citedUrls(reply!)).toEqual(expected.sources);
      expect(citationOf(reply!)).toMatchObject({ '@type': 'Message', '@context': 'https://schema.org' });
      expect(citationOf(reply!)).not.toHaveProperty('additionalType');
      expect(reply!.channelData).toMatchObject({ feedbackLoopEnabled: true });
      expect(String(reply!.text)).toContain('[1]');
      for (const url of expected.sources!) expect(String(reply!.text)).not.toContain(url);
    });

    it('gives the same answer, citations and feedback with expectReplies', async () => {
      const expected = await coreAnswer('What is extradition?');
      const [reply, ...more] = await expectingReplies(fresh(personalMessage('What is extradition?')));
      expect(more).toHaveLength(0);
      expect(routeOf([reply!])).toMatchObject({ route: 'answer', topic: 'ext.definition' });
      expect(citedUrls(reply!)).toEqual(expected.sources);
      expect(reply!.channelData).toMatchObject({ feedbackLoopEnabled: true });
    });

    it('puts no citation or feedback buttons on replies that are not answers', async () => {
      const [reply] = await expectingReplies(fresh(personalMessage('hi')));
      expect(routeOf([reply!])).toMatchObject({ route: 'smalltalk', intent: 'greeting' });
      expect(citationOf(reply!)).toBeUndefined();
      expect(reply!.channelData ?? {}).not.toHaveProperty('feedbackLoopEnabled');
    });
  });

  describe('help and greetings', () => {
    const words: Array<[string, string]> = [
      ['help', 'help'],
      ['hi', 'greeting'],
      ['hello', 'greeting'],
      ['aide', 'help'],
    ];
    const mentioned = (word: string) => {
      const activity = personalMessage(`<at>${BOT.name}</at> ${word}`);
      activity.entities!.unshift({ type: 'mention', mentioned: BOT, text: `<at>${BOT.name}</at>` });
      return activity;
    };

    it.each(words)('"%s" works in a personal chat without a mention', async (word, intent) => {
      const replies = await expectingReplies(fresh(personalMessage(word)));
      expect(routeOf(replies)).toMatchObject({ route: 'smalltalk', intent });
    });

    it.each(words)('"%s" works in a personal chat after a mention', async (word, intent) => {
      const replies = await expectingReplies(fresh(mentioned(word)));
      expect(routeOf(replies)).toMatchObject({ route: 'smalltalk', intent });
    });

    it.each(words)('"%s" works in a channel after a mention', async (word, intent) => {
      const { messages } = await deliver(fresh(channelMessage(`<at>${BOT.name}</at> ${word}`)));
      expect(routeOf(messages)).toMatchObject({ route: 'smalltalk', intent });
    });
  });

  describe('in a channel', () => {
    it('replies in the thread of the message that mentioned it', async () => {
      const asked = fresh(channelMessage(`<at>${BOT.name}</at> What is extradition?`));
      const { sent, messages } = await deliver(asked);
      expect(messages).toHaveLength(1);
      const reply = sent.find((s) => s.activity.type === 'message')!;
      expect(asked.conversation!.id).toContain(`;messageid=${asked.id}`);
      expect(reply.activity.conversation).toMatchObject({ id: asked.conversation!.id });
      expect(reply.activity.replyToId).toBe(asked.id);
      expect(decodeURIComponent(reply.path)).toBe(
        `/v3/conversations/${asked.conversation!.id}/activities/${asked.id}`,
      );
      expect(routeOf(messages)).toMatchObject({ route: 'answer', topic: 'ext.definition' });
    });

    it('replies to a message further down a thread in that same thread', async () => {
      const later = fresh(channelThreadReply());
      const { messages } = await deliver(later);
      expect(messages).toHaveLength(1);
      expect(messages[0]!.conversation).toMatchObject({ id: later.conversation!.id });
      expect(String((messages[0]!.conversation as Json).id)).toMatch(/;messageid=1764417660456$/);
      expect(messages[0]!.replyToId).toBe(later.id);
    });

    it('says nothing, not even typing, to a message that does not mention it', async () => {
      const chatter = fresh(channelMessage('thanks everyone, see you tomorrow'));
      chatter.entities = chatter.entities!.filter((e) => e.type !== 'mention');
      const { res, sent } = await deliver(chatter);
      expect(res.status).toBe(200);
      expect(sent).toEqual([]);
      expect(await expectingReplies(chatter)).toEqual([]);
    });

    it('says nothing when someone else is mentioned', async () => {
      const other = fresh(channelMessage('<at>Marie Roy</at> what is extradition?'));
      other.entities = [
        { type: 'mention', mentioned: { id: '29:1MarieRoy', name: 'Marie Roy' }, text: '<at>Marie Roy</at>' },
      ];
      const { sent } = await deliver(other);
      expect(sent).toEqual([]);
    });

    it('hands the core the text without its own mention', async () => {
      // "IAG Assistant hi" would be read as a question about the IAG; "hi" is a greeting.
      const { messages } = await deliver(fresh(channelMessage(`<at>${BOT.name}</at> hi`)));
      expect(routeOf(messages)).toMatchObject({ route: 'smalltalk', intent: 'greeting' });
      const received = app.logs
        .map((l) => JSON.parse(l) as Json)
        .filter((l) => l.event === 'turn.received')
        .pop();
      expect(received).toMatchObject({ channel: 'msteams', scope: 'channel', textLength: 'hi'.length });
    });

    it('answers a button of its own card, sent without a mention, in the same thread', async () => {
      const asked = fresh(channelMessage(`<at>${BOT.name}</at> who do I contact?`));
      const question = (await deliver(asked)).messages;
      expect(routeOf(question)).toMatchObject({ route: 'clarify' });
      const cards = question.flatMap(cardsOf);
      expect(cards.length).toBeGreaterThan(0);
      for (const card of cards) expect(teamsChannel.cardProblems(card)).toEqual([]);
      const police = (cards[0]!.actions as Json[]).find((a) => /canadian police/i.test(String(a.title)))!;

      const submit = cardSubmitInChannel(String((police.data as Json).choice));
      submit.conversation!.id = asked.conversation!.id;
      const { messages } = await deliver(submit);
      expect(routeOf(messages)).toMatchObject({ route: 'contact', contact: 'iag' });
      expect(messages[0]!.conversation).toMatchObject({ id: asked.conversation!.id });
      for (const card of messages.flatMap(cardsOf)) expect(teamsChannel.cardProblems(card)).toEqual([]);
    });

    it('does not take another card payload for a button of its own', async () => {
      const foreign = fresh(cardSubmitInChannel());
      foreign.value = { action: 'approve', requestId: 42 };
      expect((await deliver(foreign)).sent).toEqual([]);
    });
  });

  describe('in a group chat', () => {
    it('says nothing without a mention', async () => {
      const { sent } = await deliver(fresh(groupChatMessage('merci tout le monde')));
      expect(sent).toEqual([]);
    });

    it('answers "aide" with a mention, in French, in the same chat', async () => {
      const asked = fresh(groupChatMessage(`<at>${BOT.name}</at> aide`));
      const { messages } = await deliver(asked);
      expect(routeOf(messages)).toEqual({
        type: 'iag.route',
        route: 'smalltalk',
        intent: 'help',
        locale: 'fr',
      });
      expect(messages[0]!.conversation).toMatchObject({ id: asked.conversation!.id });
    });
  });

  describe('on install', () => {
    it('welcomes exactly once in a personal chat, though Teams announces the install twice', async () => {
      const install = fresh(installationUpdate('add'));
      const added = personalInstallUpdate();
      added.conversation!.id = install.conversation!.id;
      const first = await deliver(install);
      const second = await deliver(added);
      const again = await deliver(install);
      expect(first.res.status).toBe(200);
      const welcomes = [...first.messages, ...second.messages, ...again.messages];
      expect(welcomes).toHaveLength(1);
      expect(String(welcomes[0]!.text)).toMatch(/personal or case details/);
      expect(welcomes[0]!.conversation).toMatchObject({ id: install.conversation!.id });
    });

    it.each([
      ['installationUpdate', installationUpdate],
      ['conversationUpdate', personalInstallUpdate],
    ])('welcomes on the %s alone, whichever Teams sends first', async (_name, event) => {
      const replies = await expectingReplies(fresh(event()));
      expect(replies).toHaveLength(1);
      expect(String(replies[0]!.text)).toMatch(/personal or case details/);
    });

    it('says nothing when added to a team, when colleagues join it, or on other installation events', async () => {
      for (const event of [
        teamInstallUpdate(),
        memberAddedToTeam(),
        installationUpdate('add', 'channel'),
        installationUpdate('add-upgrade'),
        installationUpdate('remove'),
      ]) {
        const { res, sent } = await deliver(fresh(event));
        expect(res.status).toBe(200);
        expect(sent).toEqual([]);
      }
    });
  });

  describe('the feedback buttons', () => {
    it('store the reaction and the topic of the rated answer, never the comment, and answer 200', async () => {
      const asked = fresh(personalMessage('What is extradition?'));
      const { messages } = await deliver(asked);
      const answerId = idGivenTo(messages[0]!);
      const before = (await app.feedback.list()).length;

      const click = feedbackInvoke('dislike');
      click.conversation!.id = asked.conversation!.id;
      click.replyToId = answerId;
      const { res, sent } = await deliver(click);
      expect(res.status).toBe(200);
      expect(res.json).toEqual({});
      expect(sent).toEqual([]);

      const stored = (await app.feedback.list()).slice(before);
      expect(stored).toEqual([
        {
          reaction: 'dislike',
          topic: 'ext.definition',
          locale: 'en',
          at: new Date(FIXED_NOW).toISOString(),
          channel: 'msteams',
        },
      ]);
      const kept = JSON.stringify(stored) + app.logs.join('\n');
      for (const secret of ['Jean Dupont', '2026-QC-4411', '514-555-0199', 'feedbackText', 'Alex']) {
        expect(kept).not.toContain(secret);
      }
    });

    it('store a click on an answer it no longer knows without a topic', async () => {
      const before = (await app.feedback.list()).length;
      const click = fresh(feedbackInvoke('like'));
      click.replyToId = 'unknown-message';
      expect((await deliver(click)).res.status).toBe(200);
      expect((await app.feedback.list()).slice(before)).toEqual([
        { reaction: 'like', locale: 'en', at: new Date(FIXED_NOW).toISOString(), channel: 'msteams' },
      ]);
    });

    it('acknowledge an invoke that is not a feedback click without storing anything', async () => {
      const before = (await app.feedback.list()).length;
      const odd = fresh(feedbackInvoke());
      odd.value = { actionName: 'somethingElse' };
      const { res } = await deliver(odd);
      expect(res.status).toBe(200);
      expect(await app.feedback.list()).toHaveLength(before);
    });
  });
});
