/**
 * npm run kb:check — validates every content file and reports each problem with its file and field.
 * Exits 1 when anything is wrong, so CI stops before a bad sentence reaches users.
 */
import './closedPipe';
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledgeChecked } from '../knowledge/loadKnowledge';

const root = process.argv[2] ?? DEFAULT_KNOWLEDGE_DIR;
const { kb, problems } = loadKnowledgeChecked(root);
const all = problems;
if (all.length > 0) {
  for (const p of all) console.error(`${p.file}  ${p.field}: ${p.message}`);
  console.error(`\nkb:check: ${all.length} problem(s) found.`);
  process.exit(1);
}
console.log(
  `kb:check: ok — ${kb!.topics.length} topics in English and French, ${kb!.directory.size} directory entries, ` +
    `${Object.keys(kb!.responses.en).length} response lines per language.`,
);
