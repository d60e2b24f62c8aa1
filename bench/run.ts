/**
 * `npm run bench`: measures the assistant and prints every figure with its target as a Markdown table
 * on stdout (progress on stderr), and writes bench/results/latest.json. Targets are reported, never
 * enforced: absolute times on a shared machine vary from run to run, which is why HTTP throughput is
 * compared with an echo bot measured in the same run.
 *
 * Settings (environment): BENCH_SDK (agents | botbuilder, default agents), BENCH_PASSES (timed passes
 * over the turns, default 3), BENCH_HTTP_TURNS (requests per HTTP run, default 10000), BENCH_COLD_RUNS
 * (cold starts, the median is reported, default 3), BENCH_SEARCH_FACTORS (default "1,10,100").
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAssistant } from '../src/core';
import type { BotSdk } from '../src/hosts';
import { warmUpDates } from '../src/language/dates';
import { ROOT } from './childProcess';
import { measureColdStart } from './coldStart';
import { allTurns, loadTurnSource } from './evalTurns';
import { measureHttp } from './httpLoad';
import { figure, markdownTable, type Figure } from './report';
import { measureSearch } from './searchLatency';
import { progress, summarise } from './stats';
import { measureTurnLatency } from './turnLatency';

const MB = 1024 * 1024;

function setting(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

async function main(): Promise<void> {
  const sdk: BotSdk = process.env.BENCH_SDK === 'botbuilder' ? 'botbuilder' : 'agents';
  const passes = setting('BENCH_PASSES', 3);
  const httpTurns = setting('BENCH_HTTP_TURNS', 10_000);
  const coldRuns = setting('BENCH_COLD_RUNS', 3);
  const factors = (process.env.BENCH_SEARCH_FACTORS ?? '1,10,100')
    .split(',')
    .map(Number)
    .filter((n) => n >= 1);
  const { source, items } = loadTurnSource();
  const turns = allTurns(items);
  if (!source.startsWith('../shared/')) progress(source);
  progress(`${items.length} items, ${turns.length} turns from ${source}`);

  progress(`cold start x${coldRuns}`);
  const coldStarts: number[] = [];
  for (let run = 0; run < coldRuns; run++) coldStarts.push(await measureColdStart());
  const coldStart = summarise(coldStarts);

  progress('in-process turns: loading the assistant and the date models');
  const assistant = createAssistant();
  warmUpDates();
  progress(`in-process turns: warm-up pass, then ${passes} timed passes`);
  const turnLatency = measureTurnLatency(assistant, items, passes);

  const search = factors.map((factor) =>
    measureSearch(
      assistant.kb,
      turns.map((t) => t.text),
      factor,
    ),
  );

  const echo = await measureHttp('echo', sdk, turns, { warmUp: 1000, amount: httpTurns });
  const served = await measureHttp('assistant', sdk, turns, { warmUp: 1000, amount: httpTurns });
  const growth = ((served.rssAfterRun - served.rssAfterWarmUp) / served.rssAfterWarmUp) * 100;

  const figures: Figure[] = [
    figure('in-process turn p50', turnLatency.p50, 'ms'),
    figure('in-process turn p99', turnLatency.p99, 'ms', { op: '<=', value: 5 }),
    figure('in-process turn max', turnLatency.max, 'ms'),
    ...search.flatMap((s) => [
      figure(`search p50, ${s.topics} topics (x${s.factor})`, s.latency.p50, 'ms'),
      figure(`search p99, ${s.topics} topics (x${s.factor})`, s.latency.p99, 'ms'),
      figure(`search index build, ${s.topics} topics (x${s.factor})`, s.buildMs, 'ms'),
    ]),
    figure(`HTTP echo bot (${sdk}) throughput`, echo.requestsPerSecond, 'req/s'),
    figure(`HTTP echo bot (${sdk}) latency p50`, echo.latencyP50, 'ms'),
    figure(`HTTP echo bot (${sdk}) latency p99`, echo.latencyP99, 'ms'),
    figure(`HTTP assistant (${sdk}) throughput`, served.requestsPerSecond, 'req/s'),
    figure(`HTTP assistant (${sdk}) latency p50`, served.latencyP50, 'ms'),
    figure(`HTTP assistant (${sdk}) latency p99`, served.latencyP99, 'ms'),
    figure(
      'HTTP throughput, assistant / echo bot',
      (served.requestsPerSecond / echo.requestsPerSecond) * 100,
      '%',
      {
        op: '>=',
        value: 80,
      },
    ),
    figure('HTTP errors (both bots)', echo.errors + served.errors, '', { op: '<=', value: 0 }),
    figure(`cold start to /healthz 200 (median of ${coldStarts.length})`, coldStart.p50, 'ms', {
      op: '<=',
      value: 5000,
    }),
    figure('RSS after warm-up', served.rssAfterWarmUp / MB, 'MB', { op: '<=', value: 250 }),
    figure(`RSS after ${served.requests.toLocaleString('en-CA')} more turns`, served.rssAfterRun / MB, 'MB', {
      op: '<=',
      value: 250,
    }),
    figure('RSS growth over those turns', growth, '%', { op: '<=', value: 10 }),
    figure('heap after warm-up (after GC)', served.heapAfterWarmUp / MB, 'MB'),
    figure('heap after those turns (after GC)', served.heapAfterRun / MB, 'MB'),
  ];

  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryMB: Math.round(totalmem() / MB),
    node: process.version,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  };
  const results = {
    generatedAt: new Date().toISOString(),
    machine,
    turnsSource: source,
    items: items.length,
    turns: turns.length,
    sdk,
    figures,
    details: { turnLatency, coldStartsMs: coldStarts, search, http: { echo, assistant: served } },
  };
  const folder = join(ROOT, 'bench', 'results');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);

  const failed = figures.filter((f) => f.pass === false).length;
  process.stdout.write(
    [
      `## IAG Assistant benchmark (${results.generatedAt})`,
      '',
      `${machine.cpus} × ${machine.cpu}, ${machine.memoryMB} MB, Node ${machine.node}, load average ${machine.loadAverage.join(' / ')} at the end.`,
      `Turns: ${turns.length} from ${items.length} items of ${source}. SDK host: ${sdk}.`,
      '',
      markdownTable(figures),
      '',
      failed ? `${failed} figure(s) missed their target.` : 'Every figure with a target met it.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
