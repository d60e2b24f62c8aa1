/**
 * The composition root: the only file that reads process.env and calls listen().
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { readConfig, type Config } from './config';
import { createAssistant } from './core';
import { buildServer } from './server';
import { warmUpDates } from './language/dates';
import { createLogger, type Logger } from './logging';
import { MemoryStorage, type Storage } from './conversation/storage';
import { TurnRunner, type StoredConversation } from './conversation/turnRunner';
import { AssistantBot, referenceIdFrom } from './channels/assistantBot';
import { StorageFeedbackStore, type FeedbackRecord } from './channels/teams';
import { guardStorage } from './channels/storageGuard';
import { createHost } from './hosts';
import { createBlobStorage } from './storage/blobStorage';
import { createWebRoutes } from './web/webRoutes';

/**
 * One store for conversations and Teams feedback: one client, one container check at start. Values are
 * plain JSON and the two kinds of keys never meet ("c-..." against "feedback-teams"), so each use gets its
 * own typed view of the same store.
 */
async function openStorage(config: Config, logger: Logger): Promise<Storage<unknown>> {
  if (config.storage.kind === 'memory') return new MemoryStorage<unknown>();
  return createBlobStorage<unknown>({
    connectionString: config.storage.connectionString,
    container: config.storage.container,
    logger,
  });
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = readConfig(process.env);
  } catch (error) {
    createLogger({ level: 'info' }).fatal({ event: 'config.invalid', err: error }, (error as Error).message);
    process.exit(1);
  }
  const logger = createLogger({ level: config.logLevel });
  const referenceId = referenceIdFrom((size) => randomBytes(size));
  let ready = false;

  const assistant = createAssistant(config.knowledgeDir);
  const shared = guardStorage(await openStorage(config, logger));
  const storage = shared as Storage<StoredConversation>;
  const feedback = new StorageFeedbackStore(shared as Storage<FeedbackRecord[]>);
  const runner = new TurnRunner(assistant, storage, logger);
  const bot = new AssistantBot({ assistant, runner, logger, now: Date.now, referenceId, feedback });
  const host = createHost(config.botSdk, { bot, credentials: config.credentials, logger });
  if (config.anonymous) {
    logger.warn(
      { event: 'auth.anonymous', sdk: host.sdk, nodeEnv: config.nodeEnv },
      'No MicrosoftAppId/clientId configured: local mode, /api/messages accepts unauthenticated requests. Configure the app registration before exposing this server.',
    );
  }
  const web = createWebRoutes({
    assistant,
    runner,
    logger,
    referenceId,
    directLine: config.directLine,
    isReady: () => ready,
  });
  const app = buildServer({
    isReady: () => ready,
    host,
    requireAuth: !config.anonymous,
    logger,
    referenceId,
    web,
  });
  app.server.listen(config.port, config.host, () => {
    const { port } = app.server.address() as AddressInfo;
    logger.info(
      {
        event: 'server.listening',
        port,
        sdk: host.sdk,
        storage: config.storage.kind,
        topics: assistant.kb.topics.length,
      },
      `IAG Assistant on http://localhost:${port}`,
    );
    // The date models compile large regular expressions on first use: do it before reporting ready.
    const started = Date.now();
    warmUpDates();
    ready = true;
    logger.info({ event: 'server.ready', warmUpMs: Date.now() - started }, 'ready');
  });

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'server.stopping', signal }, 'stopping: finishing in-flight turns');
    // A turn stuck on an unreachable connector must not keep the process alive forever.
    setTimeout(() => process.exit(0), 10_000).unref();
    void app.stop().then(() => {
      logger.info({ event: 'server.stopped' }, 'stopped');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

void main();
