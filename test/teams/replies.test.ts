import {
  teamsChannel,
  MemoryFeedbackStore,
  AnsweredTopics,
  type AdaptiveCard,
} from '../../src/channels/teams';
import type { OutgoingMessage } from '../../src/conversation/render';
import { MemoryStorage } from '../../src/conversation/storage';
import { TurnRunner, type StoredConversation } from '../../src/conversation/turnRunner';
import { FIXED_NOW, testAssistant } from '../support/assistant';
import { feedbackInvoke, personalMessage } from './activities';

const answer: OutgoingMessage = {
  kind: 'answer',
  title: 'What is extradition?',
  body: 'Extradition is the formal process by which one state asks another to surrender a person.',
  text: 'What is extradition?\nExtradition is the formal process...\nSources: https://laws-lois.justice.gc.ca/eng/acts/E-23.01/page-1.html https://www.justice.gc.ca/eng/cj-jp/emla-eej/extradition.html',
  sources: [
    'https://laws-lois.justice.gc.ca/eng/acts/E-23.01/page-1.html',
    'https://www.justice.gc.ca/eng/cj-jp/emla-eej/extradition.html',
  ],
};

describe('Teams: citations on answers', () => {
  it('carries the sources as a schema.org Message entity in the format Teams renders', () => {
    const { entities } = teamsChannel.replyParts(answer, 'en');
    expect(entities).toEqual([
      {
        type: 'https://schema.org/Message',
        '@type': 'Message',
        '@context': 'https://schema.org',
        '@id': '',
        citation: [
          {
            '@type': 'Claim',
            position: 1,
            appearance: {
              '@type': 'DigitalDocument',
              name: 'Extradition Act — Justice Laws Website',
              url: answer.sources![0],
              abstract: 'What is extradition?',
            },
          },
          {
            '@type': 'Claim',
            position: 2,
            appearance: {
              '@type': 'DigitalDocument',
              name: 'Department of Justice Canada',
              url: answer.sources![1],
              abstract: 'What is extradition?',
            },
          },
        ],
      },
    ]);
  });

  it('does not label answers as machine-generated: they are written content', () => {
    const [entity] = teamsChannel.replyParts(answer, 'en').entities;
    expect(entity).toBeDefined();
    expect(entity).not.toHaveProperty('additionalType');
  });

  it('puts a [n] marker in the text where each source link was', () => {
    const { text } = teamsChannel.replyParts(answer, 'en');
    expect(text).toContain('Sources: [1] [2]');
    expect(text).not.toContain('https://');
  });

  it('names sources in French for a French answer', () => {
    expect(teamsChannel.sourceName('https://laws-lois.justice.gc.ca/fra/lois/M-13.6/', 'fr')).toBe(
      "Loi sur l'entraide juridique en matière criminelle — Site Web de la législation",
    );
  });

  it('keeps names and abstracts within what Teams shows', () => {
    const long = { ...answer, title: 'x '.repeat(200) };
    const entity = teamsChannel.citationEntity(long, 'en')!;
    expect(entity.citation[0]!.appearance.abstract.length).toBeLessThanOrEqual(160);
    expect(
      teamsChannel.sourceName(`https://example.org/${'a'.repeat(300)}`, 'en').length,
    ).toBeLessThanOrEqual(80);
  });

  it('adds nothing to a message without sources', () => {
    const parts = teamsChannel.replyParts({ kind: 'text', text: 'Hello!' }, 'en');
    expect(parts).toEqual({ text: 'Hello!', entities: [] });
  });

  it('builds citations from a real answer of the assistant', async () => {
    const runner = new TurnRunner(testAssistant(), new MemoryStorage<StoredConversation>());
    const result = await runner.handleMessage({
      text: 'What is extradition?',
      conversationKey: 'cite',
      at: FIXED_NOW,
    });
    const message = result.messages.find((m) => m.kind === 'answer')!;
    const parts = teamsChannel.replyParts(message, result.locale);
    const entity = parts.entities[0] as ReturnType<typeof teamsChannel.citationEntity>;
    expect(entity!.citation.map((c) => c.appearance.url)).toEqual(message.sources);
    expect(parts.text).toMatch(/\[1\]/);
  });
});

