/**
 * The website in a real browser: the page, the conversation through the embedded channel, the embed
 * snippet of docs/widget.md on another site, accessibility, and that nothing leaves 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Frame, Page, Response } from 'playwright-core';
import { warmUpDates } from '../../src/language/dates';
import { testAssistant } from '../support/assistant';
import { closeServer, listen, startWeb, type RunningWeb } from '../web/support';
import { describeWithChromium, launchChromium, OUTPUT_DIR, type Browser } from './browser';

type Json = Record<string, unknown>;
interface TurnReply {
  id: string;
  activities: Array<Json & { entities?: Json[]; attachments?: Array<{ content: Json }> }>;
}

const SEND_BOX = '.webchat__send-box-text-box__input';
const BOT_ACTIVITY = '.webchat__basic-transcript__activity';
const AXE = readFileSync(join(__dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/* Scripts run in the page are strings: the project compiles without the DOM library. */
const RECORD_WINDOW_OPEN = `window.__opened = []; window.open = (url) => { window.__opened.push(String(url)); return null; };`;
const WATCH_LIVE_REGION = `(() => {
  window.__announced = [];
  const region = document.querySelector('.webchat__live-region-transcript');
  new MutationObserver(() => window.__announced.push(region.textContent || '')).observe(region, { childList: true, subtree: true, characterData: true });
})()`;
const RUN_AXE = `axe.run().then((r) => { if (!r.passes.length) throw new Error('axe checked nothing'); return r; }).then((r) => r.violations.map((v) => v.id + ': ' + JSON.stringify(v.nodes.map((n) => n.target)).slice(0, 300)))`;
/** The focused element, and whether its focus is drawn (an outline, a shadow, or Web Chat's indicator). */
const FOCUSED = `(() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const drawn = (st) => (st.outlineStyle !== 'none' && st.outlineWidth !== '0px') || st.boxShadow !== 'none' ||
    (st.borderStyle !== 'none' && st.borderWidth !== '0px');
  const indicator = e.querySelector('[class*="keyboard-focus-indicator"]');
  const is = indicator ? getComputedStyle(indicator) : undefined;
  const visible = (s.outlineStyle !== 'none' && s.outlineWidth !== '0px') || s.boxShadow !== 'none' ||
    (is !== undefined && is.display !== 'none' && drawn(is));
  return { className: String(e.className), tag: e.tagName, visible };
})()`;

const route = (reply: TurnReply): Json | undefined =>
  reply.activities.flatMap((a) => a.entities ?? []).filter((e) => e.type === 'iag.route').pop();

