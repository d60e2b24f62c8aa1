import { createServer, type Server, type Socket } from 'node:net';
import { ContainerClient } from '@azure/storage-blob';
import { ConflictError, type Storage } from '../../src/conversation/storage';
import { TurnRunner, type StoredConversation } from '../../src/conversation/turnRunner';
import { AppError } from '../../src/errors';
import { blobNameFor, createBlobStorage } from '../../src/storage/blobStorage';
import { FIXED_NOW, testAssistant } from '../support/assistant';
import { Azurite, describeWithAzurite } from '../support/azurite';

interface Note {
  text: string;
  n?: number;
}

async function expectUnavailable(operation: Promise<unknown>): Promise<AppError> {
  const error = await operation.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('IAG_E_STORAGE_UNAVAILABLE');
  expect((error as AppError).cause).toBeDefined();
  return error as AppError;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('blob names', () => {
  it('keep only letters, digits, hyphens, underscores and percent escapes', () => {
    expect(blobNameFor('msteams:19:abc/def..')).toBe('msteams%3A19%3Aabc%2Fdef%2E%2E');
    expect(blobNameFor('émoji 🙂')).toMatch(/^[A-Za-z0-9_%-]+$/);
  });

  it('never give two keys the same name', () => {
    const keys = ['A', '%41', '', '~empty', 'x'.repeat(2000), 'x'.repeat(2001), 'a/b', 'a%2Fb'];
    expect(new Set(keys.map(blobNameFor)).size).toBe(keys.length);
  });

  it('stay within the service limit of 1024 characters', () => {
    expect(blobNameFor('é'.repeat(1000)).length).toBeLessThanOrEqual(1024);
  });
});

describe('the blob storage configuration', () => {
  it('refuses an invalid container name', async () => {
    await expect(
      createBlobStorage({ connectionString: 'UseDevelopmentStorage=true', container: 'Bad_Name' }),
    ).rejects.toMatchObject({
      code: 'IAG_E_CONFIG_INVALID',
    });
  });

  it('refuses a connection string that is not one, without repeating it', async () => {
    const error = await createBlobStorage({
      connectionString: 'AccountKey=s3cret;nonsense',
      container: 'state',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'IAG_E_CONFIG_INVALID' });
    expect((error as Error).message).not.toContain('s3cret');
  });

  describe('when the service never answers', () => {
    let silentServer: Server;
    let port = 0;
    const sockets: Socket[] = [];
    beforeAll(async () => {
      silentServer = createServer((socket) => sockets.push(socket));
      await new Promise<void>((resolve) => silentServer.listen(0, '127.0.0.1', resolve));
      port = (silentServer.address() as { port: number }).port;
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silentServer.close(resolve));
    });

    it('gives up at its deadline', async () => {
      const connectionString =
        'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;' +
        `BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`;
      const warnings: object[] = [];
      const storage = await createBlobStorage<Note>({
        connectionString,
        container: 'state',
        timeoutMs: 400,
        logger: { warn: (fields) => warnings.push(fields) },
      });
      expect(warnings).toEqual([expect.objectContaining({ event: 'storage.unavailable' })]);
      const started = Date.now();
      await expectUnavailable(storage.read('k'));
      expect(Date.now() - started).toBeLessThan(3000);
    });
  });
});

