/**
 * The HTTP server, built without listening (tests start it on a free port). Routes: GET /healthz.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface ServerDeps {
  isReady: () => boolean;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

export function buildServer(deps: ServerDeps): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/healthz') {
      return deps.isReady() ? sendJson(res, 200, { status: 'ok' }) : sendJson(res, 503, { status: 'starting' });
    }
    sendJson(res, 404, { error: 'not found' });
  });
}
