import {
  activitiesOf,
  expectReplies,
  post,
  routeOf,
  SDKS,
  startApp,
  warmUp,
  type Json,
  type RunningApp,
} from './support';

beforeAll(warmUp, 120_000);

const valid = (text: string, conversation = 'bad-ok'): Json => expectReplies(conversation, { text });

/** What is not an activity: a 4xx, never a 5xx. */
const INVALID: Array<[string, unknown, number]> = [
  ['malformed JSON', '{"type": "message", ', 400],
  ['an empty body', '', 400],
  ['a JSON array', '[]', 400],
  ['a JSON string', '"message"', 400],
  ['null', 'null', 400],
  ['no type', { ...valid('hi'), type: undefined }, 400],
  ['an empty type', { ...valid('hi'), type: '' }, 400],
  ['a numeric type', { ...valid('hi'), type: 42 }, 400],
  ['no conversation', { ...valid('hi'), conversation: undefined }, 400],
  ['a conversation without id', { ...valid('hi'), conversation: {} }, 400],
  ['a numeric conversation id', { ...valid('hi'), conversation: { id: 7 } }, 400],
  ['a text that is an object', { ...valid('hi'), text: { evil: true } }, 400],
  ['a numeric locale', { ...valid('hi'), locale: 12 }, 400],
  [
    'membersAdded that is not a list',
    { ...valid('hi'), type: 'conversationUpdate', membersAdded: 'bot' },
    400,
  ],
  [
    'a serviceUrl that is not http(s)',
    { ...valid('hi'), deliveryMode: undefined, serviceUrl: 'file:///etc/passwd' },
    400,
  ],
  ['normal delivery with no serviceUrl', { ...valid('hi'), deliveryMode: undefined }, 400],
  ['a 1 MB body', valid('x'.repeat(1024 * 1024)), 413],
];

/** Valid activities with awkward text: a polite reply with the route entity. */
const AWKWARD: Array<[string, string]> = [
  ['a 20,000-character message', 'what is extradition '.repeat(1000)],
  ['control characters', 'what\u0000 is\u0007 extra\u001bdition?\u007f'],
  ['emoji only', '🙂🙏🏽👍'],
  ['emoji around a question', '🤔 what is extradition? 🙏'],
  ['right-to-left text', 'ما هو تسليم المجرمين؟'],
  ['mixed right-to-left and Latin', 'שלום what is mutual legal assistance?'],
  ['an empty message', ''],
  ['only whitespace', ' \n\t '],
  ['lone surrogates', 'what is \ud800 extradition \udfff'],
];

describe.each(SDKS)('the %s host with bad input', (sdk) => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(sdk);
  });
  afterAll(() => app.close());

  it.each(INVALID)('answers %s with a 4xx', async (_name, body, status) => {
    const res = await post(app.url, body);
    expect(res.status).toBe(status);
  });

  it.each(AWKWARD)('answers %s politely, with the route entity', async (_name, text) => {
    const res = await post(app.url, valid(text, `awkward-${_name}`));
    expect(res.status).toBe(200);
    const replies = activitiesOf(res).filter((a) => a.type === 'message');
    expect(replies.length).toBeGreaterThan(0);
    expect(routeOf(replies)).toMatchObject({ type: 'iag.route' });
    expect(JSON.stringify(replies)).not.toMatch(/went wrong|stack|Error:/);
  });

  it('reads a card submit with an unexpected value shape as plain text', async () => {
    const res = await post(
      app.url,
      expectReplies('bad-value', { text: 'what is extradition?', value: { nested: { deep: [1, 2, 3] } } }),
    );
    expect(routeOf(activitiesOf(res))).toMatchObject({ route: 'answer', topic: 'ext.definition' });
  });

  it('answers GET /api/messages with 405', async () => {
    expect((await fetch(`${app.url}/api/messages`)).status).toBe(405);
  });

  it('keeps a conversation intact through bad requests in the middle of it', async () => {
    const first = await post(app.url, expectReplies('bad-state', { text: 'who do I contact?' }));
    expect(routeOf(activitiesOf(first))).toMatchObject({ route: 'clarify' });
    for (const [, body] of INVALID) await post(app.url, body);
    await post(app.url, expectReplies('bad-state', { type: 'somethingUnknown' }));
    const second = await post(app.url, expectReplies('bad-state', { text: 'Canadian police or prosecutor' }));
    expect(routeOf(activitiesOf(second))).toMatchObject({ route: 'contact', contact: 'iag' });
  });

  it('is still healthy afterwards: no crash, no 5xx logged', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const errors = app.logs.map((l) => JSON.parse(l) as Json).filter((l) => Number(l.level) >= 50);
    expect(errors).toEqual([]);
  });
});
