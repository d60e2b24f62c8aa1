import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { AppError } from '../errors';
import { checkContentRules } from './contentRules';
import {
  agenciesSchema,
  countriesSchema,
  deadlinesSchema,
  directoryEntrySchema,
  followUpsSchema,
  iagContactSchema,
  type IagContact,
  outOfScopeSchema,
  phrasesSchema,
  responsesSchema,
  synonymsSchema,
  topicSchema,
  type AgenciesTable,
  type CountriesTable,
  type DeadlinesTable,
  type DirectoryEntry,
  type FollowUpsTable,
  type OutOfScopeTable,
  type PhrasesTable,
  type ResponsesTable,
  type SynonymsTable,
  type Topic,
} from './schema';

export type Locale = 'en' | 'fr';
export const LOCALES: readonly Locale[] = ['en', 'fr'];

export interface KnowledgeBase {
  topics: Topic[];
  topicsById: Map<string, Topic>;
  directory: Map<string, DirectoryEntry>;
  countries: CountriesTable;
  agencies: AgenciesTable;
  synonyms: SynonymsTable;
  phrases: PhrasesTable;
  outOfScope: OutOfScopeTable;
  followUps: FollowUpsTable;
  deadlines: DeadlinesTable;
  iagContact: IagContact;
  responses: Record<Locale, ResponsesTable>;
}

/** One problem found in the content, with the file and the field it concerns. */
export interface ContentProblem {
  file: string;
  field: string;
  message: string;
}

export interface LoadResult {
  kb?: KnowledgeBase;
  problems: ContentProblem[];
}

/** Reads and validates every content file, collecting all problems rather than stopping at the first. */
export function loadKnowledgeChecked(root: string): LoadResult {
  const problems: ContentProblem[] = [];
  const rel = (file: string) => relative(process.cwd(), file) || file;

  function read<S extends z.ZodType>(file: string, schema: S): z.infer<S> | undefined {
    if (!existsSync(file)) {
      problems.push({ file: rel(file), field: '(file)', message: 'file is missing' });
      return undefined;
    }
    let data: unknown;
    try {
      data = parse(readFileSync(file, 'utf8'));
    } catch (error) {
      problems.push({ file: rel(file), field: '(yaml)', message: (error as Error).message.split('\n')[0] ?? 'invalid YAML' });
      return undefined;
    }
    const result = schema.safeParse(data);
    if (!result.success) {
      for (const issue of result.error.issues) {
        problems.push({ file: rel(file), field: issue.path.join('.') || '(root)', message: issue.message });
      }
      return undefined;
    }
    return result.data;
  }

  function readFolder<S extends z.ZodType>(folder: string, schema: S): Array<{ file: string; data: z.infer<S> }> {
    if (!existsSync(folder)) {
      problems.push({ file: rel(folder), field: '(folder)', message: 'folder is missing' });
      return [];
    }
    return readdirSync(folder)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .flatMap((f) => {
        const file = join(folder, f);
        const data = read(file, schema);
        return data === undefined ? [] : [{ file, data }];
      });
  }

  const topicFiles = readFolder(join(root, 'topics'), topicSchema);
  const topics: Topic[] = [];
  for (const { file, data } of topicFiles) {
    if (`${data.id}.yaml` !== file.split('/').pop()) {
      problems.push({ file: rel(file), field: 'id', message: `id "${data.id}" does not match the file name` });
    }
    topics.push(data);
  }
  const topicsById = new Map(topics.map((t) => [t.id, t]));
  for (const topic of topics) {
    topic.related.forEach((id, i) => {
      if (!topicsById.has(id)) {
        problems.push({ file: rel(join(root, 'topics', `${topic.id}.yaml`)), field: `related.${i}`, message: `unknown topic "${id}"` });
      }
    });
  }

  const directory = new Map<string, DirectoryEntry>();
  for (const { file, data } of readFolder(join(root, 'directory'), directoryEntrySchema)) {
    if (`${data.country}.yaml` !== file.split('/').pop()) {
      problems.push({ file: rel(file), field: 'country', message: `country "${data.country}" does not match the file name` });
    }
    directory.set(data.country, data);
  }

  const lang = (name: string) => join(root, 'language', name);
  const countries = read(lang('countries.yaml'), countriesSchema);
  const agencies = read(lang('agencies.yaml'), agenciesSchema);
  const synonyms = read(lang('synonyms.yaml'), synonymsSchema);
  const phrases = read(lang('phrases.yaml'), phrasesSchema);
  const outOfScope = read(lang('out-of-scope.yaml'), outOfScopeSchema);
  const followUps = read(lang('follow-ups.yaml'), followUpsSchema);
  const deadlines = read(join(root, 'deadlines.yaml'), deadlinesSchema);
  const iagContact = read(join(root, 'iag-contact.yaml'), iagContactSchema);
  const en = read(join(root, 'responses', 'en.yaml'), responsesSchema);
  const fr = read(join(root, 'responses', 'fr.yaml'), responsesSchema);

  if (en && fr) {
    for (const id of Object.keys(en)) {
      if (!(id in fr)) problems.push({ file: rel(join(root, 'responses', 'fr.yaml')), field: id, message: 'missing: exists in en.yaml' });
    }
    for (const id of Object.keys(fr)) {
      if (!(id in en)) problems.push({ file: rel(join(root, 'responses', 'en.yaml')), field: id, message: 'missing: exists in fr.yaml' });
    }
  }
  if (followUps) {
    for (const [kind, followUp] of Object.entries(followUps.kinds)) {
      for (const target of Object.values(followUp.targets)) {
        if (!topicsById.has(target)) {
          problems.push({ file: rel(lang('follow-ups.yaml')), field: `kinds.${kind}.targets`, message: `unknown topic "${target}"` });
        }
      }
    }
  }
  if (deadlines) {
    deadlines.rules.forEach((rule, i) => {
      if (!topicsById.has(rule.topic)) {
        problems.push({ file: rel(join(root, 'deadlines.yaml')), field: `rules.${i}.topic`, message: `unknown topic "${rule.topic}"` });
      }
    });
  }

  if (problems.length > 0 || !countries || !agencies || !synonyms || !phrases || !outOfScope || !followUps || !deadlines || !iagContact || !en || !fr) {
    return { problems };
  }
  const kb: KnowledgeBase = { topics, topicsById, directory, countries, agencies, synonyms, phrases, outOfScope, followUps, deadlines, iagContact, responses: { en, fr } };
  const ruleProblems = checkContentRules(kb);
  return ruleProblems.length > 0 ? { problems: ruleProblems } : { kb, problems };
}

/** Loads the content or stops with IAG_E_CONTENT_INVALID naming every file and field at fault. */
export function loadKnowledge(root: string): KnowledgeBase {
  const { kb, problems } = loadKnowledgeChecked(root);
  if (!kb) {
    const list = problems.map((p) => `  ${p.file} ${p.field}: ${p.message}`).join('\n');
    throw new AppError('IAG_E_CONTENT_INVALID', `${problems.length} problem(s) in ${root}:\n${list}`);
  }
  return kb;
}

export const DEFAULT_KNOWLEDGE_DIR = join(__dirname, '..', '..', 'knowledge');
