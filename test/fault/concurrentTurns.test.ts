/**
 * Two turns of one conversation at once (a double click, two tabs, two instances behind Azure Bot
 * Service): both read the same state, and the second write must not erase the first. Blob storage
 * refuses the stale write (its eTag no longer matches) and the turn runner applies that turn again on
 * top of the newer state. Reads are held until both turns have read, so the race happens every run.
 */
import { ConflictError, type Storage, type StoredItem } from '../../src/conversation/storage';
import type { StoredConversation } from '../../src/conversation/turnRunner';
import { createBlobStorage } from '../../src/storage/blobStorage';
import { Azurite, describeWithAzurite } from '../support/azurite';
import { activitiesOf, expectReplies, post, routeOf, startApp, type RunningApp } from '../http/support';

/** Holds the first `parties` reads until all of them have arrived, then lets them through together. */
class ReadTogether<T> implements Storage<T> {
  conflicts = 0;
  private waiting: Array<() => void> = [];
  private armed = true;

  constructor(
    private readonly inner: Storage<T>,
    private readonly parties: number,
    /** a storage that ignores eTags, to show what the race does without them */
    private readonly ignoreETags = false,
  ) {}

  async read(key: string): Promise<StoredItem<T> | undefined> {
    const item = await this.inner.read(key);
    if (this.armed) {
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
        if (this.waiting.length >= this.parties) {
          this.armed = false;
          this.waiting.splice(0).forEach((release) => release());
        }
      });
    }
    return item;
  }

  async write(key: string, value: T, expectedETag?: string | null): Promise<string> {
    try {
      return await this.inner.write(key, value, this.ignoreETags ? undefined : expectedETag);
    } catch (error) {
      if (error instanceof ConflictError) this.conflicts += 1;
      throw error;
    }
  }

  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }
}

describeWithAzurite('two turns of one conversation at once, on Blob storage', () => {
  const azurite = new Azurite();
  let connectionString = '';
  let apps: RunningApp[] = [];
  let containers = 0;

  beforeAll(async () => {
    connectionString = await azurite.start();
  }, 30_000);
  afterEach(async () => {
    await Promise.all(apps.map((app) => app.close()));
    apps = [];
  });
  afterAll(() => azurite.dispose(), 15_000);

  async function withStorage(ignoreETags: boolean) {
    const blob = await createBlobStorage<StoredConversation>({
      connectionString,
      container: `race-${process.pid}-${++containers}`,
    });
    const storage = new ReadTogether(blob, 2, ignoreETags);
    // Two instances of the assistant behind one bot registration, sharing the storage.
    apps = [await startApp('agents', { storage }), await startApp('botbuilder', { storage })];
    return storage;
  }

  async function raceRoleAndCountry(conversation: string) {
    const [first, second] = apps;
    const say = (app: RunningApp, text: string) =>
      post(app.url, expectReplies(conversation, { text, channelId: 'webchat' }));
    const [role, country] = await Promise.all([
      say(first!, 'I am a police officer'),
      say(second!, 'I work in France'),
    ]);
    const contact = await say(first!, 'who do I contact?');
    return { role, country, contact: routeOf(activitiesOf(contact)) };
  }

  it('keeps both: the later write is refused, and that turn is applied again on top of the other', async () => {
    const storage = await withStorage(false);
    const { role, country, contact } = await raceRoleAndCountry('race-1');
    expect([role.status, country.status]).toEqual([200, 200]);
    expect(role.text).not.toMatch(/Reference/);
    expect(country.text).not.toMatch(/Reference/);
    expect(storage.conflicts).toBeGreaterThanOrEqual(1);
    // Both the role and the country were kept: the contact needs no further question.
    expect(contact).toMatchObject({ route: 'contact', contact: 'fr' });
  });

  it('would lose one of them if writes ignored eTags (the race is real)', async () => {
    const storage = await withStorage(true);
    const { contact } = await raceRoleAndCountry('race-2');
    expect(storage.conflicts).toBe(0);
    // One of the two facts was overwritten: the assistant cannot route to France with the role and the
    // country both known.
    expect(contact).not.toMatchObject({ route: 'contact', contact: 'fr' });
  });
});
