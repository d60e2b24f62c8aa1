/**
 * The real server (buildServer with the Bot Framework host and the website routes) on 127.0.0.1, port 0,
 * for the website's route tests and the browser tests.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AssistantBot } from '../../src/channels/assistantBot';
import { guardStorage } from '../../src/channels/storageGuard';
import { MemoryStorage } from '../../src/conversation/storage';
import { TurnRunner, type StoredConversation } from '../../src/conversation/turnRunner';
import { createHost } from '../../src/hosts';
import { buildServer, type AppServer } from '../../src/server';
import { createWebRoutes, type WebRoutesDeps } from '../../src/web/webRoutes';
import { testAssistant } from '../support/assistant';
import { captureLogs } from '../http/support';

export interface RunningWeb {
  url: string;
  logs: string[];
  app: AppServer;
  close(): Promise<void>;
}

export function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function startWeb(
  options: Partial<Pick<WebRoutesDeps, 'directLine' | 'fetch' | 'limits' | 'now'>> = {},
): Promise<RunningWeb> {
  const { logs, logger } = captureLogs();
  const assistant = testAssistant();
  const runner = new TurnRunner(assistant, guardStorage(new MemoryStorage<StoredConversation>()), logger);
  const now = options.now ?? Date.now;
  const bot = new AssistantBot({ assistant, runner, logger, now, referenceId: () => 'REF' });
  const host = createHost('agents', { bot, credentials: {}, logger });
  const web = createWebRoutes({ assistant, runner, logger, now, ...options });
  const app = buildServer({ isReady: () => true, host, requireAuth: false, logger, web });
  const url = await listen(app.server);
  return { url, logs, app, close: () => closeServer(app.server) };
}
