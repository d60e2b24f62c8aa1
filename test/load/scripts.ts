/**
 * Scripted conversations for the load test: each one a different, repeatable sequence drawn from
 * messages whose answers depend on what came before (a role asked for, then given; a country; a choice
 * by number; a switch of language; starting over), so a conversation that saw another's state would
 * answer differently from its own single-user replay.
 */
import { MemoryStorage } from '../../src/conversation/storage';
import { TurnRunner, type StoredConversation } from '../../src/conversation/turnRunner';
import type { Assistant } from '../../src/conversation/assistant';

export interface Script {
  id: string;
  locale: 'en-CA' | 'fr-CA';
  turns: string[];
}

export interface Outcome {
  route: string;
  topic?: string;
  contact?: string;
  intent?: string;
  locale: string;
}

/** Runs of messages that belong together; scripts are made by chaining runs. */
const RUNS: string[][] = [
  ['who do I contact?', 'I am a police officer', 'in France'],
  ['who do I contact?', '2', 'Germany'],
  ['who should I call?', 'I am a prosecutor in Ontario'],
  ['qui dois-je contacter?', 'je suis policier', 'en Belgique'],
  ['qui dois-je contacter?', '1'],
  ['I work for the police in Mexico', 'who do I contact?'],
  ['what is extradition?', 'and how long does it take?'],
  ['what is bail?', '1'],
  ["qu'est-ce que l'entraide juridique?", 'combien de temps ça prend?'],
  ['hello', 'thanks'],
  ['bonjour', 'merci'],
  ['en français svp', 'qui êtes-vous?'],
  ['in English please', 'what can you do?'],
  ['asdf qwer', 'zzzz', 'blah'],
  ['what is the status of my case?', 'start over'],
  ['can Canada refuse an extradition request?', 'what are assurances?'],
  ['what is double criminality?', 'what about speciality?'],
  ['how do I send a mutual legal assistance request to Canada?', 'what must it contain?'],
  ['my phone number is 613-555-0199', 'what is provisional arrest?'],
  ['we arrested him on 2026-11-02, when is the extradition request due from the United States?'],
];

/** A small, seeded generator (mulberry32): the same seed, the same scripts, on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeScripts(count: number, turnsEach: number, seed = 8): Script[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, n) => {
    const turns: string[] = [];
    while (turns.length < turnsEach) turns.push(...RUNS[Math.floor(next() * RUNS.length)]!);
    return { id: `load-${n}`, locale: next() < 0.5 ? 'en-CA' : 'fr-CA', turns: turns.slice(0, turnsEach) };
  });
}

export const outcomeOf = (o: Partial<Outcome> & { route: string; locale: string }): Outcome => ({
  route: o.route,
  ...(o.topic ? { topic: o.topic } : {}),
  ...(o.contact ? { contact: o.contact } : {}),
  ...(o.intent ? { intent: o.intent } : {}),
  locale: o.locale,
});

/** What one user alone gets: the script through a turn runner of its own, in memory. */
export async function replayAlone(assistant: Assistant, script: Script, at: number): Promise<Outcome[]> {
  const runner = new TurnRunner(assistant, new MemoryStorage<StoredConversation>());
  const outcomes: Outcome[] = [];
  for (const text of script.turns) {
    const result = await runner.handleMessage({
      text,
      locale: script.locale,
      conversationKey: script.id,
      at,
    });
    outcomes.push(outcomeOf({ ...result.outcome, locale: result.locale }));
  }
  return outcomes;
}
