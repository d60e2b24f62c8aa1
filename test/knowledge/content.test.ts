import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledgeChecked, LOCALES } from '../../src/knowledge/loadKnowledge';
import { normalise } from '../../src/language/normalise';
import { describeWithShared, SHARED_DIR, testAssistant } from '../support/assistant';

const { kb, problems } = loadKnowledgeChecked(DEFAULT_KNOWLEDGE_DIR);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('the knowledge content', () => {
  it('passes its schema with no problem in any file', () => {
    expect(problems).toEqual([]);
    expect(kb).toBeDefined();
  });

  it('has every topic in English and French with a title, answer, questions, keywords and sources', () => {
    for (const topic of kb!.topics) {
      for (const lang of LOCALES) {
        const side = topic[lang];
        expect({ topic: topic.id, lang, ok: side.title.length > 0 && side.answer.length > 0 && side.sources.length > 0 }).toEqual({
          topic: topic.id,
          lang,
          ok: true,
        });
        expect(side.questions.length).toBeGreaterThanOrEqual(8);
      }
      expect(topic.reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('has every response line in both languages with the same parameters', () => {
    const en = kb!.responses.en;
    const fr = kb!.responses.fr;
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const id of Object.keys(en)) expect({ id, params: params(fr[id]!) }).toEqual({ id, params: params(en[id]!) });
  });

  it('has every directory entry in both languages', () => {
    for (const entry of kb!.directory.values()) {
      expect(entry.names.en && entry.names.fr && entry.en.mla && entry.fr.mla).toBeTruthy();
      expect(entry.sources.length).toBeGreaterThan(0);
    }
  });

  it('never gives two topics the same alternative question', () => {
    const owner = new Map<string, string>();
    const shared: string[] = [];
    for (const topic of kb!.topics) {
      for (const lang of LOCALES) {
        for (const q of topic[lang].questions) {
          const key = normalise(q);
          const first = owner.get(key);
          if (first && first !== topic.id) shared.push(`${q} (${first}, ${topic.id})`);
          owner.set(key, topic.id);
        }
      }
    }
    expect(shared).toEqual([]);
  });

  it('retrieves each topic first for its own alternative questions', () => {
    const matcher = testAssistant().understander.matcher;
    const misses: string[] = [];
    for (const topic of kb!.topics) {
      for (const lang of LOCALES) {
        for (const q of topic[lang].questions) {
          const top = matcher.rank(matcher.analyse(q))[0]?.topicId;
          if (top !== topic.id) misses.push(`${topic.id} <- "${q}" (got ${top})`);
        }
      }
    }
    expect(misses).toEqual([]);
  });

  it('writes the U.S. entry as the Office of International Affairs with its number', () => {
    const us = kb!.directory.get('us')!;
    expect(us.en.mla).toMatch(/Office of International Affairs/);
    expect(us.contacts.phones.map((p) => p.number.replace(/\D/g, ''))).toContain('12025140000');
    expect(us.en.note).toMatch(/Canada team/);
  });
});

describeWithShared('the knowledge content against ../shared', () => {
  const factsDir = join(SHARED_DIR, 'facts');
  const facts = () => readdirSync(factsDir).map((f) => readFileSync(join(factsDir, f), 'utf8')).join('\n');
  const contentText = () =>
    filesUnder(DEFAULT_KNOWLEDGE_DIR)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => ({ file: f, text: readFileSync(f, 'utf8') }));

  it('covers every topic id of shared/spec/topics.json', () => {
    const spec = JSON.parse(readFileSync(join(SHARED_DIR, 'spec', 'topics.json'), 'utf8')) as { topics: Array<{ id: string }> };
    const missing = spec.topics.map((t) => t.id).filter((id) => !kb!.topicsById.has(id));
    expect(missing).toEqual([]);
  });

  it('holds no URL that the facts do not give', () => {
    const all = facts();
    const invented: string[] = [];
    for (const { file, text } of contentText()) {
      for (const url of text.match(/https?:\/\/[^\s"'\])>,]+/g) ?? []) {
        if (!all.includes(url)) invented.push(`${file}: ${url}`);
      }
    }
    expect(invented).toEqual([]);
  });

  it('holds no e-mail address that the facts do not give', () => {
    const all = facts().toLowerCase();
    const invented: string[] = [];
    for (const { file, text } of contentText()) {
      for (const email of text.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? []) {
        if (!all.includes(email.toLowerCase())) invented.push(`${file}: ${email}`);
      }
    }
    expect(invented).toEqual([]);
  });

  it('holds no telephone number that the facts do not give', () => {
    // Compare digits only: "(613) 957-4832" and "+1 613 957 4832" are one number.
    const factDigits = (facts().match(/\+?[\d][\d\s().\-/]{6,}\d/g) ?? []).map((p) => p.replace(/\D/g, ''));
    const invented: string[] = [];
    for (const { file, text } of contentText()) {
      for (const phone of text.match(/\+?\(?\d{2,4}\)?[\s.-]\d{2,4}[\s.-]?\d{2,4}(?:[\s.-]?\d{2,4})*/g) ?? []) {
        const digits = phone.replace(/\D/g, '');
        if (digits.length < 7 || /^(19|20)\d\d/.test(phone.trim())) continue; // years and dates are not numbers to call
        const known = factDigits.some((f) => f.endsWith(digits) || digits.endsWith(f) || f.includes(digits));
        if (!known) invented.push(`${file}: ${phone}`);
      }
    }
    expect(invented).toEqual([]);
  });

  it('gives the IAG contact details exactly as its About page', () => {
    const seed = readFileSync(join(factsDir, 'seed-about-iag.txt'), 'utf8');
    const iag = kb!.iagContact;
    for (const detail of [iag.phone, iag.fax, iag.email, '284 Wellington Street', 'K1A 0H8']) {
      expect(seed.replace(/\)(\d)/g, ') $1')).toContain(detail.replace(/\)(\d)/g, ') $1'));
    }
  });
});
