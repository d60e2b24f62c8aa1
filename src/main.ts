/**
 * The composition root: the only file that reads process.env and calls listen().
 */
import pino from 'pino';
import { readConfig } from './config';
import { createAssistant } from './core';
import { buildServer } from './server';
import { warmUpDates } from './language/dates';

const config = readConfig(process.env);
const logger = pino({ level: config.logLevel });
let ready = false;

const assistant = createAssistant(config.knowledgeDir);
const server = buildServer({ isReady: () => ready });
server.listen(config.port, config.host, () => {
  logger.info({ event: 'server.listening', port: config.port, topics: assistant.kb.topics.length }, `IAG Assistant on http://localhost:${config.port}`);
  // The date models compile large regular expressions on first use: do it before reporting ready.
  const started = Date.now();
  warmUpDates();
  ready = true;
  logger.info({ event: 'server.ready', warmUpMs: Date.now() - started }, 'ready');
});

function shutdown(signal: string): void {
  logger.info({ event: 'server.stopping', signal }, 'stopping');
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
