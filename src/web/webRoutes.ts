/**
 * The website's routes, handed to the HTTP server as one function that answers a request and returns
 * true, or returns false for the server's other routes:
 *
 *   GET  /, /?lang=fr            the page (Web Chat, notice, language toggle, the IAG's contact)
 *   GET  /chat?lang=..           the compact page the embeddable widget shows in its frame
 *   GET  /widget.js              the embeddable widget (one <script> tag, data-lang)
 *   GET  /static/*               our CSS and scripts, and Web Chat from node_modules
 *   POST /api/webchat/conversations   embedded mode: open a conversation (ids and token issued here)
 *   POST /api/webchat/activities      embedded mode: one message (Authorization: Bearer <token>)
 *   GET|POST /api/directline/token    production mode: a Direct Line token (the secret stays here)
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Locale } from '../knowledge/loadKnowledge';
import type { Assistant } from '../conversation/assistant';
import type { TurnRunner } from '../conversation/turnRunner';
import { EmbeddedConversations, type WebLogger } from './embeddedConversations';
import { generateToken, TokenServiceError, type DirectLineConfig, type FetchLike } from './directLineToken';
import { pageLocale, renderPage } from './page';
import { RateLimiter, type RateLimitOptions } from './rateLimit';
import { BASE_HEADERS, checkSameOrigin, contentSecurityPolicy, endpointOrigins } from './security';
import { StaticAssets } from './staticAssets';

export interface WebRoutesDeps {
  assistant: Assistant;
  runner: TurnRunner;
  logger: WebLogger;
  now?: () => number;
  referenceId?: () => string;
  randomId?: (bytes: number) => string;
  /** set: production mode, the page connects to Azure Direct Line with tokens from this server */
  directLine?: DirectLineConfig;
  fetch?: FetchLike;
  /** who may frame the widget's page (/chat); default any site, since any site may embed the widget */
  frameAncestors?: string;
  limits?: Partial<WebLimits>;
  /** false until the knowledge base is loaded and the language models are warm */
  isReady?: () => boolean;
}

export interface WebLimits {
  /** messages per conversation */
  messages: RateLimitOptions;
  /** conversations opened, and Direct Line tokens, per client address */
  opens: RateLimitOptions;
  /** bytes of a request body */
  maxBodyBytes: number;
}

export const DEFAULT_WEB_LIMITS: WebLimits = {
  messages: { burst: 10, perMinute: 30 },
  opens: { burst: 10, perMinute: 20 },
  // A message is at most a few thousand characters; the core reads 5000.
  maxBodyBytes: 16 * 1024,
};

export type WebRoutes = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

type Body = { ok: true; json: unknown } | { ok: false; status: number; error: string };

function readJson(req: IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      req.resume();
      resolve({ ok: false, status: 413, error: 'body too large' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        if (!done) resolve({ ok: false, status: 413, error: 'body too large' });
        done = true;
        return; // keep draining so the client reads the 413
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text.trim()) return resolve({ ok: true, json: {} });
      try {
        resolve({ ok: true, json: JSON.parse(text) as unknown });
      } catch {
        resolve({ ok: false, status: 400, error: 'body is not valid JSON' });
      }
    });
    req.on('error', () => {
      if (!done) resolve({ ok: false, status: 400, error: 'request aborted' });
      done = true;
    });
  });
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function widgetStrings(assistant: Assistant): Record<Locale, Record<string, string>> {
  const words = (locale: Locale) => ({
    open: assistant.renderer.line(locale, 'web.widget.open'),
    close: assistant.renderer.line(locale, 'web.widget.close'),
    frame: assistant.renderer.line(locale, 'web.chat.label'),
  });
  return { en: words('en'), fr: words('fr') };
}

const clientAddress = (req: IncomingMessage): string => req.socket.remoteAddress ?? 'unknown';

