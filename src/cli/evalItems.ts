import { readFileSync } from 'node:fs';
import { Assistant } from '../conversation/assistant';
import { MemoryStorage } from '../conversation/storage';
import { TurnRunner, type StoredConversation } from '../conversation/turnRunner';

/** One evaluation item (shared/spec/CONTRACT.md §4); expect/alt are ignored here. */
export interface EvalItem {
  id: string;
  locale?: string;
  turns: Array<{ text: string }>;
}

export interface ReplayLine {
  id: string;
  turn: number;
  route: string;
  topic?: string;
  contact?: string;
  intent?: string;
  locale: string;
  text: string;
}

/** Reads a JSONL file of items, naming the line of any item that is not valid. */
export function readItems(path: string): EvalItem[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const items: EvalItem[] = [];
  lines.forEach((line, n) => {
    if (!line.trim()) return;
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch {
      throw new Error(`${path}:${n + 1}: not valid JSON`);
    }
    const i = item as Partial<EvalItem>;
    if (typeof i.id !== 'string' || !Array.isArray(i.turns) || i.turns.some((t) => typeof t?.text !== 'string')) {
      throw new Error(`${path}:${n + 1}: an item needs "id" and "turns": [{"text": ...}]`);
    }
    items.push(i as EvalItem);
  });
  return items;
}

const ACTIVITY_LOCALE: Record<string, string> = { en: 'en-CA', fr: 'fr-CA' };

/**
 * Runs each item in a fresh conversation through the same runner the bot uses, turn by turn, and calls
 * back with one line per turn. A fixed clock keeps runs repeatable.
 */
export async function replayItems(
  assistant: Assistant,
  items: EvalItem[],
  onLine: (line: ReplayLine) => void,
  onProgress?: (done: number, total: number) => void,
  now = Date.parse('2026-11-29T12:00:00Z'),
): Promise<void> {
  let done = 0;
  for (const item of items) {
    const runner = new TurnRunner(assistant, new MemoryStorage<StoredConversation>());
    const locale = ACTIVITY_LOCALE[item.locale ?? 'en'] ?? item.locale;
    for (const [turn, { text }] of item.turns.entries()) {
      const result = await runner.handleMessage({ text, locale, conversationKey: item.id, at: now + turn * 1000 });
      const { route, topic, contact, intent } = result.outcome;
      onLine({
        id: item.id,
        turn,
        route,
        ...(topic ? { topic } : {}),
        ...(contact ? { contact } : {}),
        ...(intent ? { intent } : {}),
        locale: result.locale,
        text: result.messages.map((m) => m.text).join('\n'),
      });
    }
    done += 1;
    onProgress?.(done, items.length);
  }
}
