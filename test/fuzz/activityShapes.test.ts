/**
 * Shapes the fuzzer found: fields our activity check lets through but an SDK cannot take. Each must be
 * refused with a 4xx or answered, never a 5xx, and never a 200 that carries no reply at all.
 */
import {
  activitiesOf,
  expectReplies,
  post,
  SDKS,
  startApp,
  type Json,
  type RunningApp,
} from '../http/support';

const message = (fields: Json): Json => ({ ...expectReplies('shapes', { text: 'hello' }), ...fields });

const SHAPES: Array<[string, Json]> = [
  ['an entity without a type', message({ entities: [{}] })],
  ['an entity whose type is a number', message({ entities: [{ type: 5 }] })],
  ['an attachment that is not an object', message({ attachments: [5] })],
  ['a sender with an unknown role', message({ from: { id: 'u', role: 7 } })],
  ['an empty locale', message({ locale: '' })],
  ['an empty activity id', message({ id: '' })],
  ['no recipient', message({ recipient: undefined })],
];

describe.each(SDKS)('the %s host with activities an SDK cannot take', (sdk) => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(sdk);
  });
  afterAll(() => app.close());

  it.each(SHAPES)('refuses or answers %s, never a 5xx or a silent 200', async (_name, activity) => {
    const res = await post(app.url, activity);
    expect(res.status).toBeLessThan(500);
    if (res.status === 200) expect(activitiesOf(res).filter((a) => a.type === 'message')).not.toHaveLength(0);
  });
});