describeWithAzurite('the blob storage on azurite', () => {
  const azurite = new Azurite();
  let connectionString = '';
  let containers = 0;
  const newContainer = () => `state-${process.pid}-${++containers}`;
  const open = <T = Note>(container: string, timeoutMs?: number) =>
    createBlobStorage<T>({ connectionString, container, timeoutMs });

  beforeAll(async () => {
    connectionString = await azurite.start();
  }, 30_000);
  afterAll(() => azurite.dispose(), 15_000);

  it('creates its container when it is missing', async () => {
    const container = newContainer();
    await open(container);
    expect(await new ContainerClient(connectionString, container).exists()).toBe(true);
  });

  it('writes, reads back and deletes a value, with the eTag of the stored blob', async () => {
    const storage = await open(newContainer());
    const value = { text: 'Où envoyer une demande d’entraide ? 🙂 مرحبا', n: 1 };
    const eTag = await storage.write('msteams:19:abc/def', value, null);
    expect(await storage.read('msteams:19:abc/def')).toEqual({ value, eTag });
    await storage.delete('msteams:19:abc/def');
    expect(await storage.read('msteams:19:abc/def')).toBeUndefined();
  });

  it('reads nothing for a key never written, and deleting it is harmless', async () => {
    const storage = await open(newContainer());
    expect(await storage.read('never')).toBeUndefined();
    await expect(storage.delete('never')).resolves.toBeUndefined();
  });

  it('keeps keys apart, however strange', async () => {
    const storage = await open(newContainer());
    const keys = ['A', '%41', 'a/b', 'a%2Fb', '..', 'x'.repeat(2000), ''];
    for (const [n, key] of keys.entries()) await storage.write(key, { text: key, n });
    for (const [n, key] of keys.entries()) expect((await storage.read(key))?.value).toEqual({ text: key, n });
  });

  it('refuses a write with a stale eTag and keeps the newer value', async () => {
    const storage = await open(newContainer());
    const first = await storage.write('k', { text: 'one' }, null);
    const second = await storage.write('k', { text: 'two' }, first);
    expect(second).not.toBe(first);
    await expect(storage.write('k', { text: 'stale' }, first)).rejects.toBeInstanceOf(ConflictError);
    expect(await storage.read('k')).toEqual({ value: { text: 'two' }, eTag: second });
  });

  it('refuses to create what already exists', async () => {
    const storage = await open(newContainer());
    await storage.write('k', { text: 'first' }, null);
    await expect(storage.write('k', { text: 'second' }, null)).rejects.toBeInstanceOf(ConflictError);
    expect((await storage.read('k'))?.value.text).toBe('first');
  });

  it('refuses to update what was deleted meanwhile', async () => {
    const storage = await open(newContainer());
    const eTag = await storage.write('k', { text: 'first' });
    await storage.delete('k');
    await expect(storage.write('k', { text: 'second' }, eTag)).rejects.toBeInstanceOf(ConflictError);
  });

  it('writes unconditionally without an expected eTag', async () => {
    const storage = await open(newContainer());
    await storage.write('k', { text: 'first' }, null);
    await storage.write('k', { text: 'second' });
    expect((await storage.read('k'))?.value.text).toBe('second');
  });

  it('lets exactly one of two writers of the same version win', async () => {
    const container = newContainer();
    const [one, two] = [await open(container), await open(container)];
    const { eTag } = (await one.read('k')) ?? { eTag: await one.write('k', { text: 'start' }, null) };
    const results = await Promise.allSettled([
      one.write('k', { text: 'one' }, eTag),
      two.write('k', { text: 'two' }, eTag),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(ConflictError);
    expect((await one.read('k'))?.eTag).toBe((won[0] as PromiseFulfilledResult<string>).value);
  });

  it('lets exactly one of two creators of a new key win', async () => {
    const container = newContainer();
    const [one, two] = [await open(container), await open(container)];
    const results = await Promise.allSettled([
      one.write('new', { text: 'one' }, null),
      two.write('new', { text: 'two' }, null),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(
      ConflictError,
    );
  });

  it('starts fresh from a stored blob that is not JSON, removing it', async () => {
    const container = newContainer();
    const storage = await open(container);
    const raw = new ContainerClient(connectionString, container).getBlockBlobClient(blobNameFor('k'));
    await raw.upload('{"cut short', 11);
    expect(await storage.read('k')).toBeUndefined();
    expect(await raw.exists()).toBe(false);
    await expect(storage.write('k', { text: 'fresh' }, null)).resolves.toEqual(expect.any(String));
  });

  it('makes the container again if it is deleted while running', async () => {
    const container = newContainer();
    const storage = await open(container);
    await new ContainerClient(connectionString, container).delete();
    expect(await storage.read('k')).toBeUndefined();
    await storage.write('k', { text: 'again' }, null);
    expect((await storage.read('k'))?.value.text).toBe('again');
  });

  it('keeps a conversation across a restart of the assistant', async () => {
    const container = newContainer();
    const before = new TurnRunner(testAssistant(), await open<StoredConversation>(container));
    const first = await before.handleMessage({
      text: 'who do i contact',
      conversationKey: 'msteams:conv-1',
      at: FIXED_NOW,
    });
    expect(first.outcome.route).toBe('clarify');

    // A new process: new runner, new storage object, same container.
    const after = new TurnRunner(testAssistant(), await open<StoredConversation>(container));
    const second = await after.handleMessage({
      text: '1',
      conversationKey: 'msteams:conv-1',
      at: FIXED_NOW + 60_000,
    });
    expect(second.outcome).toEqual({ route: 'contact', contact: 'iag' });
  });

  it('applies two turns of one conversation at once, the second on top of the first', async () => {
    const blob = await open<StoredConversation>(newContainer());
    const written: { expected: string | null | undefined; eTag: string }[] = [];
    const conflicts: unknown[] = [];
    // Both turns read before either writes, however the machine schedules them.
    let reads = 0;
    let release: () => void = () => undefined;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    const recording: Storage<StoredConversation> = {
      read: async (key) => {
        const item = await blob.read(key);
        reads += 1;
        if (reads === 2) release();
        if (reads <= 2) await bothRead;
        return item;
      },
      delete: (key) => blob.delete(key),
      write: async (key, value, expected) => {
        try {
          const eTag = await blob.write(key, value, expected);
          written.push({ expected, eTag });
          return eTag;
        } catch (error) {
          conflicts.push(error);
          throw error;
        }
      },
    };
    // Two instances of the assistant, each with its own runner, sharing the storage.
    const [one, two] = [
      new TurnRunner(testAssistant(), recording),
      new TurnRunner(testAssistant(), recording),
    ];
    const results = await Promise.all([
      one.handleMessage({ text: 'who do i contact', conversationKey: 'c', at: FIXED_NOW }),
      two.handleMessage({ text: 'hello', conversationKey: 'c', at: FIXED_NOW + 1 }),
    ]);
    expect(results).toHaveLength(2);
    // Both read "nothing yet"; one created the conversation, the other was refused, re-read and wrote on top.
    expect(conflicts).toEqual([expect.any(ConflictError)]);
    expect(written.map((w) => w.expected)).toEqual([null, written[0]!.eTag]);
    expect((await blob.read('c'))?.eTag).toBe(written[1]!.eTag);
  });

  // The tests below stop and start the emulator: they run last, in this order.
  describe('when the emulator stops and starts again', () => {
    const container = newContainer();
    let storage: Storage<Note>;

    beforeAll(async () => {
      storage = await open(container);
      await storage.write('kept', { text: 'survives a restart' }, null);
    });

    afterAll(async () => {
      // Later tests in this file need it running, whatever happened here.
      if (!azurite.running) await azurite.start();
    }, 30_000);

    it('keeps the data on disk and serves it again on the same port', async () => {
      const { eTag } = (await storage.read('kept'))!;
      const pid = azurite.lastPid!;
      await azurite.stop();
      expect(isAlive(pid)).toBe(false);
      await azurite.start();
      expect(await (await open(container)).read('kept')).toEqual({
        value: { text: 'survives a restart' },
        eTag,
      });
      expect((await storage.read('kept'))?.value.text).toBe('survives a restart');
    }, 30_000);

    it('fails fast with IAG_E_STORAGE_UNAVAILABLE while it is down', async () => {
      await azurite.stop();
      const started = Date.now();
      await expectUnavailable(storage.read('kept'));
      await expectUnavailable(storage.write('kept', { text: 'lost?' }));
      await expectUnavailable(storage.delete('kept'));
      expect(Date.now() - started).toBeLessThan(5000);
    });

    let late: Storage<Note>;
    it('starts while it is down, saying so in the log', async () => {
      expect(azurite.running).toBe(false);
      const warnings: object[] = [];
      late = await createBlobStorage<Note>({
        connectionString,
        container: newContainer(),
        logger: { warn: (fields) => warnings.push(fields) },
      });
      expect(warnings).toEqual([expect.objectContaining({ event: 'storage.unavailable' })]);
      await expectUnavailable(late.write('k', { text: 'too early' }, null));
    });

    it('works again, with the same objects, once it is back', async () => {
      await azurite.start();
      const { value, eTag } = (await storage.read('kept'))!;
      expect(value.text).toBe('survives a restart');
      await expect(storage.write('kept', { text: 'updated' }, eTag)).resolves.toEqual(expect.any(String));
      // The storage made while the service was down creates its container now.
      await late.write('k', { text: 'in time' }, null);
      expect((await late.read('k'))?.value.text).toBe('in time');
    }, 30_000);
  });
});
