import { MemoryStorage } from '../../src/conversation/storage';
import type { StoredConversation } from '../../src/conversation/turnRunner';
import {
  activitiesOf,
  expectReplies,
  message,
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

const cardOf = (activity: Json): Json | undefined =>
  ((activity.attachments as Json[] | undefined) ?? []).find(
    (a) => a.contentType === 'application/vnd.microsoft.card.adaptive',
  )?.content as Json | undefined;

describe.each(SDKS)('the %s host over HTTP', (sdk) => {
  let app: RunningApp;
  let connector: FakeConnector;
  beforeAll(async () => {
    app = await startApp(sdk);
    connector = await startConnector();
  });
  afterAll(async () => {
    await app.close();
    await connector.close();
  });

  describe('with deliveryMode expectReplies', () => {
    it('returns the replies in the response body, each carrying the route entity', async () => {
      const res = await post(app.url, expectReplies('er-1', { text: 'What is extradition?' }));
      expect(res.status).toBe(200);
      const activities = activitiesOf(res);
      expect(activities.length).toBeGreaterThan(0);
      for (const a of activities.filter((x) => x.type === 'message')) {
        expect(a.entities).toContainEqual({
          type: 'iag.route',
          route: 'answer',
          topic: 'ext.definition',
          locale: 'en',
        });
      }
    });

    it('serialises channelId as channelId, never _channelId (Agents SDK 1.5-1.8 defect)', async () => {
      const res = await post(app.url, expectReplies('er-2', { text: 'hello' }));
      for (const a of activitiesOf(res)) {
        expect(a.channelId).toBe('emulator');
        expect(a).not.toHaveProperty('_channelId');
        expect(a.conversation).toMatchObject({ id: 'er-2' });
      }
      expect(res.text).not.toContain('_channelId');
    });

    it('keeps the conversation between turns (state is saved without any SDK turn-state handler)', async () => {
      const first = await post(app.url, expectReplies('er-3', { text: 'who do I contact?' }));
      expect(routeOf(activitiesOf(first))).toMatchObject({ route: 'clarify' });
      const second = await post(app.url, expectReplies('er-3', { text: 'Canadian police or prosecutor' }));
      expect(routeOf(activitiesOf(second))).toMatchObject({ route: 'contact', contact: 'iag' });
    });

    it('renders an answer as an Adaptive Card 1.5 with its source link', async () => {
      const res = await post(app.url, expectReplies('er-4', { text: 'What is extradition?' }));
      const card = cardOf(activitiesOf(res)[0]!);
      expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
      expect(JSON.stringify(card?.actions)).toMatch(
        /"type":"Action.OpenUrl","title":"Sources[^"]*","url":"https:/,
      );
      expect(typeof card?.fallbackText).toBe('string');
    });

    it('renders the IAG contact card with tel: and mailto: links', async () => {
      const first = await post(app.url, expectReplies('er-5', { text: 'who do I contact?' }));
      expect(routeOf(activitiesOf(first))).toMatchObject({ route: 'clarify' });
      const res = await post(app.url, expectReplies('er-5', { text: 'Canadian police or prosecutor' }));
      const card = JSON.stringify(activitiesOf(res).map(cardOf));
      expect(card).toMatch(/\]\(tel:\+\d+\)/);
      expect(card).toMatch(/\]\(mailto:[^)]+@[^)]+\)/);
    });

    it('offers choices as card buttons, and a pressed button is understood like the typed choice', async () => {
      const asked = activitiesOf(await post(app.url, expectReplies('er-6', { text: 'who do I contact?' })));
      const card = asked.map(cardOf).find((c) => c !== undefined);
      const buttons = (card?.actions as Json[]).filter((a) => a.type === 'Action.Submit');
      expect(buttons.length).toBeGreaterThan(1);
      const button = buttons.find((b) => /canad/i.test(String(b.title)))!;
      const pressed = await post(app.url, expectReplies('er-6', { text: '', value: button.data }));
      await post(app.url, expectReplies('er-7', { text: 'who do I contact?' }));
      const typed = await post(app.url, expectReplies('er-7', { text: String(button.title) }));
      expect(routeOf(activitiesOf(pressed))).toEqual(routeOf(activitiesOf(typed)));
      expect(routeOf(activitiesOf(pressed))).toMatchObject({ route: 'contact', contact: 'iag' });
    });

    it('offers follow-up questions as suggested actions, each of which leads to its topic', async () => {
      const res = await post(app.url, expectReplies('er-8', { text: 'What is extradition?' }));
      const suggested = activitiesOf(res)[0]?.suggestedActions as { actions: Json[] } | undefined;
      expect(suggested?.actions.length).toBeGreaterThan(0);
      const topics = new Set<unknown>();
      for (const follow of suggested!.actions) {
        expect(follow).toMatchObject({ type: 'imBack' });
        const next = await post(app.url, expectReplies('er-8', { text: String(follow.value) }));
        const route = routeOf(activitiesOf(next));
        expect(route).toMatchObject({ route: 'answer' });
        topics.add(route?.topic);
      }
      expect(topics.size).toBe(suggested!.actions.length);
    });

    it('falls back to plain text on a channel without cards', async () => {
      const res = await post(
        app.url,
        expectReplies('er-9', { channelId: 'sms', text: 'What is extradition?' }),
      );
      const [a] = activitiesOf(res);
      expect(a?.attachments ?? []).toEqual([]);
      expect(String(a?.text)).toContain('http');
      expect(routeOf(activitiesOf(res))).toMatchObject({ route: 'answer', topic: 'ext.definition' });
    });

    it('strips a Teams @mention before understanding', async () => {
      const res = await post(
        app.url,
        expectReplies('er-10', { channelId: 'msteams', text: '<at>IAG Assistant</at> what is extradition?' }),
      );
      expect(routeOf(activitiesOf(res))).toMatchObject({ route: 'answer', topic: 'ext.definition' });
    });

    it('welcomes once when the bot is added, with the privacy note, and never again', async () => {
      const added = {
        ...expectReplies('er-11'),
        type: 'conversationUpdate',
        membersAdded: [{ id: 'bot-1' }, { id: 'user-1' }],
      };
      delete (added as Json).text;
      const first = activitiesOf(await post(app.url, added));
      expect(first.filter((a) => a.type === 'message')).toHaveLength(1);
      expect(String(first[0]?.text)).toMatch(/personal or case details/);
      const again = await post(app.url, added);
      expect(again.status).toBe(200);
      expect(activitiesOf(again).filter((a) => a.type === 'message')).toHaveLength(0);
    });

    it('does not welcome when only a user joins', async () => {
      const joined = {
        ...expectReplies('er-12'),
        type: 'conversationUpdate',
        membersAdded: [{ id: 'user-2' }],
      };
      expect(activitiesOf(await post(app.url, joined))).toHaveLength(0);
    });

    it('acknowledges activity types it does not handle without replying', async () => {
      for (const type of ['typing', 'messageReaction', 'endOfConversation', 'somethingNew']) {
        const res = await post(app.url, { ...expectReplies('er-13'), type });
        expect(res.status).toBe(200);
        expect(activitiesOf(res).filter((a) => a.type === 'message')).toHaveLength(0);
      }
    });

    it('answers an invoke with 200 rather than 501', async () => {
      const res = await post(app.url, {
        ...expectReplies('er-14'),
        type: 'invoke',
        name: 'adaptiveCard/action',
      });
      expect(res.status).toBe(200);
    });
  });

  describe('with normal delivery', () => {
    it('POSTs a typing indicator and then the replies to the serviceUrl, in reply to the user activity', async () => {
      const before = connector.received.length;
      const activity = message('nd-1', { serviceUrl: connector.serviceUrl, text: 'What is extradition?' });
      const res = await post(app.url, activity);
      expect(res.status).toBe(200);
      const sent = (await connector.messages(1)).slice(0);
      const mine = connector.received.slice(before);
      expect(mine[0]?.activity.type).toBe('typing');
      const reply = mine.find((r) => r.activity.type === 'message')!;
      expect(reply.path).toBe(`/v3/conversations/nd-1/activities/${String(activity.id)}`);
      expect(reply.activity.channelId).toBe('emulator');
      expect(reply.activity.replyToId).toBe(activity.id);
      expect(routeOf([reply.activity])).toEqual({
        type: 'iag.route',
        route: 'answer',
        topic: 'ext.definition',
        locale: 'en',
      });
      expect(sent.length).toBeGreaterThan(0);
    });

    it('keeps the conversation between turns', async () => {
      await post(
        app.url,
        message('nd-2', {
          serviceUrl: connector.serviceUrl,
          text: 'qui dois-je contacter?',
          locale: 'fr-CA',
        }),
      );
      const before = connector.received.length;
      await post(
        app.url,
        message('nd-2', {
          serviceUrl: connector.serviceUrl,
          text: 'je suis policier a Lyon',
          locale: 'fr-CA',
        }),
      );
      const deadline = Date.now() + 5000;
      while (
        !connector.received.slice(before).some((r) => r.activity.type === 'message') &&
        Date.now() < deadline
      ) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const replies = connector.received.slice(before).map((r) => r.activity);
      expect(routeOf(replies)).toEqual({ type: 'iag.route', route: 'contact', contact: 'fr', locale: 'fr' });
    });
  });
});

