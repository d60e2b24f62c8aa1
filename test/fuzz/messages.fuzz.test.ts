/**
 * Strange messages and malformed activities. Random text (real words, digits, dates, e-mails, emoji,
 * control characters, other scripts) through the whole turn never throws and always gets a reply; random
 * and malformed activities over HTTP, on both SDK hosts, never get a 5xx and never bring the server
 * down: it answers a normal message normally afterwards.
 */
import fc from 'fast-check';
import { MemoryStorage } from '../../src/conversation/storage';
import { TurnRunner, type StoredConversation } from '../../src/conversation/turnRunner';
import { FIXED_NOW, testAssistant } from '../support/assistant';
import {
  activitiesOf,
  expectReplies,
  post,
  routeOf,
  SDKS,
  startApp,
  startConnector,
  warmUp,
  type FakeConnector,
  type RunningApp,
} from '../http/support';
import { runsFor, seed } from './runs';

beforeAll(warmUp, 120_000);

const ROUTES = ['answer', 'contact', 'clarify', 'fallback', 'smalltalk'];

/** Words the understanding reacts to, mixed with noise, so that random text reaches every stage. */
const WORDS = [
  'extradition',
  'entraide',
  'MLA',
  'IAG',
  'who',
  'contact',
  'qui',
  'contacter',
  'police',
  'policier',
  'prosecutor',
  'procureur',
  'France',
  'USA',
  'États-Unis',
  'Germany',
  'bail',
  'arrested',
  'arrêté',
  'provisional',
  'deadline',
  'délai',
  'on',
  'le',
  '2026-11-02',
  '3 mars 2026',
  'yesterday',
  'hier',
  'last Tuesday',
  '1',
  '2',
  '?',
  'thanks',
  'merci',
  'hello',
  'bonjour',
  'français',
  'English',
  'start over',
  'my case',
  'mon dossier',
  '613-555-0199',
  'someone@example.ca',
  'ciao',
  'hola',
  '🙂',
  '\u0000',
  '\u200b',
  'ما',
  'מה',
  '中文',
  '\ud800',
  'e\u0301',
  'no treaty',
  'sans traité',
  'role:canadian',
  'country:us',
];

const noise = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
);

const textArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...WORDS), noise), { maxLength: 14 })
      .map((w) => w.join(' ')),
  },
  { weight: 1, arbitrary: noise },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 400 }) },
);

describe('random text through the whole turn', () => {
  const assistant = testAssistant();

  it('never throws and always answers with a reply, a route and a language', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            text: textArb,
            value: fc.option(
              fc.oneof(fc.constantFrom('1', 'role:foreign-law', 'country:unknown', 'ext.bail'), noise),
              {
                nil: undefined,
                freq: 4,
              },
            ),
            locale: fc.option(fc.constantFrom('en-CA', 'fr-CA', 'fr', 'de-DE', '', 'x'), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        async (turns) => {
          const runner = new TurnRunner(assistant, new MemoryStorage<StoredConversation>());
          const conversationKey = `fuzz-${n++}`;
          for (const [i, turn] of turns.entries()) {
            const result = await runner.handleMessage({ ...turn, conversationKey, at: FIXED_NOW + i * 1000 });
            if (result.messages.length === 0 || result.messages.some((m) => !m.text.trim()))
              throw new Error('no reply');
            if (!ROUTES.includes(result.outcome.route)) throw new Error(`route ${result.outcome.route}`);
            if (result.locale !== 'en' && result.locale !== 'fr')
              throw new Error(`locale ${String(result.locale)}`);
          }
        },
      ),
      { numRuns: runsFor('text'), seed },
    );
  }, 180_000);
});

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Valid-looking activities with every field sometimes missing, odd or of the wrong type. */
function activityArb(connector: FakeConnector): fc.Arbitrary<Record<string, unknown>> {
  const account = fc.record(
    { id: fc.string({ maxLength: 40 }), name: maybe(fc.string({ maxLength: 20 })) },
    { requiredKeys: ['id'] },
  );
  const mention = fc.record({
    type: fc.constant('mention'),
    text: fc.oneof(fc.constant('<at>IAG Assistant</at>'), fc.string({ maxLength: 30 })),
    mentioned: fc.oneof(account, fc.jsonValue()),
  });
  const fields = fc.record(
    {
      type: fc.oneof(
        { weight: 4, arbitrary: fc.constant('message') },
        {
          weight: 2,
          arbitrary: fc.constantFrom(
            'conversationUpdate',
            'invoke',
            'typing',
            'event',
            'endOfConversation',
            'messageReaction',
            'installationUpdate',
          ),
        },
        { weight: 1, arbitrary: fc.string({ maxLength: 70 }) },
      ),
      id: fc.string({ maxLength: 40 }),
      channelId: fc.oneof(
        fc.constantFrom('msteams', 'webchat', 'emulator', 'directline', 'slack'),
        fc.string({ maxLength: 20 }),
      ),
      // Normal delivery only ever reaches the local fake connector: these tests talk to nothing else.
      deliveryMode: fc.oneof(
        { weight: 3, arbitrary: fc.constant('expectReplies') },
        { weight: 1, arbitrary: fc.constantFrom('normal', 'notification', '') },
      ),
      serviceUrl: fc.oneof(
        { weight: 3, arbitrary: fc.constant(connector.serviceUrl) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            'ftp://127.0.0.1/',
            'javascript:alert(1)',
            'http://',
            '',
            `${connector.serviceUrl}/a b`,
          ),
        },
        { weight: 1, arbitrary: fc.string({ maxLength: 30 }).filter((s) => !/^https?:/i.test(s)) },
      ),
      locale: fc.oneof(
        fc.constantFrom('en-CA', 'fr-CA', 'fr', 'de-DE', 'zz', ''),
        fc.string({ maxLength: 70 }),
      ),
      text: textArb,
      textFormat: fc.constantFrom('plain', 'markdown', 'xml', 'other'),
      value: fc.jsonValue({ maxDepth: 3 }),
      conversation: fc.record(
        {
          id: fc.string({ minLength: 1, maxLength: 60 }),
          conversationType: fc.constantFrom('personal', 'groupChat', 'channel', 'other'),
          tenantId: fc.string({ maxLength: 40 }),
          isGroup: fc.boolean(),
        },
        { requiredKeys: ['id'] },
      ),
      from: account,
      recipient: account,
      membersAdded: fc.array(account, { maxLength: 3 }),
      membersRemoved: fc.array(account, { maxLength: 3 }),
      entities: fc.array(
        fc.oneof(mention, fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }))),
        { maxLength: 4 },
      ),
      channelData: fc.jsonValue({ maxDepth: 3 }),
      attachments: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 2 }),
      replyToId: fc.string({ maxLength: 40 }),
      timestamp: fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.string({ maxLength: 30 }),
      ),
    },
    { requiredKeys: ['type', 'conversation'] },
  );
  // Now and then a field of the wrong type altogether.
  const wrongTypes = fc.dictionary(
    fc.constantFrom(
      'type',
      'text',
      'value',
      'conversation',
      'from',
      'recipient',
      'membersAdded',
      'entities',
      'locale',
      'serviceUrl',
      'channelData',
    ),
    fc.jsonValue({ maxDepth: 2 }),
    { maxKeys: 2 },
  );
  return fc
    .tuple(fields, fc.option(wrongTypes, { nil: undefined, freq: 5 }), fc.boolean())
    .map(([activity, wrong, botAdded]) => {
      const a: Record<string, unknown> = { ...activity, ...(wrong ?? {}) };
      // The bot itself joining makes the welcome path run.
      if (botAdded && a.recipient && Array.isArray(a.membersAdded))
        a.membersAdded = [...a.membersAdded, a.recipient];
      // serviceUrl may be garbage, but never an http(s) URL other than the fake connector's.
      if (typeof a.serviceUrl === 'string' && /^https?:\/\/(?!127\.0\.0\.1)/i.test(a.serviceUrl))
        delete a.serviceUrl;
      return a;
    });
}

