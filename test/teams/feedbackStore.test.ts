import { StorageFeedbackStore, type FeedbackRecord } from '../../src/channels/teams';
import { ConflictError, MemoryStorage, type Storage } from '../../src/conversation/storage';

const click = (n: number, reaction: FeedbackRecord['reaction'] = 'like'): FeedbackRecord => ({
  reaction,
  topic: 'ext.bail',
  locale: 'en',
  at: new Date(Date.UTC(2026, 10, 30, 12, 0, n)).toISOString(),
  channel: 'msteams',
});

describe('feedback kept in the conversations storage', () => {
  it('keeps every click, in order, and survives a new store on the same storage (a restart)', async () => {
    const storage = new MemoryStorage<FeedbackRecord[]>();
    await new StorageFeedbackStore(storage).record(click(1));
    await new StorageFeedbackStore(storage).record(click(2, 'dislike'));
    const listed = await new StorageFeedbackStore(storage).list();
    expect(listed.map((r) => [r.reaction, r.at.slice(-8)])).toEqual([
      ['like', ':01.000Z'],
      ['dislike', ':02.000Z'],
    ]);
  });

  it('loses no click when several arrive at once (each write carries the eTag it read)', async () => {
    const store = new StorageFeedbackStore(new MemoryStorage<FeedbackRecord[]>());
    await Promise.all([1, 2, 3, 4].map((n) => store.record(click(n))));
    expect((await store.list()).length).toBe(4);
  });

  it('gives up after a few conflicts in a row, so a stuck store cannot loop forever', async () => {
    let writes = 0;
    const stuck: Storage<FeedbackRecord[]> = {
      read: async () => undefined,
      write: async (key) => {
        writes += 1;
        throw new ConflictError(key);
      },
      delete: async () => undefined,
    };
    await expect(new StorageFeedbackStore(stuck).record(click(1))).rejects.toBeInstanceOf(ConflictError);
    expect(writes).toBe(5);
  });

  it('hands out copies: changing a listed record changes nothing stored', async () => {
    const store = new StorageFeedbackStore(new MemoryStorage<FeedbackRecord[]>());
    await store.record(click(1));
    (await store.list())[0]!.reaction = 'dislike';
    expect((await store.list())[0]!.reaction).toBe('like');
  });

  it('keeps the latest clicks only, so the record stays small', async () => {
    const store = new StorageFeedbackStore(new MemoryStorage<FeedbackRecord[]>(), 3);
    for (const n of [1, 2, 3, 4, 5]) await store.record(click(n));
    expect((await store.list()).map((r) => Number(r.at.slice(17, 19)))).toEqual([3, 4, 5]);
  });
});
