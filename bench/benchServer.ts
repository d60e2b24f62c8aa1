/**
 * One server for the HTTP benchmark, in its own process so that the load generator does not share its
 * event loop: `assistant` (composed as src/main.ts composes it, in-memory state) or `echo`, on either SDK
 * host. It reports its port, then its memory on request, over the IPC channel of its parent, which
 * kills it when done.
 */
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { AssistantBot, referenceIdFrom } from '../src/channels/assistantBot';
import { guardStorage } from '../src/channels/storageGuard';
import { MemoryStorage } from '../src/conversation/storage';
import { TurnRunner, type StoredConversation } from '../src/conversation/turnRunner';
import { createAssistant } from '../src/core';
import { createHost, type BotSdk } from '../src/hosts';
import { warmUpDates } from '../src/language/dates';
import { createLogger } from '../src/logging';
import { buildServer } from '../src/server';
import { asHostBot, echoBot } from './echoBot';

export type BenchBot = 'assistant' | 'echo';

export type ParentMessage = { type: 'memory' };
export type ChildMessage =
  { type: 'listening'; port: number } | { type: 'memory'; rss: number; heapUsed: number };

function send(message: ChildMessage): void {
  process.send?.(message);
}

function assistantBot(logger: ReturnType<typeof createLogger>): AssistantBot {
  const assistant = createAssistant();
  warmUpDates();
  const runner = new TurnRunner(assistant, guardStorage(new MemoryStorage<StoredConversation>()), logger);
  return new AssistantBot({
    assistant,
    runner,
    logger,
    now: Date.now,
    referenceId: referenceIdFrom((n) => randomBytes(n)),
  });
}

function main(): void {
  const [botName, sdkName] = process.argv.slice(2) as [BenchBot, BotSdk];
  // Production logs at info to stdout; the parent discards it, the cost of writing stays.
  const logger = createLogger({ level: 'info' });
  const bot = botName === 'assistant' ? assistantBot(logger) : asHostBot(echoBot);
  const host = createHost(sdkName, { bot, credentials: {}, logger });
  const app = buildServer({ isReady: () => true, host, logger });
  process.on('message', (message: ParentMessage) => {
    if (message.type !== 'memory') return;
    // Collected first, so heap figures compare live data rather than garbage not yet swept.
    globalThis.gc?.();
    const usage = process.memoryUsage();
    send({ type: 'memory', rss: usage.rss, heapUsed: usage.heapUsed });
  });
  app.server.listen(0, '127.0.0.1', () => {
    send({ type: 'listening', port: (app.server.address() as AddressInfo).port });
  });
}

main();
