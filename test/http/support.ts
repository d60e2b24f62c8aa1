/**
 * Real HTTP for the host tests: the assistant's server on 127.0.0.1 (port 0) with either SDK, a fake Bot
 * Framework connector that records what the bot POSTs back, and log capture.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { AssistantBot } from '../../src/channels/assistantBot';
import { guardStorage } from '../../src/channels/storageGuard';
import type { FeedbackStore } from '../../src/channels/teams';
import { MemoryStorage, type Storage } from '../../src/conversation/storage';
import { TurnRunner, type StoredConversation } from '../../src/conversation/turnRunner';
import { createHost, type BotCredentials, type BotSdk } from '../../src/hosts';
import { createLogger } from '../../src/logging';
import { buildServer, type AppServer } from '../../src/server';
import { warmUpDates } from '../../src/language/dates';
import { FIXED_NOW, testAssistant } from '../support/assistant';

export const SDKS: BotSdk[] = ['agents', 'botbuilder'];

export type Json = Record<string, unknown>;

export interface RunningApp {
  url: string;
  logs: string[];
  storage: Storage<StoredConversation>;
  app: AppServer;
  /** the clock the bot reads; tests move it */
  clock: { now: number };
  close(): Promise<void>;
}

export interface AppOptions {
  credentials?: BotCredentials;
  storage?: Storage<StoredConversation>;
  references?: string[];
  /** where Teams feedback clicks go (the bot keeps them in memory when not given) */
  feedback?: FeedbackStore;
}

/** A debug-level logger whose JSON lines the test can read. */
export function captureLogs(): { logs: string[]; logger: ReturnType<typeof createLogger> } {
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { logs, logger: createLogger({ level: 'debug', destination }) };
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function startApp(sdk: BotSdk, options: AppOptions = {}): Promise<RunningApp> {
  const { logs, logger } = captureLogs();
  const assistant = testAssistant();
  const storage = options.storage ?? new MemoryStorage<StoredConversation>();
  const runner = new TurnRunner(assistant, guardStorage(storage), logger);
  const clock = { now: FIXED_NOW };
  const references = options.references ?? [];
  let n = 0;
  const referenceId = () => references[n++] ?? `REF${n}`;
  const bot = new AssistantBot({
    assistant,
    runner,
    logger,
    now: () => clock.now,
    referenceId,
    ...(options.feedback ? { feedback: options.feedback } : {}),
  });
  const credentials = options.credentials ?? {};
  const host = createHost(sdk, { bot, credentials, logger });
  const app = buildServer({
    isReady: () => true,
    host,
    requireAuth: credentials.appId !== undefined,
    logger,
    referenceId,
  });
  const url = await listen(app.server);
  return { url, logs, storage, app, clock, close: () => close(app.server) };
}

/** A Bot Framework connector on 127.0.0.1 that accepts and records every activity the bot sends. */
export interface FakeConnector {
  serviceUrl: string;
  received: Array<{ path: string; activity: Json }>;
  /** resolves once `count` activities of type message arrived */
  messages(count: number): Promise<Json[]>;
  close(): Promise<void>;
}

export async function startConnector(): Promise<FakeConnector> {
  const received: FakeConnector['received'] = [];
  const waiters: Array<() => void> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Json;
      received.push({ path: req.url ?? '', activity });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `sent-${received.length}` }));
      waiters.splice(0).forEach((w) => w());
    });
  });
  const serviceUrl = await listen(server);
  const messagesOnly = () => received.map((r) => r.activity).filter((a) => a.type === 'message');
  return {
    serviceUrl,
    received,
    async messages(count: number) {
      const deadline = Date.now() + 10_000;
      while (messagesOnly().length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} messages, got ${messagesOnly().length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return messagesOnly();
    },
    close: () => close(server),
  };
}

let counter = 0;

/** A user's message activity as Web Chat or the Emulator would send it. */
export function message(conversationId: string, fields: Json = {}): Json {
  counter += 1;
  return {
    type: 'message',
    id: `act-${counter}`,
    channelId: 'emulator',
    from: { id: 'user-1', name: 'User' },
    recipient: { id: 'bot-1', name: 'IAG Assistant' },
    conversation: { id: conversationId },
    locale: 'en-CA',
    text: '',
    ...fields,
  };
}

export function expectReplies(conversationId: string, fields: Json = {}): Json {
  return message(conversationId, { deliveryMode: 'expectReplies', ...fields });
}

export interface Posted {
  status: number;
  text: string;
  json?: Json;
}

export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Posted> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Json | undefined;
  try {
    json = text ? (JSON.parse(text) as Json) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

/** The activities of an expectReplies response. */
export function activitiesOf(posted: Posted): Json[] {
  return ((posted.json?.activities as Json[] | undefined) ?? []) as Json[];
}

/** The route entity of a turn: the last message activity carrying one (CONTRACT §3). */
export function routeOf(activities: Json[]): Json | undefined {
  const withRoute = activities.filter(
    (a) => a.type === 'message' && (a.entities as Json[] | undefined)?.some((e) => e.type === 'iag.route'),
  );
  const last = withRoute[withRoute.length - 1];
  return (last?.entities as Json[] | undefined)?.find((e) => e.type === 'iag.route');
}

/** Loads the date models once per worker, so the first dated message does not hit the test timeout. */
export function warmUp(): void {
  warmUpDates();
}
