/**
 * npm run eval — replays the development questions and the CLINC150 out-of-scope queries from
 * ../shared/eval through the same pipeline as the bot, then prints the scorer's tables.
 * Extra arguments are passed to the scorer (e.g. `npm run eval -- --show 40`).
 */
import './closedPipe';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createAssistant } from '../core';
import { readItems, replayItems } from './evalItems';

const SHARED_EVAL = resolve(__dirname, '..', '..', '..', 'shared', 'eval');
const SETS = ['dev.jsonl', 'clinc150-val.jsonl'];

async function main(): Promise<number> {
  const scorer = join(SHARED_EVAL, 'score.mjs');
  const missing = [scorer, ...SETS.map((s) => join(SHARED_EVAL, s))].filter((f) => !existsSync(f));
  if (missing.length > 0) {
    console.error(`eval: the evaluation sets are not available here (missing ${missing.join(', ')}).`);
    return 2;
  }
  const assistant = createAssistant();
  const outDir = mkdtempSync(join(tmpdir(), 'iag-eval-'));
  for (const set of SETS) {
    const path = join(SHARED_EVAL, set);
    const items = readItems(path);
    const lines: string[] = [];
    const started = Date.now();
    await replayItems(
      assistant,
      items,
      (line) => lines.push(JSON.stringify(line)),
      (done, total) => {
        if (done % 50 === 0 || done === total) process.stderr.write(`\reval: ${set} ${done}/${total} items`);
      },
    );
    process.stderr.write(` (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    const actual = join(outDir, set.replace('.jsonl', '.replay.jsonl'));
    writeFileSync(actual, lines.join('\n') + '\n');
    console.log(`\n## ${set}\n`);
    const scored = spawnSync(process.execPath, [scorer, '--set', path, '--actual', actual, ...process.argv.slice(2)], {
      stdio: 'inherit',
    });
    if (scored.status !== 0) return scored.status ?? 1;
  }
  console.log(`\nreplay output kept in ${outDir}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`eval: ${error.message}`);
    process.exit(1);
  },
);
