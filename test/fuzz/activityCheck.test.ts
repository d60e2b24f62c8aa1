/**
 * Our activity check and the Agents SDK's own parser agree: whatever the check lets through, the SDK can
 * parse, for every field the SDK looks at. Activities are built from valid values with now and then an
 * empty string, a wrong type, null or a broken nested object in any field, so both sides of the line are
 * reached. Where they disagreed, the agents host answered a client's mistake with a 500.
 */
import fc from 'fast-check';
import { checkActivity } from '../../src/channels/activity';
import { sdkRefusal } from '../../src/hosts/agentsActivityCheck';
import { seed } from './runs';

const junk = fc.oneof(
  fc.constantFrom('', null, 0, 7, true, [], {}, [5], { type: 5 }, { id: '' }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A valid value most of the time, junk now and then: most activities have one bad field or none. */
const orJunk = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 150, arbitrary: valid }, { weight: 1, arbitrary: junk });

const text = fc.string({ minLength: 1, maxLength: 12 });
const account = fc.record(
  {
    id: orJunk(text),
    name: orJunk(fc.string({ maxLength: 12 })),
    role: orJunk(fc.constantFrom('user', 'bot', 'skill', 'custom')),
    aadObjectId: orJunk(text),
    tenantId: orJunk(text),
    agenticAppId: orJunk(text),
  },
  { requiredKeys: ['id'] },
);
const conversation = fc.record(
  {
    id: orJunk(text),
    isGroup: orJunk(fc.boolean()),
    conversationType: orJunk(fc.constantFrom('personal', 'channel')),
    tenantId: orJunk(text),
    name: orJunk(text),
    role: orJunk(text),
  },
  { requiredKeys: ['id'] },
);
const entity = orJunk(fc.record({ type: orJunk(fc.constantFrom('mention', 'clientInfo')), text: text }));
const attachment = orJunk(
  fc.record(
    { contentType: orJunk(text), contentUrl: orJunk(text), name: orJunk(text), content: fc.jsonValue() },
    { requiredKeys: ['contentType'] },
  ),
);
const cardAction = orJunk(
  fc.record({ type: orJunk(fc.constantFrom('imBack', 'x')), title: orJunk(text), value: fc.jsonValue() }),
);
const list = <T>(item: fc.Arbitrary<T>) => orJunk(fc.array(item, { maxLength: 3 }));

const activityArb = fc.record(
  {
    type: orJunk(fc.constantFrom('message', 'conversationUpdate', 'event', 'typing', 'invoke')),
    id: orJunk(text),
    channelId: orJunk(fc.constantFrom('msteams', 'webchat', 'emulator')),
    deliveryMode: fc.constant('expectReplies'),
    locale: orJunk(fc.constantFrom('en-CA', 'fr-CA')),
    text: orJunk(fc.string({ maxLength: 12 })),
    value: fc.jsonValue({ maxDepth: 2 }),
    channelData: fc.jsonValue({ maxDepth: 2 }),
    conversation: orJunk(conversation),
    from: orJunk(account),
    recipient: orJunk(account),
    membersAdded: list(orJunk(account)),
    membersRemoved: list(orJunk(account)),
    reactionsAdded: list(orJunk(fc.record({ type: orJunk(fc.constantFrom('like', 'plusOne')) }))),
    entities: list(entity),
    attachments: list(attachment),
    suggestedActions: orJunk(fc.record({ to: list(orJunk(text)), actions: list(cardAction) })),
    relatesTo: orJunk(
      fc.record(
        {
          activityId: orJunk(text),
          bot: orJunk(account),
          agent: orJunk(account),
          user: orJunk(account),
          conversation: orJunk(conversation),
          channelId: orJunk(text),
          locale: orJunk(text),
        },
        { requiredKeys: ['conversation', 'channelId'] },
      ),
    ),
    semanticAction: orJunk(
      fc.record({ id: orJunk(text), state: orJunk(text), entities: orJunk(fc.dictionary(text, entity)) }),
    ),
    textHighlights: list(orJunk(fc.record({ text: orJunk(text), occurrence: orJunk(fc.integer()) }))),
    listenFor: list(orJunk(text)),
    historyDisclosed: orJunk(fc.boolean()),
    timestamp: orJunk(fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
    localTimestamp: orJunk(fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
    expiration: orJunk(fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
    localTimezone: orJunk(text),
    callerId: orJunk(text),
    textFormat: orJunk(fc.constantFrom('plain', 'markdown')),
    attachmentLayout: orJunk(fc.constantFrom('list', 'carousel')),
    topicName: orJunk(text),
    speak: orJunk(text),
    inputHint: orJunk(text),
    summary: orJunk(text),
    action: orJunk(text),
    replyToId: orJunk(text),
    label: orJunk(text),
    valueType: orJunk(text),
    name: orJunk(text),
    code: orJunk(text),
    importance: orJunk(fc.constantFrom('low', 'normal', 'high')),
  },
  { requiredKeys: ['type', 'conversation', 'deliveryMode', 'from', 'recipient'] },
);

describe('the activity check and the Agents SDK', () => {
  it('never lets through an activity the SDK cannot parse', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(activityArb, (activity) => {
        if (!checkActivity(activity).ok) {
          refused += 1;
          return;
        }
        accepted += 1;
        expect(sdkRefusal(activity)).toBeUndefined();
      }),
      { numRuns: 5000, seed },
    );
    // Both sides of the line were reached, not only refusals.
    expect(accepted).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(500);
  });

  it('has the SDK name the field it refuses, never the value', () => {
    const activity = {
      type: 'message',
      conversation: { id: 'c-1' },
      entities: [{ type: 'mention' }, { type: 613_957_4832 }],
    };
    expect(sdkRefusal(activity)).toBe('entities.1.type: invalid_type');
    expect(sdkRefusal({ ...activity, entities: [] })).toBeUndefined();
  });

  it("reads the wire's relatesTo.bot as the SDK does, as its agent", () => {
    const relatesTo = { conversation: { id: 'c-1' }, channelId: 'webchat' };
    const activity = { type: 'message', conversation: { id: 'c-1' } };
    expect(sdkRefusal({ ...activity, relatesTo: { ...relatesTo, bot: { id: 'b' } } })).toBeUndefined();
    expect(sdkRefusal({ ...activity, relatesTo: { ...relatesTo, bot: { id: '' } } })).toBe(
      'relatesTo.agent.id: too_small',
    );
  });
});
