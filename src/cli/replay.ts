/**
 * npm run --silent replay -- FILE.jsonl
 * Prints one JSON line per turn on stdout (shared/spec/CONTRACT.md §4); progress and errors on stderr.
 */
import './closedPipe';
import { createAssistant } from '../core';
import { readItems, replayItems } from './evalItems';

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: npm run --silent replay -- FILE.jsonl\n');
    return 2;
  }
  const items = readItems(file);
  const assistant = createAssistant();
  const out: string[] = [];
  await replayItems(
    assistant,
    items,
    (line) => {
      out.push(JSON.stringify(line));
      if (out.length >= 200) process.stdout.write(out.splice(0).join('\n') + '\n');
    },
    (done, total) => {
      if (done % 100 === 0 || done === total) process.stderr.write(`replay: ${done}/${total} items\r${done === total ? '\n' : ''}`);
    },
  );
  if (out.length) process.stdout.write(out.join('\n') + '\n');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`replay: ${error.message}\n`);
    process.exit(1);
  },
);
