/**
 * Renders the machine's replies (ids with parameters) into channel-neutral messages: a full plain text
 * that any channel can show, plus the structure (title, sources, contact lines, choices) that channels
 * with cards use. Every word comes from knowledge/: responses, topics, the directory, the IAG's contact.
 */
import type { KnowledgeBase, Locale } from '../knowledge/loadKnowledge';
import type { Reply } from '../../dialogs/types';
import type { Choice } from '../../dialogs/understand';

export interface ContactLine {
  label: string;
  value: string;
  /** tel: or mailto: or https: link */
  href?: string;
}

export interface OutgoingMessage {
  kind: 'text' | 'answer' | 'contact' | 'choices';
  /** the whole message as plain text: what text-only channels show and what replay prints */
  text: string;
  title?: string;
  body?: string;
  notes?: string[];
  sources?: string[];
  contactLines?: ContactLine[];
  choices?: Array<{ value: string; label: string }>;
  /** suggested follow-up questions (topic ids with their titles) */
  suggestions?: Array<{ value: string; label: string }>;
}

export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  return `tel:${digits.startsWith('+') ? digits : `+1${digits}`}`;
}

export class Renderer {
  constructor(private readonly kb: KnowledgeBase) {}

  line(locale: Locale, id: string, params: Record<string, string | number> = {}): string {
    const template = this.kb.responses[locale][id];
    if (template === undefined) throw new Error(`missing response "${id}" in ${locale}`);
    return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
  }

  countryName(code: string, locale: Locale): string {
    const entry = this.kb.directory.get(code);
    if (entry) return entry.names[locale];
    const names = this.kb.countries.countries[code];
    return names?.[locale][0] ?? names?.en[0] ?? code.toUpperCase();
  }

  topicTitles(id: string): Record<Locale, string> {
    const topic = this.kb.topicsById.get(id);
    return { en: topic?.en.title ?? id, fr: topic?.fr.title ?? id };
  }

  render(replies: readonly Reply[], locale: Locale): OutgoingMessage[] {
    return replies.map((reply) => this.renderOne(reply, locale));
  }

  private text(text: string): OutgoingMessage {
    return { kind: 'text', text };
  }

  private choices(intro: string, choices: Choice[], locale: Locale): OutgoingMessage {
    const list = choices.map((c) => ({ value: c.value, label: c.labels[locale] }));
    const numbered = list.map((c, i) => `${i + 1}. ${c.label}`).join('\n');
    return { kind: 'choices', text: `${intro}\n${numbered}\n${this.line(locale, 'clarify.choiceHint')}`, body: intro, choices: list };
  }

  private renderOne(reply: Reply, locale: Locale): OutgoingMessage {
    switch (reply.id) {
      case 'welcome': {
        const suggestions = ['coop.extradition-vs-mla', 'iag.who-contacts', 'ext.process'].map((id) => ({
          value: id,
          label: this.topicTitles(id)[locale],
        }));
        const intro = this.line(locale, 'welcome.intro');
        return { kind: 'text', text: intro, body: intro, suggestions };
      }
      case 'answer.topic':
        return this.renderAnswer(reply.topic, locale, reply.audience);
      case 'contact.iag':
        return this.renderIagContact(locale);
      case 'contact.country':
        return this.renderCountryContact(reply.country, locale);
      case 'contact.own': {
        const body = this.line(locale, 'contact.own.intro');
        const example = this.line(locale, 'contact.own.usExample');
        return { kind: 'contact', text: `${body}\n${example}`, body, notes: [example] };
      }
      case 'smalltalk': {
        const text = this.line(locale, `smalltalk.${reply.intent}`);
        if (reply.intent !== 'help') return this.text(text);
        const suggestions = ['ext.definition', 'mla.definition', 'iag.who-contacts', 'ext.provisional-arrest'].map((id) => ({
          value: id,
          label: this.topicTitles(id)[locale],
        }));
        return { kind: 'text', text, body: text, suggestions };
      }
      case 'language.repeat':
        return this.text(this.line(locale, 'smalltalk.languageRepeat'));
      case 'clarify.didYouMean':
        return this.choices(this.line(locale, 'clarify.didYouMean'), reply.choices, locale);
      case 'clarify.askRole':
        return this.choices(this.line(locale, 'clarify.askRole'), reply.choices, locale);
      case 'clarify.askCountry':
        return this.choices(this.line(locale, 'clarify.askCountry'), reply.choices, locale);
      case 'clarify.speakerNoted':
        return this.text(this.line(locale, 'clarify.speakerNoted'));
      case 'clarify.rephrase':
        return this.text(this.line(locale, 'clarify.rephrase'));
      case 'fallback.outOfScope':
      case 'fallback.elsewhere':
      case 'fallback.caseDecline':
      case 'fallback.offerContact':
      case 'privacy.reminder':
        return this.text(this.line(locale, reply.id));
      case 'deadline.computed': {
        const text = this.line(locale, 'deadline.computed', {
          arrestDate: this.formatDate(reply.arrestDate, locale),
          dueDate: this.formatDate(reply.dueDate, locale),
          days: reply.days,
          rule: reply.rule,
        });
        const topic = this.kb.topicsById.get('ext.deadlines');
        return { kind: 'answer', text, body: text, title: topic?.[locale].title, sources: topic?.[locale].sources };
      }
    }
  }