interface Request {
  method: string;
  contentType: string;
  authorization?: string;
  body: string;
}

function requestArb(connector: FakeConnector): fc.Arbitrary<Request> {
  const body = fc.oneof(
    { weight: 8, arbitrary: activityArb(connector).map((a) => JSON.stringify(a)) },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.string({ unit: 'binary', maxLength: 200 }),
        activityArb(connector).map((a) => JSON.stringify(a).slice(0, -3)),
      ),
    },
  );
  return fc.record(
    {
      method: fc.oneof(
        { weight: 12, arbitrary: fc.constant('POST') },
        { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH') },
      ),
      contentType: fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        '',
        'application/x-www-form-urlencoded',
      ),
      authorization: fc.constantFrom('Bearer not-a-token', 'Basic Zm9vOmJhcg==', 'Bearer '),
      body,
    },
    { requiredKeys: ['method', 'contentType', 'body'] },
  );
}

describe.each(SDKS)('random and malformed activities over HTTP to the %s host', (sdk) => {
  let app: RunningApp;
  let connector: FakeConnector;
  const crashes: unknown[] = [];
  const onCrash = (error: unknown) => crashes.push(error);

  beforeAll(async () => {
    connector = await startConnector();
    app = await startApp(sdk);
    process.on('unhandledRejection', onCrash);
    process.on('uncaughtException', onCrash);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onCrash);
    process.off('uncaughtException', onCrash);
    await app.close();
    await connector.close();
  });

  it('never answers with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(requestArb(connector), async (request) => {
        const headers: Record<string, string> = {};
        if (request.contentType) headers['content-type'] = request.contentType;
        if (request.authorization) headers.authorization = request.authorization;
        const res = await fetch(`${app.url}/api/messages`, {
          method: request.method,
          headers,
          body: request.method === 'GET' ? undefined : request.body,
        });
        const text = await res.text();
        if (res.status >= 500) throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
      }),
      { numRuns: runsFor('http', SDKS.length), seed },
    );
  }, 180_000);

  it('is still up afterwards, answers a normal message normally and raised nothing unhandled', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const res = await post(app.url, expectReplies(`after-fuzz-${sdk}`, { text: 'what is extradition?' }));
    expect(res.status).toBe(200);
    expect(routeOf(activitiesOf(res))).toMatchObject({ route: 'answer', topic: 'ext.definition' });
    expect(crashes).toEqual([]);
  });
});
