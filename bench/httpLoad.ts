/**
 * HTTP throughput and latency with autocannon against POST /api/messages (deliveryMode expectReplies),
 * for the assistant and for the echo bot on the same SDK host, each in its own process. Requests cycle
 * through the evaluation turns over a fixed set of conversations, so state stays bounded and the memory
 * figures show leaks rather than the growth of stored conversations.
 */
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { BotSdk } from '../src/hosts';
import type { BenchBot, ChildMessage, ParentMessage } from './benchServer';
import { NODE_FLAGS, ROOT, spawnNode, stopChild } from './childProcess';
import { progress } from './stats';

export const CONVERSATIONS = 100;
const CONNECTIONS = 10;

export interface HttpFigures {
  bot: BenchBot;
  sdk: BotSdk;
  requests: number;
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  latencyMax: number;
  /** transport errors, timeouts, non-2xx answers and answers that are not a proper reply */
  errors: number;
  rssAfterWarmUp: number;
  rssAfterRun: number;
  heapAfterWarmUp: number;
  heapAfterRun: number;
}

interface Server {
  child: ChildProcess;
  url: string;
  memory(): Promise<{ rss: number; heapUsed: number }>;
}

function startServer(bot: BenchBot, sdk: BotSdk): Promise<Server> {
  const child = spawnNode(
    [...NODE_FLAGS, '--expose-gc', join(ROOT, 'bench', 'benchServer.ts'), bot, sdk],
    { ...process.env, NODE_ENV: 'production', ALLOW_ANONYMOUS: 'true' },
    true,
  );
  const next = <T extends ChildMessage['type']>(type: T) =>
    new Promise<Extract<ChildMessage, { type: T }>>((resolve) => {
      const onMessage = (m: ChildMessage) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        resolve(m as Extract<ChildMessage, { type: T }>);
      };
      child.on('message', onMessage);
    });
  const memory = async () => {
    const reply = next('memory');
    child.send({ type: 'memory' } satisfies ParentMessage);
    return reply;
  };
  return new Promise((resolve, reject) => {
    const failed = (code: number | null) =>
      reject(new Error(`the ${bot} server exited (${code}) while starting`));
    child.once('exit', failed);
    void next('listening').then(({ port }) => {
      child.off('exit', failed);
      resolve({ child, url: `http://127.0.0.1:${port}`, memory });
    });
  });
}

function bodies(turns: ReadonlyArray<{ text: string; locale: string }>): string[] {
  return turns.map(({ text, locale }, i) =>
    JSON.stringify({
      type: 'message',
      id: `bench-${i}`,
      channelId: 'webchat',
      deliveryMode: 'expectReplies',
      from: { id: `user-${i % CONVERSATIONS}` },
      recipient: { id: 'bot' },
      conversation: { id: `bench-conversation-${i % CONVERSATIONS}` },
      locale,
      text,
    }),
  );
}

async function load(
  url: string,
  payloads: readonly string[],
  amount: number,
  isReply: (body: string) => boolean,
) {
  let next = 0;
  let badReplies = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    amount,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/api/messages',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: payloads[next++ % payloads.length] }),
        onResponse: (status, body) => {
          if (status === 200 && !isReply(body)) badReplies += 1;
        },
      },
    ],
  });
  return { result, badReplies };
}

/** The error boundary's reply names a reference id, in English and French. */
const ERROR_REPLY = /\(R[eé]f[eé]rence ?:/;

const REPLY_CHECK: Record<BenchBot, (body: string) => boolean> = {
  assistant: (body) => body.includes('"iag.route"') && !ERROR_REPLY.test(body),
  echo: (body) => body.includes('"activities"'),
};

export async function measureHttp(
  bot: BenchBot,
  sdk: BotSdk,
  turns: ReadonlyArray<{ text: string; locale: string }>,
  options: { warmUp: number; amount: number },
): Promise<HttpFigures> {
  progress(`http ${bot}/${sdk}: starting the server`);
  const server = await startServer(bot, sdk);
  try {
    const payloads = bodies(turns);
    progress(`http ${bot}/${sdk}: warm-up, ${options.warmUp} requests`);
    await load(server.url, payloads, options.warmUp, REPLY_CHECK[bot]);
    const warm = await server.memory();
    progress(`http ${bot}/${sdk}: ${options.amount} requests, ${CONNECTIONS} connections`);
    const { result, badReplies } = await load(server.url, payloads, options.amount, REPLY_CHECK[bot]);
    const after = await server.memory();
    return {
      bot,
      sdk,
      requests: result.requests.total,
      requestsPerSecond: result.requests.total / result.duration,
      latencyP50: result.latency.p50,
      latencyP99: result.latency.p99,
      latencyMax: result.latency.max,
      errors: result.errors + result.timeouts + result.non2xx + badReplies,
      rssAfterWarmUp: warm.rss,
      rssAfterRun: after.rss,
      heapAfterWarmUp: warm.heapUsed,
      heapAfterRun: after.heapUsed,
    };
  } finally {
    await stopChild(server.child);
  }
}
