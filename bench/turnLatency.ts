/**
 * In-process turn latency: understand + dialog machine + render (Assistant.message), no storage and no
 * HTTP, over every turn of every item, each item in a fresh dialog as the replay does. One pass warms
 * up (JIT, lazily built tables, the date models), then every turn is timed over `passes` passes.
 */
import type { Assistant } from '../src/conversation/assistant';
import type { EvalItem } from '../src/cli/evalItems';
import { summarise, type Summary } from './stats';

const BENCH_NOW = Date.parse('2026-11-29T12:00:00Z');

function replay(assistant: Assistant, items: readonly EvalItem[], record: (ms: number) => void): void {
  for (const item of items) {
    let dialog = assistant.newDialog(item.locale === 'fr' ? 'fr' : 'en');
    for (const [turn, { text }] of item.turns.entries()) {
      const start = process.hrtime.bigint();
      const result = assistant.message(dialog, text, BENCH_NOW + turn * 1000);
      record(Number(process.hrtime.bigint() - start) / 1e6);
      dialog = result.dialog;
    }
  }
}

export function measureTurnLatency(
  assistant: Assistant,
  items: readonly EvalItem[],
  passes: number,
): Summary {
  replay(assistant, items, () => undefined);
  const samples: number[] = [];
  for (let pass = 0; pass < passes; pass++) replay(assistant, items, (ms) => samples.push(ms));
  return summarise(samples);
}
