/**
 * The assistant as deployed (src/main.ts in its own process) with Blob storage on azurite: killed and
 * started again mid-conversation it carries on where the conversation was; with storage unreachable it
 * answers in both languages with a reference id and keeps running, and carries on once storage is back.
 */
import { activitiesOf, expectReplies, post, routeOf } from '../http/support';
import { Azurite, describeWithAzurite } from '../support/azurite';
import { startMain, type MainProcess } from './mainProcess';

const say = async (app: MainProcess, conversation: string, text: string) => {
  const res = await post(app.url, expectReplies(conversation, { text, channelId: 'webchat' }));
  expect(res.status).toBe(200);
  return {
    route: routeOf(activitiesOf(res)),
    text: activitiesOf(res)
      .map((a) => a.text ?? '')
      .join('\n'),
  };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const REFERENCE = /\(Reference: ([A-Z0-9]{8})\)[\s\S]*\(Référence : \1\)/;

describeWithAzurite('the deployed assistant with Blob storage', () => {
  const azurite = new Azurite();
  let env: Record<string, string>;
  let app: MainProcess | undefined;

  beforeAll(async () => {
    const connectionString = await azurite.start();
    env = {
      STORAGE: 'blob',
      AZURE_STORAGE_CONNECTION_STRING: connectionString,
      AZURE_STORAGE_CONTAINER: `fault-${process.pid}`,
    };
  }, 30_000);
  afterAll(async () => {
    await app?.kill();
    await azurite.dispose();
  }, 20_000);

  it('continues a conversation where it was after the process is killed and started again', async () => {
    app = await startMain(env);
    expect((await say(app, 'restart-1', 'who do I contact?')).route).toMatchObject({ route: 'clarify' });
    expect((await say(app, 'restart-1', 'I am a police officer')).route).toMatchObject({ route: 'clarify' });
    await app.kill();

    app = await startMain(env);
    expect((await say(app, 'restart-1', 'in France')).route).toMatchObject({
      route: 'contact',
      contact: 'fr',
    });
    // The same words open no door in a conversation with nothing behind it.
    expect((await say(app, 'restart-2', 'in France')).route).not.toMatchObject({ route: 'contact' });
  }, 180_000);

  it('tells the user in both languages, with a reference id, while storage is unreachable, and stays up', async () => {
    app ??= await startMain(env);
    expect((await say(app, 'outage-1', 'who do I contact?')).route).toMatchObject({ route: 'clarify' });
    await azurite.stop();

    const reply = await say(app, 'outage-1', 'I am a police officer');
    expect(reply.route).toMatchObject({ route: 'fallback' });
    const reference = REFERENCE.exec(reply.text)?.[1];
    expect(reference).toBeDefined();
    expect(reply.text).toMatch(/conversation memory[\s\S]*mémoire de conversation/);
    // The log line travels through a pipe: it may land just after the HTTP answer.
    const logged = (line: Record<string, unknown>) =>
      line.event === 'turn.error' &&
      line.reference === reference &&
      line.code === 'IAG_E_STORAGE_UNAVAILABLE';
    for (let waited = 0; waited < 5000 && !app.logs.some(logged); waited += 50) await sleep(50);
    expect(app.logs.filter(logged)).toHaveLength(1);
    expect(app.alive).toBe(true);
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);

    await azurite.start();
    // The failed turn changed nothing: the conversation is still waiting for the role.
    expect((await say(app, 'outage-1', 'I am a police officer')).route).toMatchObject({ route: 'clarify' });
    expect((await say(app, 'outage-1', 'in France')).route).toMatchObject({
      route: 'contact',
      contact: 'fr',
    });
  }, 120_000);

  it('logs no message text, even of the turns that failed', () => {
    const lines = JSON.stringify(app?.logs ?? []);
    expect(lines).not.toContain('police officer');
    expect(lines).not.toContain('in France');
  });
});
