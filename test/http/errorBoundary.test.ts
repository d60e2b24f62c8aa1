import { AssistantBot, referenceIdFrom } from '../../src/channels/assistantBot';
import type { OutgoingActivity } from '../../src/channels/activity';
import { MemoryStorage } from '../../src/conversation/storage';
import { TurnRunner, type StoredConversation } from '../../src/conversation/turnRunner';
import { FIXED_NOW, testAssistant } from '../support/assistant';
import { expectReplies } from './support';

describe('the error boundary', () => {
  const logged: Array<Record<string, unknown>> = [];
  const logger = {
    info: () => undefined,
    warn: () => undefined,
    error: (f: Record<string, unknown>) => void logged.push(f),
  };
  const bot = new AssistantBot({
    assistant: testAssistant(),
    runner: new TurnRunner(testAssistant(), new MemoryStorage<StoredConversation>()),
    logger,
    now: () => FIXED_NOW,
    referenceId: () => 'ABCD2345',
  });

  it('answers an unexpected failure in both languages with the reference id, never the error text', async () => {
    const sent: OutgoingActivity[] = [];
    const context = {
      activity: expectReplies('eb-1', { text: 'hi', locale: 'en-CA' }) as never,
      sendActivities: async (a: OutgoingActivity[]) => void sent.push(...a),
    };
    await bot.onTurnError(context, new TypeError('cannot read secret-internal-detail'));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toMatch(/^Sorry, something went wrong.*ABCD2345.*\n\nDésolé.*ABCD2345/s);
    expect(sent[0]?.text).not.toContain('secret-internal-detail');
    expect(sent[0]?.entities).toEqual([{ type: 'iag.route', route: 'fallback', locale: 'en' }]);
    expect(logged[0]).toMatchObject({
      event: 'turn.error',
      reference: 'ABCD2345',
      code: 'IAG_E_TURN_FAILED',
    });
  });

  it('survives a channel that cannot even take the error reply', async () => {
    const context = {
      activity: expectReplies('eb-2', { text: 'hi' }) as never,
      sendActivities: async () => {
        throw new Error('connector down');
      },
    };
    await expect(bot.onTurnError(context, new Error('first'))).resolves.toBeUndefined();
    expect(logged.some((l) => l.event === 'reply.failed')).toBe(true);
  });

  it('makes short reference ids from injected randomness', () => {
    const id = referenceIdFrom((n) => new Uint8Array(n).fill(3))();
    expect(id).toBe('DDDDDDDD');
  });
});