describe.each(SDKS)('the %s host when storage fails', (sdk) => {
  class BrokenStorage extends MemoryStorage<StoredConversation> {
    broken = true;
    override async read(key: string) {
      if (this.broken) throw new Error('connect ECONNREFUSED 127.0.0.1:10000');
      return super.read(key);
    }
  }
  const storage = new BrokenStorage();
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(sdk, { storage, references: ['K7Q2M9XA'] });
  });
  afterAll(() => app.close());

  it('tells the user politely in both languages with a reference id, logs it, and keeps serving', async () => {
    const res = await post(app.url, expectReplies('st-1', { text: 'What is extradition?', locale: 'fr-CA' }));
    expect(res.status).toBe(200);
    const [reply] = activitiesOf(res);
    expect(String(reply?.text)).toContain('K7Q2M9XA');
    expect(String(reply?.text)).toMatch(/mémoire de conversation|conversation memory/);
    expect(String(reply?.text)).toMatch(/Sorry/);
    expect(String(reply?.text)).toMatch(/Désolé/);
    expect(String(reply?.text)).not.toMatch(/ECONNREFUSED|at .*\.ts/);
    expect(routeOf([reply!])).toEqual({ type: 'iag.route', route: 'fallback', locale: 'fr' });
    const logged = app.logs.map((l) => JSON.parse(l) as Json).find((l) => l.event === 'turn.error');
    expect(logged).toMatchObject({ reference: 'K7Q2M9XA', code: 'IAG_E_STORAGE_UNAVAILABLE' });

    storage.broken = false;
    const after = await post(app.url, expectReplies('st-1', { text: 'What is extradition?' }));
    expect(routeOf(activitiesOf(after))).toMatchObject({ route: 'answer' });
  });
});
