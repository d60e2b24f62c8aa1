import { createSign, generateKeyPairSync } from 'node:crypto';
import {
  expectReplies,
  post,
  routeOf,
  activitiesOf,
  SDKS,
  startApp,
  warmUp,
  type RunningApp,
} from './support';

beforeAll(warmUp, 120_000);

/** A well-formed JWT signed by a key no Bot Framework issuer publishes. */
function forgedToken(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = b64({ alg: 'RS256', typ: 'JWT', kid: 'forged' });
  const now = Math.floor(Date.now() / 1000);
  const body = b64({
    iss: 'https://evil.invalid',
    aud: '11111111-2222-3333-4444-555555555555',
    iat: now,
    nbf: now,
    exp: now + 600,
  });
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(privateKey).toString('base64url');
  return `${head}.${body}.${signature}`;
}

describe.each(SDKS)('the %s host with an app id configured', (sdk) => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(sdk, {
      credentials: { appId: '11111111-2222-3333-4444-555555555555', appPassword: 'not-a-real-secret' },
    });
  });
  afterAll(() => app.close());

  it.each([
    ['no Authorization header', {}],
    ['a Basic scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['an empty bearer', { authorization: 'Bearer ' }],
    ['a bearer that is not a JWT', { authorization: 'Bearer not-a-token' }],
    ['a JWT signed by an unknown issuer', { authorization: `Bearer ${forgedToken()}` }],
  ])('refuses a request with %s: 401 and no reply', async (_name, headers) => {
    const res = await post(
      app.url,
      expectReplies('auth-1', { text: 'What is extradition?' }),
      headers as Record<string, string>,
    );
    expect(res.status).toBe(401);
    expect(activitiesOf(res)).toHaveLength(0);
    expect(app.logs.some((l) => l.includes('"event":"turn.received"'))).toBe(false);
  });
});

describe.each(SDKS)('the %s host in local mode (no app id)', (sdk) => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(sdk);
  });
  afterAll(() => app.close());

  it('accepts an unauthenticated request, as the Emulator sends it', async () => {
    const res = await post(app.url, expectReplies('anon-1', { text: 'What is extradition?' }));
    expect(res.status).toBe(200);
    expect(routeOf(activitiesOf(res))).toMatchObject({ route: 'answer', topic: 'ext.definition' });
  });
});
