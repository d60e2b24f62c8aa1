/**
 * npm run kb:confusion [-- --topic ID] [--show N]
 * Leave-one-out check of the content: which topics' questions are mistaken for which other topics.
 * For content editors: the weakest topics and pairs are where new distinguishing questions help most.
 */
import './closedPipe';
import { createAssistant } from '../core';
import { crossValidate } from '../knowledge/crossValidate';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const topic = option('--topic');
const show = Number(option('--show') ?? 20);

const result = crossValidate(createAssistant().understander.matcher);
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
console.log(`Leave-one-out: ${result.correct}/${result.total} questions find their own topic (${pct(result.correct, result.total)}).\n`);
console.log('Weakest topics:');
const topics = [...result.perTopic.entries()].sort((a, b) => a[1].correct / a[1].total - b[1].correct / b[1].total);
for (const [id, s] of topics.slice(0, topic ? topics.length : 10)) {
  if (!topic || id === topic) console.log(`  ${id.padEnd(28)} ${pct(s.correct, s.total).padStart(6)}  (${s.correct}/${s.total})`);
}
console.log('\nMost confused pairs (questions of the first topic taken for the second):');
for (const c of result.confusions.filter((c) => !topic || c.from === topic || c.to === topic).slice(0, show)) {
  console.log(`  ${c.from} -> ${c.to}: ${c.count}`);
}
if (topic) {
  console.log(`\nQuestions of ${topic} taken for another topic:`);
  for (const m of result.misses.filter((m) => m.topic === topic)) console.log(`  [${m.got}] ${m.text}`);
}