describe('Teams: feedback buttons', () => {
  it('turns on the feedback loop on answers only', () => {
    expect(teamsChannel.replyParts(answer, 'en').channelData).toEqual({ feedbackLoopEnabled: true });
    expect(teamsChannel.replyParts({ kind: 'text', text: 'Hi' }, 'en').channelData).toBeUndefined();
    expect(
      teamsChannel.replyParts(
        { kind: 'contact', text: 'Call', sources: ['https://www.justice.gc.ca/'] },
        'en',
      ).channelData,
    ).toBeUndefined();
  });

  it('records the reaction, topic, language and time of a feedback click, and nothing personal', async () => {
    const answered = new AnsweredTopics();
    answered.remember('1764417601000', 'ext.definition');
    const store = new MemoryFeedbackStore();
    const invoke = feedbackInvoke('dislike');
    expect(teamsChannel.isFeedbackInvoke(invoke)).toBe(true);
    const record = teamsChannel.parseFeedback(invoke, {
      at: FIXED_NOW,
      topicOf: (id) => answered.topicOf(id),
    });
    await store.record(record!);
    const stored = await store.list();
    expect(stored).toEqual([
      {
        reaction: 'dislike',
        topic: 'ext.definition',
        locale: 'en',
        at: new Date(FIXED_NOW).toISOString(),
        channel: 'msteams',
      },
    ]);
    const serialised = JSON.stringify(stored);
    for (const secret of ['Jean Dupont', '2026-QC-4411', '514-555-0199', 'Alex', '29:1Qx7', 'feedbackText']) {
      expect(serialised).not.toContain(secret);
    }
    expect(teamsChannel.FEEDBACK_INVOKE_RESPONSE).toEqual({ status: 200, body: {} });
  });

  it('records a like without a known topic', () => {
    const record = teamsChannel.parseFeedback(feedbackInvoke('like'), { at: FIXED_NOW });
    expect(record).toEqual({
      reaction: 'like',
      locale: 'en',
      at: new Date(FIXED_NOW).toISOString(),
      channel: 'msteams',
    });
  });

  it('ignores invokes that are not a valid feedback click', () => {
    const other = feedbackInvoke();
    other.value = { actionName: 'somethingElse', actionValue: { reaction: 'like' } };
    expect(teamsChannel.parseFeedback(other, { at: FIXED_NOW })).toBeUndefined();
    const odd = feedbackInvoke();
    (odd.value as { actionValue: { reaction: string } }).actionValue.reaction = 'love';
    expect(teamsChannel.parseFeedback(odd, { at: FIXED_NOW })).toBeUndefined();
    expect(teamsChannel.parseFeedback(personalMessage(), { at: FIXED_NOW })).toBeUndefined();
  });

  it('summarises likes and dislikes per topic for the quality report', () => {
    const at = new Date(FIXED_NOW).toISOString();
    expect(
      teamsChannel.summariseFeedback([
        { reaction: 'like', topic: 'ext.definition', locale: 'en', at, channel: 'msteams' },
        { reaction: 'dislike', topic: 'ext.definition', locale: 'fr', at, channel: 'msteams' },
        { reaction: 'like', locale: 'en', at, channel: 'msteams' },
      ]),
    ).toEqual({ 'ext.definition': { like: 1, dislike: 1 }, '(unknown)': { like: 1, dislike: 0 } });
  });

  it('forgets the oldest answered topics first', () => {
    const answered = new AnsweredTopics(2);
    answered.remember('a', 't1');
    answered.remember('b', 't2');
    answered.remember('c', 't3');
    expect([answered.topicOf('a'), answered.topicOf('b'), answered.topicOf('c')]).toEqual([
      undefined,
      't2',
      't3',
    ]);
  });
});