export function createWebRoutes(deps: WebRoutesDeps): WebRoutes {
  const now = deps.now ?? Date.now;
  const randomId = deps.randomId ?? ((bytes: number) => randomBytes(bytes).toString('base64url'));
  const referenceId = deps.referenceId ?? (() => randomBytes(5).toString('hex').toUpperCase());
  const limits: WebLimits = { ...DEFAULT_WEB_LIMITS, ...deps.limits };
  const messageLimiter = new RateLimiter(limits.messages, now);
  const openLimiter = new RateLimiter(limits.opens, now);
  const assets = new StaticAssets((path, text) =>
    path === '/widget.js' ? text.replace(/\/\*strings\*\/[\s\S]*?\/\*end\*\//, JSON.stringify(widgetStrings(deps.assistant))) : text,
  );
  const conversations = new EmbeddedConversations({
    assistant: deps.assistant,
    runner: deps.runner,
    logger: deps.logger,
    now,
    randomId,
    referenceId,
  });
  const fetchImpl: FetchLike = deps.fetch ?? ((url, init) => fetch(url, init));
  const connect = deps.directLine ? endpointOrigins(deps.directLine.endpoint) : [];
  const mode = deps.directLine ? 'directline' : 'embedded';

  function send(
    res: ServerResponse,
    status: number,
    body: string | Buffer,
    type: string,
    headers: Record<string, string> = {},
  ): void {
    if (res.headersSent) return;
    res.writeHead(status, {
      ...BASE_HEADERS,
      'content-security-policy': contentSecurityPolicy({ connect }),
      'content-type': type,
      'content-length': String(Buffer.byteLength(body)),
      ...headers,
    });
    res.end(body);
  }

  function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    send(res, status, JSON.stringify(body), 'application/json; charset=utf-8', {
      'cache-control': 'no-store',
      ...headers,
    });
  }

  function refuse(res: ServerResponse, status: number, reason: string, headers: Record<string, string> = {}) {
    deps.logger.warn({ event: 'http.rejected', status, reason }, 'request rejected');
    sendJson(res, status, { error: reason }, headers);
  }

  function page(req: IncomingMessage, res: ServerResponse, url: URL, layout: 'page' | 'frame'): void {
    const locale = pageLocale(url.searchParams.get('lang'));
    const styleNonce = randomBytes(16).toString('base64');
    const html = renderPage(deps.assistant.kb, deps.assistant.renderer, { locale, layout, mode, styleNonce });
    const frameAncestors = layout === 'frame' ? (deps.frameAncestors ?? '*') : `'none'`;
    send(res, 200, html, 'text/html; charset=utf-8', {
      'content-security-policy': contentSecurityPolicy({ styleNonce, connect, frameAncestors }),
      'cache-control': 'no-store',
      ...(layout === 'page' ? { 'x-frame-options': 'DENY' } : {}),
      'content-language': locale === 'fr' ? 'fr-CA' : 'en-CA',
    });
  }

  function staticFile(req: IncomingMessage, res: ServerResponse, path: string): void {
    const asset = assets.get(path)!;
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    send(res, 200, gzip ? asset.gzip : asset.body, asset.type, {
      'cache-control': asset.cacheControl,
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      // The widget script is loaded by other sites' pages.
      ...(path === '/widget.js' ? { 'cross-origin-resource-policy': 'cross-origin' } : {}),
    });
  }

  async function openConversation(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req, limits.maxBodyBytes);
    if (!body.ok) return refuse(res, body.status, body.error);
    if (!openLimiter.take(clientAddress(req))) return refuse(res, 429, 'too many conversations', { 'retry-after': '60' });
    const locale = isObject(body.json) && typeof body.json.locale === 'string' ? body.json.locale : undefined;
    const started = await conversations.start(locale);
    sendJson(res, 201, started);
  }

  async function postActivity(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = /^Bearer ([\w-]{20,200})$/.exec(String(req.headers.authorization ?? ''))?.[1];
    if (!token || !conversations.has(token)) {
      req.resume();
      return refuse(res, 401, 'unknown or expired conversation');
    }
    const body = await readJson(req, limits.maxBodyBytes);
    if (!body.ok) return refuse(res, body.status, body.error);
    if (!isObject(body.json) || body.json.type !== 'message')
      return refuse(res, 400, 'only message activities are accepted');
    if (!messageLimiter.take(token)) return refuse(res, 429, 'too many messages', { 'retry-after': '10' });
    const result = conversations.post(token, body.json);
    if (!result) return refuse(res, 401, 'unknown or expired conversation');
    sendJson(res, 200, await result);
  }

  async function directLineToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    req.resume();
    if (!deps.directLine) return refuse(res, 404, 'Direct Line is not configured');
    if (!openLimiter.take(clientAddress(req))) return refuse(res, 429, 'too many tokens', { 'retry-after': '60' });
    try {
      // Direct Line requires user ids that start with dl_ when a token is bound to a user.
      const token = await generateToken(deps.directLine, `dl_${randomId(12)}`, fetchImpl);
      sendJson(res, 200, token);
    } catch (error) {
      const reference = referenceId();
      deps.logger.error(
        {
          event: 'directline.token.failed',
          reference,
          status: error instanceof TokenServiceError ? error.status : undefined,
        },
        'Direct Line token request failed',
      );
      sendJson(res, 502, { error: 'token service unavailable', reference });
    }
  }

  return async (req, res, url) => {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const isApi = path === '/api/webchat/conversations' || path === '/api/webchat/activities' || path === '/api/directline/token';
    if (!isApi) {
      // Browsers ask for it on every page; there is none, and a 404 would fill their consoles.
      if (path === '/favicon.ico') {
        send(res, 204, '', 'image/x-icon', { 'cache-control': 'public, max-age=86400' });
        return true;
      }
      const isPage = path === '/' || path === '/chat';
      if (!isPage && !assets.has(path)) return false;
      if (method !== 'GET' && method !== 'HEAD') {
        refuse(res, 405, 'method not allowed', { allow: 'GET, HEAD' });
        return true;
      }
      if (isPage) page(req, res, url, path === '/' ? 'page' : 'frame');
      else staticFile(req, res, path);
      return true;
    }
    const allowed = path === '/api/directline/token' ? ['GET', 'POST'] : ['POST'];
    if (!allowed.includes(method)) {
      req.resume();
      refuse(res, 405, 'method not allowed', { allow: allowed.join(', ') });
      return true;
    }
    const origin = checkSameOrigin(req);
    if (!origin.ok) {
      req.resume();
      refuse(res, 403, `same-origin only (${origin.reason})`);
      return true;
    }
    if (deps.isReady && !deps.isReady()) {
      req.resume();
      refuse(res, 503, 'starting', { 'retry-after': '5' });
      return true;
    }
    // In production mode the page talks to Direct Line only: the in-process channel stays closed.
    if (mode === 'directline' && path !== '/api/directline/token') {
      req.resume();
      refuse(res, 404, 'not found');
      return true;
    }
    try {
      if (path === '/api/webchat/conversations') await openConversation(req, res);
      else if (path === '/api/webchat/activities') await postActivity(req, res);
      else await directLineToken(req, res);
    } catch (error) {
      const reference = referenceId();
      deps.logger.error({ event: 'http.error', reference, err: error }, 'web request failed');
      sendJson(res, 500, { error: 'internal error', reference });
    }
    return true;
  };
}
