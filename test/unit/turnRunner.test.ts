import { MemoryStorage, ConflictError } from '../../src/conversation/storage';
import { TurnRunner, type StoredConversation } from '../../src/conversation/turnRunner';
import { DIALOG_VERSION } from '../../dialogs/assistantMachine';
import { FIXED_NOW, testAssistant } from '../support/assistant';

describe('the memory storage', () => {
  it('refuses a write with a stale eTag', async () => {
    const storage = new MemoryStorage<number>();
    const first = await storage.write('k', 1);
    await storage.write('k', 2, first);
    await expect(storage.write('k', 3, first)).rejects.toBeInstanceOf(ConflictError);
    expect((await storage.read('k'))?.value).toBe(2);
  });

  it('hands out copies, never the stored object', async () => {
    const storage = new MemoryStorage<{ n: number }>();
    await storage.write('k', { n: 1 });
    const read = await storage.read('k');
    read!.value.n = 99;
    expect((await storage.read('k'))?.value.n).toBe(1);
  });
});

describe('the turn runner', () => {
  const make = () => {
    const storage = new MemoryStorage<StoredConversation>();
    return { storage, runner: new TurnRunner(testAssistant(), storage) };
  };

  it('keeps a conversation across turns through storage', async () => {
    const { runner } = make();
    const first = await runner.handleMessage({ text: 'who do i contact', conversationKey: 'c', at: FIXED_NOW });
    expect(first.outcome.route).toBe('clarify');
    const second = await runner.handleMessage({ text: 'Canadian police or prosecutor', conversationKey: 'c', at: FIXED_NOW + 1 });
    expect(second.outcome).toEqual({ route: 'contact', contact: 'iag' });
  });

  it('keeps conversations apart', async () => {
    const { runner } = make();
    await runner.handleMessage({ text: 'who do i contact', conversationKey: 'one', at: FIXED_NOW });
    const other = await runner.handleMessage({ text: '1', conversationKey: 'two', at: FIXED_NOW });
    expect(other.outcome.route).not.toBe('contact');
  });

  it('seeds the language of a new conversation from the channel locale', async () => {
    const { runner } = make();
    const result = await runner.handleMessage({ text: 'FBI', locale: 'fr-CA', conversationKey: 'c', at: FIXED_NOW });
    expect(result.locale).toBe('fr');
  });

  it('welcomes once per conversation', async () => {
    const { runner } = make();
    expect(await runner.handleConversationStart({ conversationKey: 'c', at: FIXED_NOW })).toBeDefined();
    expect(await runner.handleConversationStart({ conversationKey: 'c', at: FIXED_NOW + 1 })).toBeUndefined();
  });

  it('starts fresh when the stored dialog is from another version', async () => {
    const { storage, runner } = make();
    await storage.write('c', { dialogVersion: DIALOG_VERSION + 99, dialog: { value: 'gone', context: {} } } as unknown as StoredConversation);
    const result = await runner.handleMessage({ text: 'hello', conversationKey: 'c', at: FIXED_NOW });
    expect(result.outcome).toEqual({ route: 'smalltalk', intent: 'greeting' });
    expect((await storage.read('c'))?.value.dialogVersion).toBe(DIALOG_VERSION);
  });

  it('starts fresh when the stored dialog cannot be restored', async () => {
    const { storage, runner } = make();
    await storage.write('c', { dialogVersion: DIALOG_VERSION, dialog: { value: 'noSuchState', context: { locale: 'en' } } } as unknown as StoredConversation);
    const result = await runner.handleMessage({ text: 'hello', conversationKey: 'c', at: FIXED_NOW });
    expect(result.outcome.route).toBe('smalltalk');
  });

  it('applies two turns of one conversation at once without losing either', async () => {
    const { storage, runner } = make();
    await Promise.all([
      runner.handleMessage({ text: 'What is extradition?', conversationKey: 'c', at: FIXED_NOW }),
      runner.handleMessage({ text: 'hello', conversationKey: 'c', at: FIXED_NOW + 1 }),
    ]);
    const stored = (await storage.read('c'))!.value;
    expect(stored.dialog.context.lastTopic).toBe('ext.definition');
  });
});
