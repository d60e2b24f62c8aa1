import { Writable } from 'node:stream';
import { conversationKey, logKey } from '../../src/channels/conversationKey';
import { createLogger, redactPersonalData } from '../../src/logging';
import {
  activitiesOf,
  expectReplies,
  message,
  post,
  SDKS,
  startApp,
  startConnector,
  warmUp,
  type Json,
} from './support';

beforeAll(warmUp, 120_000);

const SEEDED = {
  phones: ['613-957-4832', '+33 1 23 45 67 89', '(514) 555 0199', '0612345678'],
  emails: ['jean.tremblay@example.ca', 'agent.smith@police.example.fr'],
  words: ['Zanzibarquux', 'Kowalczykowna'],
};
const ALL = [...SEEDED.phones, ...SEEDED.emails, ...SEEDED.words];
const digitsOf = (s: string) => s.replace(/\D/g, '');

/** A conversation whose log key has digits a phone recognizer takes for a number. */
function conversationWithPhoneLikeKey(channelId: string): { id: string; key: string } {
  for (let n = 0; ; n++) {
    const id = `phone-like-${n}`;
    const key = logKey(conversationKey(channelId, id));
    if (redactPersonalData(key) !== key) return { id, key };
  }
}

describe.each(SDKS)('the logs of the %s host', (sdk) => {
  it('hold one line per step with a hashed key, and never the text, a phone number or an e-mail', async () => {
    const app = await startApp(sdk);
    const connector = await startConnector();
    try {
      const texts = [
        `my name is ${SEEDED.words[0]}, call me at ${SEEDED.phones[0]} or ${SEEDED.phones[1]}`,
        `email ${SEEDED.emails[0]} about extradition of ${SEEDED.words[1]}`,
        `who do I contact? ${SEEDED.emails[1]} ${SEEDED.phones[2]} ${SEEDED.phones[3]}`,
      ];
      for (const text of texts) await post(app.url, expectReplies('secret-conversation-id', { text }));
      await post(
        app.url,
        message('secret-conversation-id', { serviceUrl: connector.serviceUrl, text: texts[0] }),
      );
      await connector.messages(1);
      // Bad requests and errors log too: they must not echo the body either.
      await post(app.url, `{"text": "${SEEDED.emails[0]}", "broken`);
      await post(app.url, { ...expectReplies('x', { text: SEEDED.phones[0] }), type: 7 });

      const output = app.logs.join('\n');
      for (const secret of ALL) expect(output).not.toContain(secret);
      for (const phone of SEEDED.phones) expect(output.replace(/\D/g, '')).not.toContain(digitsOf(phone));
      expect(output).not.toContain('secret-conversation-id');
      expect(output).not.toMatch(/extradition/i);

      const lines = app.logs.map((l) => JSON.parse(l) as Json);
      const events = lines.map((l) => l.event);
      expect(events.filter((e) => e === 'turn.received')).toHaveLength(4);
      expect(events.filter((e) => e === 'kb.match')).toHaveLength(4);
      expect(events.filter((e) => e === 'reply.sent')).toHaveLength(4);
      const received = lines.find((l) => l.event === 'turn.received')!;
      expect(received.conv).toMatch(/^[0-9a-f]{12}$/);
      expect(received.textLength).toBe(texts[0]!.length);
      expect(lines.find((l) => l.event === 'kb.match' && l.route === 'clarify')).toBeDefined();
      expect(activitiesOf(await post(app.url, expectReplies('y', { text: 'hi' }))).length).toBeGreaterThan(0);
    } finally {
      await app.close();
      await connector.close();
    }
  });
});

describe.each(SDKS)('the conversation key in the logs of the %s host', (sdk) => {
  it('is the hash itself, digits and all, while what the client sent is still scrubbed', async () => {
    const app = await startApp(sdk);
    try {
      const conversation = conversationWithPhoneLikeKey(SEEDED.emails[1]!);
      const res = await post(
        app.url,
        expectReplies(conversation.id, {
          text: 'hello',
          channelId: SEEDED.emails[1],
          locale: SEEDED.phones[0],
        }),
      );
      expect(res.status).toBe(200);
      await post(app.url, { ...expectReplies(conversation.id), type: `ping ${SEEDED.phones[2]}` });

      const output = app.logs.join('\n');
      for (const secret of [SEEDED.emails[1]!, SEEDED.phones[0]!, SEEDED.phones[2]!])
        expect(output).not.toContain(secret);
      const lines = app.logs.map((l) => JSON.parse(l) as Json);
      const turn = lines.filter((l) => ['turn.received', 'kb.match', 'reply.sent'].includes(String(l.event)));
      expect(turn).toHaveLength(3);
      for (const line of turn) expect(line.conv).toBe(conversation.key);
      const received = turn.find((l) => l.event === 'turn.received')!;
      expect(received.channel).toContain('[email]');
      expect(received.locale).toContain('[phone]');
      const ignored = lines.find((l) => l.event === 'activity.ignored')!;
      expect(ignored.activityType).toContain('[phone]');
    } finally {
      await app.close();
    }
  });
});

describe('the logger', () => {
  const capture = () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    return { lines, logger: createLogger({ level: 'info', destination }) };
  };

  it('redacts phone numbers and e-mails wherever they appear: message, fields, nested values, errors', () => {
    const { lines, logger } = capture();
    logger.info(
      { note: `reach ${SEEDED.emails[0]}`, nested: { list: [`tel ${SEEDED.phones[1]}`] } },
      `call ${SEEDED.phones[0]}`,
    );
    logger.error({ err: new Error(`failed for ${SEEDED.emails[1]} at ${SEEDED.phones[2]}`) }, 'boom');
    logger.warn(`plain ${SEEDED.phones[3]}`);
    const output = lines.join('');
    for (const secret of [...SEEDED.phones, ...SEEDED.emails]) expect(output).not.toContain(secret);
    expect(output).toContain('[email]');
    expect(output).toContain('[phone]');
  });

  it('writes its own identifiers as they are and scrubs every other field', () => {
    const { lines, logger } = capture();
    const key = conversationWithPhoneLikeKey('webchat').key;
    logger.info(
      {
        event: 'turn.received',
        conv: key,
        reference: 'K7M2Q9P4',
        topic: 'ext.definition',
        route: 'answer',
        ms: 613,
        locale: 'fr-CA',
        channel: `webchat ${SEEDED.phones[0]}`,
        reason: `from ${SEEDED.emails[0]}`,
        nested: { conv: { note: `call ${SEEDED.phones[3]}` } },
      },
      'turn received',
    );
    logger.info({ event: 'turn.received', conv: key, locale: `tel ${SEEDED.phones[1]}` }, 'turn received');
    const [first, second] = lines.map((l) => JSON.parse(l) as Json);
    expect(first).toMatchObject({
      conv: key,
      reference: 'K7M2Q9P4',
      topic: 'ext.definition',
      ms: 613,
      locale: 'fr-CA',
    });
    expect(second?.conv).toBe(key);
    const output = lines.join('');
    for (const secret of [SEEDED.phones[0]!, SEEDED.emails[0]!, SEEDED.phones[3]!, SEEDED.phones[1]!])
      expect(output).not.toContain(secret);
    expect(second?.locale).toContain('[phone]');
  });

  it('finds what the recognizers find beyond the project patterns', () => {
    expect(redactPersonalData('write to marie@exemple.québec today')).not.toContain('marie@');
    expect(redactPersonalData('numéro +1 (613) 957-4832 poste 12')).not.toContain('957-4832');
    expect(redactPersonalData('topic ext.definition, 3 items')).toBe('topic ext.definition, 3 items');
  });
});
