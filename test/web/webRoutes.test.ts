/**
 * The website's routes over real HTTP, without a browser: the page and its headers, the embedded
 * channel's ids, limits and origin rule, and the Direct Line token exchange against a local fake service.
 */
import { statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { webChatBundlePath } from '../../src/web/staticAssets';
import { testAssistant, FIXED_NOW } from '../support/assistant';
import { closeServer, listen, startWeb, type RunningWeb } from './support';

type Json = Record<string, unknown>;

async function post(web: RunningWeb, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${web.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: web.url, 'sec-fetch-site': 'same-origin', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Json };
}

const openConversation = async (web: RunningWeb, body: Json = { locale: 'en-US' }) =>
  post(web, '/api/webchat/conversations', body);

const say = (web: RunningWeb, token: string, activity: Json) =>
  post(web, '/api/webchat/activities', activity, { authorization: `Bearer ${token}` });

describe('the website page', () => {
  let web: RunningWeb;
  beforeAll(async () => {
    web = await startWeb();
  });
  afterAll(() => web.close());

  it('is served in English at / with a policy that forbids inline scripts and other origins', async () => {
    const response = await fetch(`${web.url}/`);
    const html = await response.text();
    const csp = response.headers.get('content-security-policy')!;
    expect(response.status).toBe(200);
    expect(html).toContain('<html lang="en-CA"');
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/connect-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    // Every script is a file of this server: none inline, none from elsewhere.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, content] of scripts) {
      expect(attributes).toMatch(/src="\/static\/[\w.]+"/);
      expect(content).toBe('');
    }
  });

  it('is served in French at /?lang=fr, with the IAG contact from the knowledge base', async () => {
    const html = await (await fetch(`${web.url}/?lang=fr`)).text();
    const kb = testAssistant().kb;
    expect(html).toContain('<html lang="fr-CA"');
    expect(html).toContain('href="/" lang="en"');
    expect(html).toContain(testAssistant().renderer.line('fr', 'web.notice.privacy').replace(/'/g, '&#39;'));
    expect(html).toContain(`href="tel:+16139574832">${kb.iagContact.phone}</a>`);
    expect(html).toContain(`href="mailto:${kb.iagContact.email}"`);
    expect(html).toContain(kb.iagContact.address.fr.replace(/'/g, '&#39;'));
  });

  it('serves Web Chat from the installed package and the widget with its words from the knowledge base', async () => {
    const bundle = await fetch(`${web.url}/static/webchat.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(bundle.status).toBe(200);
    expect(Buffer.from(await bundle.arrayBuffer()).length).toBe(statSync(webChatBundlePath()).size);
    const widget = await (await fetch(`${web.url}/widget.js`)).text();
    expect(widget).toContain(JSON.stringify(testAssistant().renderer.line('fr', 'web.widget.open')));
    expect(widget).not.toContain('/*strings*/');
  });

  it('lets any site frame the widget page (/chat) but not the page itself', async () => {
    const frame = await fetch(`${web.url}/chat?lang=fr`);
    expect(frame.headers.get('content-security-policy')).toMatch(/frame-ancestors \*/);
    expect(frame.headers.get('x-frame-options')).toBeNull();
    expect((await fetch(`${web.url}/`)).headers.get('x-frame-options')).toBe('DENY');
  });

  it('leaves other paths to the server (404)', async () => {
    expect((await fetch(`${web.url}/static/../package.json`)).status).toBe(404);
    expect((await fetch(`${web.url}/static/nothing.js`)).status).toBe(404);
  });
});

describe('the embedded channel', () => {
  let web: RunningWeb;
  beforeAll(async () => {
    // A clock that never moves: timestamps must still increase.
    web = await startWeb({ now: () => FIXED_NOW, limits: { messages: { burst: 3, perMinute: 1 } } });
  });
  afterAll(() => web.close());

  it('issues the conversation and user ids itself and welcomes in the page language', async () => {
    const opened = await openConversation(web, { locale: 'fr-FR', conversationId: 'chosen', userId: 'me' });
    expect(opened.status).toBe(201);
    expect(opened.json.conversationId).toMatch(/^w-[\w-]{20,}$/);
    expect(opened.json.userId).toMatch(/^u-[\w-]{16,}$/);
    expect(opened.json.token).toMatch(/^[\w-]{40,}$/);
    const welcome = opened.json.activities as Json[];
    expect(welcome.length).toBeGreaterThan(0);
    expect(welcome[0]).toMatchObject({ locale: 'fr-CA', from: { role: 'bot' }, conversation: { id: opened.json.conversationId } });
    const again = await openConversation(web);
    expect(again.json.conversationId).not.toBe(opened.json.conversationId);
    expect(again.json.token).not.toBe(opened.json.token);
  });

  it('answers through the turn runner with the route entity, ignoring ids sent by the browser, in time order', async () => {
    const { json: opened } = await openConversation(web);
    const reply = await say(web, String(opened.token), {
      type: 'message',
      text: 'What is extradition?',
      id: 'forged',
      from: { id: 'someone-else' },
      conversation: { id: 'another' },
    });
    expect(reply.status).toBe(200);
    expect(reply.json.id).not.toBe('forged');
    expect(String(reply.json.id).startsWith(String(opened.conversationId))).toBe(true);
    const activities = reply.json.activities as Array<Json & { entities: Json[] }>;
    expect(activities.at(-1)!.entities).toContainEqual(
      expect.objectContaining({ type: 'iag.route', route: 'answer', topic: 'ext.definition', locale: 'en' }),
    );
    expect(activities[0]).toMatchObject({ replyToId: reply.json.id, conversation: { id: opened.conversationId } });
    const welcome = opened.activities as Json[];
    const times = [...welcome.map((a) => a.timestamp), reply.json.timestamp, ...activities.map((a) => a.timestamp)].map(
      (t) => Date.parse(String(t)),
    );
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
  });

  it('reads a card button value like the typed choice', async () => {
    const { json: opened } = await openConversation(web);
    const token = String(opened.token);
    const clarify = await say(web, token, { type: 'message', text: 'extradition minister' });
    const card = (clarify.json.activities as Array<{ attachments?: Array<{ content: { actions: Array<{ data: Json }> } }> }>)
      .find((a) => a.attachments)!.attachments![0]!.content;
    const chosen = await say(web, token, { type: 'message', value: card.actions[0]!.data });
    const entities = (chosen.json.activities as Array<{ entities: Json[] }>).at(-1)!.entities;
    expect(entities[0]).toMatchObject({ route: 'answer' });
  });

  it('refuses a message without a valid conversation token', async () => {
    expect((await say(web, 'x'.repeat(43), { type: 'message', text: 'hi' })).status).toBe(401);
    const noToken = await post(web, '/api/webchat/activities', { type: 'message', text: 'hi' });
    expect(noToken.status).toBe(401);
  });

  it('limits the messages of one conversation (429) without touching another', async () => {
    const { json: first } = await openConversation(web);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await say(web, String(first.token), { type: 'message', text: 'hello' })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const { json: second } = await openConversation(web);
    expect((await say(web, String(second.token), { type: 'message', text: 'hello' })).status).toBe(200);
  });

  it('refuses bodies over 16 KB (413), invalid JSON and non-message activities (400)', async () => {
    const { json: opened } = await openConversation(web);
    const auth = { authorization: `Bearer ${String(opened.token)}` };
    expect((await post(web, '/api/webchat/activities', { type: 'message', text: 'a'.repeat(17 * 1024) }, auth)).status).toBe(413);
    expect((await post(web, '/api/webchat/conversations', { padding: 'a'.repeat(17 * 1024) })).status).toBe(413);
    expect((await post(web, '/api/webchat/activities', '{not json', auth)).status).toBe(400);
    expect((await post(web, '/api/webchat/activities', { type: 'event', name: 'x' }, auth)).status).toBe(400);
  });

  it('refuses requests from other origins (403) and other methods (405)', async () => {
    expect((await post(web, '/api/webchat/conversations', {}, { origin: 'https://elsewhere.example' })).status).toBe(403);
    expect((await post(web, '/api/webchat/conversations', {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post(web, '/api/webchat/conversations', {}, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await fetch(`${web.url}/api/webchat/conversations`)).status).toBe(405);
    expect((await fetch(`${web.url}/`, { method: 'POST' })).status).toBe(405);
  });

  it('carries the policy header on its answers too', async () => {
    const opened = await openConversation(web);
    expect(opened.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(opened.headers.get('cache-control')).toBe('no-store');
  });

  it('has no Direct Line token route without a secret', async () => {
    expect((await post(web, '/api/directline/token', {})).status).toBe(404);
  });
});

describe('production mode with Direct Line', () => {
  const SECRET = 'fake-direct-line-secret';
  let tokenService: Server;
  let endpoint: string;
  let web: RunningWeb;
  const received: Array<{ url?: string; authorization?: string; body: Json }> = [];
  let failNext = false;

  beforeAll(async () => {
    tokenService = createServer((req: IncomingMessage, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString('utf8')));
      req.on('end', () => {
        received.push({ url: req.url, authorization: req.headers.authorization, body: JSON.parse(text || '{}') as Json });
        if (failNext) {
          failNext = false;
          res.writeHead(500).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ conversationId: 'dl-conversation', token: 'dl-token-123', expires_in: 3600 }));
      });
    });
    endpoint = `${await listen(tokenService)}/v3/directline`;
    web = await startWeb({ directLine: { secret: SECRET, endpoint } });
  });
  afterAll(async () => {
    await web.close();
    await closeServer(tokenService);
  });

  it('exchanges the secret for a token server-side and never sends the secret to the browser', async () => {
    const response = await post(web, '/api/directline/token', {});
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ token: 'dl-token-123', conversationId: 'dl-conversation', expiresIn: 3600, domain: endpoint });
    expect(JSON.stringify(response.json)).not.toContain(SECRET);
    const call = received.at(-1)!;
    expect(call.url).toBe('/v3/directline/tokens/generate');
    expect(call.authorization).toBe(`Bearer ${SECRET}`);
    const user = (call.body.user as { id: string }).id;
    expect(user).toMatch(/^dl_[\w-]{12,}$/);
    expect(response.json.userId).toBe(user);
  });

  it('accepts GET as well, issues a new user id each time, and refuses other origins', async () => {
    const first = (await (await fetch(`${web.url}/api/directline/token`)).json()) as Json;
    const second = (await (await fetch(`${web.url}/api/directline/token`)).json()) as Json;
    expect(first.userId).not.toBe(second.userId);
    expect((await post(web, '/api/directline/token', {}, { origin: 'https://elsewhere.example' })).status).toBe(403);
  });

  it('answers 502 with a reference when the token service fails', async () => {
    failNext = true;
    const response = await post(web, '/api/directline/token', {});
    expect(response.status).toBe(502);
    expect(response.json.reference).toEqual(expect.any(String));
    expect(JSON.stringify(response.json)).not.toContain(SECRET);
  });

  it('lets the page connect to the Direct Line service and nowhere else, and closes the embedded channel', async () => {
    const page = await fetch(`${web.url}/`);
    const csp = page.headers.get('content-security-policy')!;
    const origin = new URL(endpoint);
    expect(csp).toContain(`connect-src 'self' ${origin.origin} ws://${origin.host}`);
    expect(await page.text()).toContain('data-mode="directline"');
    expect((await post(web, '/api/webchat/conversations', {})).status).toBe(404);
  });
});