describe('Teams: Adaptive Cards', () => {
  const submit = (i: number) => ({ type: 'Action.Submit', title: `Choice ${i}`, data: { value: `c${i}` } });
  const crowded: AdaptiveCard = {
    type: 'AdaptiveCard',
    body: [
      { type: 'TextBlock', text: 'Pick one' },
      { type: 'ActionSet', actions: [1, 2, 3, 4, 5, 6, 7, 8].map(submit) },
    ],
    actions: [1, 2, 3, 4, 5, 6, 7].map(submit),
  };

  it('finds a missing version and too many actions, naming where', () => {
    expect(teamsChannel.cardProblems(crowded)).toEqual([
      'version: must be set, 1.0 to 1.5 (is undefined)',
      'body[1].actions: 8 actions, at most 6',
      'actions: 7 actions, at most 6',
    ]);
  });

  it('limitActions sets the version and keeps the first six actions of every list', () => {
    const limited = teamsChannel.limitActions(crowded);
    expect(teamsChannel.cardProblems(limited)).toEqual([]);
    expect(limited.version).toBe('1.5');
    expect(limited.actions).toEqual([1, 2, 3, 4, 5, 6].map(submit));
    expect(crowded.actions).toHaveLength(7);
  });

  it('keeps a version the card already names', () => {
    expect(teamsChannel.limitActions({ type: 'AdaptiveCard', version: '1.4' }).version).toBe('1.4');
  });
});

describe('Teams: replies as sent', () => {
  const options = {
    locale: 'en' as const,
    outcome: { route: 'answer' as const, topic: 'ext.definition' },
    sourcesLabel: 'Sources',
  };
  const routeEntity = { type: 'iag.route', route: 'answer', topic: 'ext.definition', locale: 'en' };

  it('sends an answer as text with its citations, the feedback buttons and the route entity', () => {
    const [activity] = teamsChannel.render([answer], options);
    expect(activity!.attachments).toBeUndefined();
    expect(activity!.text).toContain('Sources: [1] [2]');
    expect(activity!.entities).toEqual([teamsChannel.citationEntity(answer, 'en'), routeEntity]);
    expect(activity!.channelData).toEqual({ feedbackLoopEnabled: true });
  });

  it('cuts a long choice list to six buttons and still shows every option in the card text', () => {
    const choices = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => ({ value: `c${i}`, label: `Option ${i}` }));
    const message: OutgoingMessage = {
      kind: 'choices',
      body: 'Which one?',
      text: ['Which one?', ...choices.map((c, i) => `${i + 1}. ${c.label}`)].join('\n'),
      choices,
    };
    const [activity] = teamsChannel.render([message], { ...options, outcome: { route: 'clarify' } });
    const card = activity!.attachments![0]!.content as AdaptiveCard;
    expect(teamsChannel.cardProblems(card)).toEqual([]);
    expect(card.actions).toHaveLength(6);
    expect(JSON.stringify(card.body)).toContain('8. Option 8');
    expect(activity!.channelData).toBeUndefined();
  });

  it('keeps a contact as a card with its links, within the Teams limits', () => {
    const contact: OutgoingMessage = {
      kind: 'contact',
      text: 'Call the IAG',
      title: 'International Assistance Group',
      contactLines: [{ label: 'Phone', value: '613-957-4758', href: 'tel:+16139574758' }],
      sources: Array.from({ length: 8 }, (_, i) => `https://www.justice.gc.ca/page-${i}.html`),
    };
    const [activity] = teamsChannel.render([contact], {
      ...options,
      outcome: { route: 'contact', contact: 'iag' },
    });
    const card = activity!.attachments![0]!.content as AdaptiveCard;
    expect(teamsChannel.cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('tel:+16139574758');
    expect(activity!.entities).toEqual([
      { type: 'iag.route', route: 'contact', contact: 'iag', locale: 'en' },
    ]);
  });
});