describeWithChromium('the website in Chromium', () => {
  jest.setTimeout(60_000);
  let web: RunningWeb;
  let browser: Browser;
  /** one English conversation, carried through the first tests the way a visitor would */
  let page: Page;
  const requested: string[] = [];
  const cspErrors: string[] = [];
  const line = (locale: 'en' | 'fr', id: string) => testAssistant().renderer.line(locale, id);

  beforeAll(async () => {
    const launching = launchChromium();
    warmUpDates(); // while Chromium starts: the French date models take seconds on first use
    web = await startWeb();
    browser = await launching;
    // Every request is recorded; any that is not for 127.0.0.1 is stopped before it leaves.
    await browser.context.route('**/*', (r) =>
      new URL(r.request().url()).hostname === '127.0.0.1' ? r.continue() : r.abort(),
    );
    browser.context.on('request', (request) => requested.push(request.url()));
    // Source buttons open a new window: record where instead of going there.
    await browser.context.addInitScript(RECORD_WINDOW_OPEN);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  async function open(path: string, viewport?: { width: number; height: number }): Promise<Page> {
    const opened = await browser.context.newPage();
    if (viewport) await opened.setViewportSize(viewport);
    opened.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await opened.goto(`${web.url}${path}`);
    await opened.locator(SEND_BOX).waitFor();
    await opened.locator(BOT_ACTIVITY).first().waitFor();
    return opened;
  }

  const shot = (target: Page, name: string) =>
    target.screenshot({ path: join(OUTPUT_DIR, `${name}.png`), fullPage: true });

  function nextReply(target: Page | Frame): Promise<TurnReply> {
    const owner = 'page' in target ? target.page() : target;
    return owner
      .waitForResponse((r: Response) => r.url().endsWith('/api/webchat/activities') && r.request().method() === 'POST')
      .then((r) => r.json() as Promise<TurnReply>);
  }

  async function ask(target: Page | Frame, text: string): Promise<TurnReply> {
    const before = await target.locator(BOT_ACTIVITY).count();
    const reply = nextReply(target);
    await target.locator(SEND_BOX).fill(text);
    await target.locator(SEND_BOX).press('Enter');
    const result = await reply;
    await target.locator(BOT_ACTIVITY).nth(before + result.activities.length).waitFor();
    return result;
  }

  async function axeViolations(target: Page | Frame): Promise<string[]> {
    await target.evaluate(AXE);
    return target.evaluate<string[]>(RUN_AXE);
  }

  it('welcomes the visitor in English, with the notice and the IAG contact beside the chat', async () => {
    page = await open('/');
    await shot(page, '01-welcome-en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en-CA');
    await expect(page.locator('#chat').innerText()).resolves.toContain(line('en', 'welcome.intro').slice(0, 40));
    const notice = await page.locator('.notice').innerText();
    expect(notice).toContain(line('en', 'web.notice.automated'));
    expect(notice).toContain(line('en', 'web.notice.general'));
    expect(notice).toContain(line('en', 'web.notice.privacy'));
    expect(await page.locator('.contact a[href^="tel:"]').innerText()).toBe('(613) 957-4832');
    expect(await page.locator('.contact a[href^="mailto:"]').getAttribute('href')).toBe(
      `mailto:${testAssistant().kb.iagContact.email}`,
    );
    expect(await axeViolations(page)).toEqual([]);
  });

  it('answers an English question with its source, and the source button opens the official page', async () => {
    const reply = await ask(page, 'What is extradition?');
    expect(route(reply)).toMatchObject({ route: 'answer', locale: 'en' });
    const card = reply.activities.find((a) => a.attachments?.length)?.attachments?.[0]?.content as {
      actions: Array<{ type: string; url: string }>;
    };
    const sources = card.actions.filter((a) => a.type === 'Action.OpenUrl').map((a) => a.url);
    expect(sources.length).toBeGreaterThan(0);
    await page.locator(BOT_ACTIVITY).last().getByRole('button', { name: /^Sources?:/ }).first().click();
    expect(await page.evaluate<string[]>('window.__opened')).toEqual([sources[0]]);
    expect(sources[0]).toMatch(/^https:\/\//);
    await shot(page, '02-answer-en');
  });

  it('resolves a did-you-mean when a choice button is clicked', async () => {
    const clarify = await ask(page, 'extradition minister');
    expect(route(clarify)).toMatchObject({ route: 'clarify' });
    await shot(page, '03-did-you-mean');
    const choices = page.locator(BOT_ACTIVITY).last().locator('.ac-pushButton');
    expect(await choices.count()).toBeGreaterThan(1);
    const before = await page.locator(BOT_ACTIVITY).count();
    const reply = nextReply(page);
    await choices.first().click();
    expect(route(await reply)).toMatchObject({ route: 'answer' });
    // A button's value shows no bubble of its own: the reply is the next activity.
    await page.locator(BOT_ACTIVITY).nth(before).waitFor();
    await shot(page, '04-did-you-mean-resolved');
  });

  it("shows the IAG's contact card with its telephone number as a link, and the conversation has no axe-core violations", async () => {
    const reply = await ask(page, 'I want to talk to a real person');
    expect(route(reply)).toMatchObject({ route: 'contact', contact: 'iag' });
    const card = page.locator(BOT_ACTIVITY).last();
    expect(await card.innerText()).toContain('(613) 957-4832');
    expect(await card.locator('a[href="tel:+16139574832"]').count()).toBe(1);
    await shot(page, '05-contact-card');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('switches to French with the toggle, answers a French question in French, and switches back', async () => {
    await page.getByRole('link', { name: line('en', 'web.language.switchName') }).click();
    await page.waitForURL(/\/\?lang=fr$/);
    await page.locator(BOT_ACTIVITY).first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr-CA');
    await expect(page.locator('#chat').innerText()).resolves.toContain(line('fr', 'welcome.intro').slice(0, 40));
    expect(await page.locator('.notice').innerText()).toContain(line('fr', 'web.notice.privacy'));
    await shot(page, '06-welcome-fr');
    expect(await axeViolations(page)).toEqual([]);
    const reply = await ask(page, "Qu'est-ce que l'extradition?");
    expect(route(reply)).toMatchObject({ route: 'answer', locale: 'fr' });
    await ask(page, 'Je veux parler à une personne');
    await shot(page, '07-answer-fr');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: line('fr', 'web.language.switchName') }).click();
    await page.waitForURL((url) => url.pathname === '/' && url.search === '');
    expect(await page.locator('html').getAttribute('lang')).toBe('en-CA');
    await page.close();
  });

  it('opens the chat on another site through the embed snippet of docs/widget.md', async () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'widget.md'), 'utf8');
    const snippet = /<!-- widget-snippet -->\s*```html\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(snippet).toContain('/widget.js');
    const partner: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><title>A partner page</title></head><body><main><h1>A partner page</h1>
${snippet!.replace('https://assistant.example.gc.ca', web.url)}
</main></body></html>`);
    });
    const partnerUrl = await listen(partner);
    try {
      const partnerPage = await browser.context.newPage();
      await partnerPage.goto(partnerUrl);
      const button = partnerPage.getByRole('button', { name: line('en', 'web.widget.open') });
      await button.click();
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      await partnerPage.frameLocator('iframe').locator(BOT_ACTIVITY).first().waitFor();
      const chat = partnerPage.frames().find((f) => f.url().startsWith(`${web.url}/chat?lang=en`))!;
      const reply = await ask(chat, 'What is extradition?');
      expect(route(reply)).toMatchObject({ route: 'answer', locale: 'en' });
      await shot(partnerPage, '08-embedded-on-partner-page');
      expect(await axeViolations(chat)).toEqual([]);
      await partnerPage.getByRole('button', { name: line('en', 'web.widget.close') }).click();
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      expect(await partnerPage.evaluate<string>('document.activeElement.id')).toBe('iag-assistant-button');
      await partnerPage.close();
    } finally {
      await closeServer(partner);
    }
  });

  it('holds a whole conversation with the keyboard only, with visible focus and a live region', async () => {
    const keyboardPage = await open('/');
    const focused = () => keyboardPage.evaluate<{ className: string; visible: boolean }>(FOCUSED);
    await keyboardPage.evaluate(WATCH_LIVE_REGION);
    await keyboardPage.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ className: 'skip-link', visible: true });
    await keyboardPage.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ className: 'lang-toggle', visible: true });
    await shot(keyboardPage, '09-keyboard-focus-visible');
    // Tab through the page until the send box has focus.
    for (let i = 0; i < 40 && !(await focused()).className.includes('send-box'); i++)
      await keyboardPage.keyboard.press('Tab');
    expect((await focused()).className).toContain('webchat__send-box-text-box__input');
    const answer = nextReply(keyboardPage);
    await keyboardPage.keyboard.type('What is mutual legal assistance?');
    await keyboardPage.keyboard.press('Enter');
    expect(route(await answer)).toMatchObject({ route: 'answer' });
    await keyboardPage.locator('.webchat__suggested-action').first().waitFor();
    // Back from the send box to the suggested follow-up questions, and pick one with Enter.
    for (let i = 0; i < 10 && !(await focused()).className.includes('suggested-action'); i++)
      await keyboardPage.keyboard.press('Shift+Tab');
    const suggestion = await focused();
    expect(suggestion.className).toContain('webchat__suggested-action');
    expect(suggestion.visible).toBe(true);
    await shot(keyboardPage, '10-keyboard-suggestion-focused');
    const followUp = nextReply(keyboardPage);
    await keyboardPage.keyboard.press('Enter');
    expect(route(await followUp)).toMatchObject({ route: 'answer' });
    // Web Chat's live region receives the new messages for screen readers.
    await keyboardPage.waitForFunction(`window.__announced.join(' ').length > 40`);
    await shot(keyboardPage, '11-keyboard-follow-up');
    await keyboardPage.close();
  });

  it('works 320 pixels wide (400% zoom): no sideways scrolling, and a question gets its answer', async () => {
    const narrow = await open('/', { width: 320, height: 256 });
    expect(await narrow.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
    const reply = await ask(narrow, 'What is extradition?');
    expect(route(reply)).toMatchObject({ route: 'answer' });
    expect(await narrow.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
    await shot(narrow, '12-zoom-400');
    await narrow.close();
  });

  it('sent no request beyond 127.0.0.1 and broke no Content-Security-Policy rule', () => {
    expect(requested.length).toBeGreaterThan(10);
    expect(requested.filter((url) => new URL(url).hostname !== '127.0.0.1')).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});