  formatDate(iso: string, locale: Locale): string {
    return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${iso}T00:00:00Z`),
    );
  }

  private renderAnswer(topicId: string, locale: Locale, audience?: 'public'): OutgoingMessage {
    const topic = this.kb.topicsById.get(topicId);
    if (!topic) throw new Error(`unknown topic "${topicId}"`);
    const content = topic[locale];
    const notes: string[] = [];
    if (audience === 'public') notes.push(this.line(locale, 'answer.publicRole'));
    if (topic.disclaimer) notes.push(this.line(locale, 'answer.disclaimer'));
    const suggestions = topic.related
      .filter((id) => this.kb.topicsById.has(id))
      .slice(0, 3)
      .map((id) => ({ value: id, label: this.topicTitles(id)[locale] }));
    const text = [
      content.title,
      content.answer,
      ...notes,
      `${this.line(locale, 'answer.sources')}: ${content.sources.join(' ')}`,
    ].join('\n');
    return { kind: 'answer', text, title: content.title, body: content.answer, notes, sources: content.sources, suggestions };
  }

  private renderIagContact(locale: Locale): OutgoingMessage {
    const c = this.kb.iagContact;
    const lines: ContactLine[] = [
      { label: this.line(locale, 'contact.label.address'), value: c.address[locale] },
      { label: this.line(locale, 'contact.label.phone'), value: c.phone, href: telHref(c.phone) },
      { label: this.line(locale, 'contact.label.fax'), value: c.fax },
      { label: this.line(locale, 'contact.label.email'), value: c.email, href: `mailto:${c.email}` },
      { label: this.line(locale, 'contact.label.website'), value: c.website[locale], href: c.website[locale] },
    ];
    const title = this.line(locale, 'contact.iag.title');
    const body = this.line(locale, 'contact.iag.intro');
    const text = [body, title, ...lines.map((l) => `${l.label}: ${l.value}`)].join('\n');
    return { kind: 'contact', text, title, body, contactLines: lines, sources: c.sources };
  }

  private renderCountryContact(code: string, locale: Locale): OutgoingMessage {
    const country = this.countryName(code, locale);
    const entry = this.kb.directory.get(code);
    const body = this.line(locale, 'contact.country.intro', { country });
    if (!entry) {
      const note = this.line(locale, 'contact.country.notInDirectory', { country });
      return { kind: 'contact', text: `${body}\n${note}`, title: country, body, notes: [note] };
    }
    const own = entry[locale];
    const lines: ContactLine[] = [];
    for (const phone of entry.contacts.phones) {
      const label = phone.label?.[locale] ?? this.line(locale, 'contact.label.phone');
      lines.push({ label, value: phone.number, href: /fax|télécopieur/i.test(label) ? undefined : telHref(phone.number) });
    }
    for (const email of entry.contacts.emails) {
      lines.push({ label: this.line(locale, 'contact.label.email'), value: email, href: `mailto:${email}` });
    }
    if (entry.contacts.website) {
      lines.push({ label: this.line(locale, 'contact.label.website'), value: entry.contacts.website, href: entry.contacts.website });
    }
    const notes = [
      this.line(locale, 'contact.country.authority', { mla: own.mla }),
      ...(own.extradition !== own.mla ? [this.line(locale, 'contact.country.extradition', { extradition: own.extradition })] : []),
      ...(own.note ? [own.note] : []),
      entry.confidence === 'low' || entry.contacts.contactsConfidence === 'low'
        ? this.line(locale, 'contact.country.lowConfidence')
        : this.line(locale, 'contact.country.confidence', {
            confidence: this.line(locale, `confidence.${entry.confidence}`),
            verified: entry.verified,
          }),
    ];
    const text = [body, country, ...notes, ...lines.map((l) => `${l.label}: ${l.value}`)].join('\n');
    return { kind: 'contact', text, title: country, body, notes, contactLines: lines, sources: entry.sources };
  }
}
