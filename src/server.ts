/**
 * The HTTP server, built without listening (tests start it on a free port). Routes (CONTRACT §2):
 * POST /api/messages (the Bot Framework endpoint), GET /healthz, GET /.
 *
 * Everything a client can get wrong is answered here with a 4xx before any SDK sees it: oversized or
 * malformed JSON, a body that is not an activity, a missing bearer token when authentication is on.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { checkActivity } from './channels/activity';
import type { BotHost } from './hosts';
import type { WebRoutes } from './web/webRoutes';

export interface ServerLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface ServerDeps {
  isReady: () => boolean;
  /** the Bot Framework host; without one /api/messages answers 503 */
  host?: BotHost;
  /** an app id is configured: requests without a bearer token are refused before the SDK runs */
  requireAuth?: boolean;
  logger?: ServerLogger;
  referenceId?: () => string;
  maxBodyBytes?: number;
  /** the website (page, widget, Web Chat routes); without it GET / shows a plain notice */
  web?: WebRoutes;
}

export interface AppServer {
  server: Server;
  /** Stops accepting connections, lets in-flight turns finish, then resolves. */
  stop(): Promise<void>;
}

/** Bot Framework activities are a few kilobytes; Teams' largest stay far below this. */
export const MAX_BODY_BYTES = 256 * 1024;
/** Past this the sender is not a channel: stop reading and drop the connection. */
const ABORT_BODY_BYTES = 16 * 1024 * 1024;

const silent: ServerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function sendJson(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent) return;
  if (body === undefined) {
    res.writeHead(status, { 'content-length': 0 });
    res.end();
    return;
  }
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
  });
  res.end(html);
}

type Body = { ok: true; text: string } | { ok: false; tooLarge: true };

/** Reads the whole body, keeping at most `limit` bytes: the client always gets to read our answer. */
function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > ABORT_BODY_BYTES) {
        req.destroy();
        return;
      }
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(
        size > limit
          ? { ok: false, tooLarge: true }
          : { ok: true, text: Buffer.concat(chunks).toString('utf8') },
      ),
    );
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('request aborted'));
    });
  });
}

const BEARER = /^Bearer \S+$/i;

const HOME_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>IAG Assistant</title></head>
<body><main><h1>IAG Assistant</h1><p>The Bot Framework endpoint is <code>POST /api/messages</code>.</p></main></body></html>`;

export function buildServer(deps: ServerDeps): AppServer {
  const logger = deps.logger ?? silent;
  const maxBodyBytes = deps.maxBodyBytes ?? MAX_BODY_BYTES;
  const referenceId = deps.referenceId ?? (() => Math.random().toString(36).slice(2, 10).toUpperCase());
  const inFlight = new Set<Promise<void>>();
  let stopping = false;

  async function onMessages(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reject = (status: number, reason: string) => {
      logger.warn({ event: 'http.rejected', status, reason }, 'request rejected');
      sendJson(res, status, { error: reason });
    };
    let body: Body;
    try {
      body = await readBody(req, maxBodyBytes);
    } catch {
      return; // the client went away; nothing to answer
    }
    if (!body.ok) return reject(413, 'body too large');
    if (deps.requireAuth && !BEARER.test(req.headers.authorization ?? ''))
      return reject(401, 'missing bearer token');
    if (!deps.host || !deps.isReady()) {
      res.setHeader('retry-after', '5');
      return reject(503, 'starting');
    }
    let json: unknown;
    try {
      json = JSON.parse(body.text);
    } catch {
      return reject(400, 'body is not valid JSON');
    }
    const check = checkActivity(json);
    if (!check.ok) return reject(400, `not an activity: ${check.problem}`);
    try {
      const result = await deps.host.handle({ headers: req.headers, activity: check.activity });
      if (result.status >= 400)
        logger.warn(
          { event: 'http.rejected', status: result.status, reason: 'sdk' },
          'request rejected by the SDK',
        );
      sendJson(res, result.status, result.body);
    } catch (error) {
      const reference = referenceId();
      logger.error({ event: 'http.error', reference, err: error }, 'request failed');
      sendJson(res, 500, { error: 'internal error', reference });
    }
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (stopping) res.setHeader('connection', 'close');
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/messages') {
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST');
        return sendJson(res, 405, { error: 'method not allowed' });
      }
      if (stopping) return sendJson(res, 503, { error: 'stopping' });
      const turn = onMessages(req, res).catch((error: unknown) => {
        logger.error({ event: 'http.error', err: error }, 'request failed');
        sendJson(res, 500, { error: 'internal error' });
      });
      inFlight.add(turn);
      void turn.finally(() => inFlight.delete(turn));
      return;
    }
    if (req.method === 'GET' && url.pathname === '/healthz') {
      return deps.isReady() && !stopping
        ? sendJson(res, 200, { status: 'ok' })
        : sendJson(res, 503, { status: stopping ? 'stopping' : 'starting' });
    }
    const notFound = () => {
      if (req.method === 'GET' && url.pathname === '/') return sendHtml(res, HOME_PAGE);
      sendJson(res, 404, { error: 'not found' });
    };
    if (!deps.web) return notFound();
    const web = deps.web(req, res, url)
      .then((handled) => (handled ? undefined : notFound()))
      .catch((error: unknown) => {
        logger.error({ event: 'http.error', err: error }, 'request failed');
        sendJson(res, 500, { error: 'internal error' });
      });
    inFlight.add(web);
    void web.finally(() => inFlight.delete(web));
  });

  async function stop(): Promise<void> {
    stopping = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await Promise.allSettled([...inFlight]);
    server.closeIdleConnections();
    await closed;
  }

  return { server, stop };
}
