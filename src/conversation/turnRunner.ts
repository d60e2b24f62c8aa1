/**
 * The turn runner: load the conversation's dialog from storage, run one turn through the assistant, save
 * it back. A stored dialog from another dialog version, or one that fails to restore, starts fresh (and
 * says so to the logger): a changed machine must never crash an old conversation.
 */
import type { Locale } from '../knowledge/loadKnowledge';
import { DIALOG_VERSION } from '../../dialogs/assistantMachine';
import type { Assistant, PersistedDialog, TurnResult } from './assistant';
import { ConflictError, type Storage } from './storage';

export interface ChannelInput {
  /** the typed text (may be empty when a card button sends a value) */
  text: string;
  /** a card submit or button value */
  value?: string;
  /** the channel's interface language, e.g. "fr-CA": seeds a new conversation's language */
  locale?: string;
  conversationKey: string;
  at: number;
}

export interface StoredConversation {
  dialogVersion: number;
  dialog: PersistedDialog;
  welcomed?: boolean;
}

export interface RunnerLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

const silent: RunnerLogger = { info: () => undefined, warn: () => undefined };

export function localeOf(tag: string | undefined): Locale | undefined {
  if (!tag) return undefined;
  const lang = tag.toLowerCase().slice(0, 2);
  return lang === 'fr' ? 'fr' : lang === 'en' ? 'en' : undefined;
}

/** Retries after a concurrent write: the second turn re-reads and applies on top of the first. */
const MAX_CONFLICT_RETRIES = 3;

export class TurnRunner {
  constructor(
    private readonly assistant: Assistant,
    private readonly storage: Storage<StoredConversation>,
    private readonly logger: RunnerLogger = silent,
  ) {}

  private async load(key: string, locale: Locale): Promise<{ stored: StoredConversation; eTag?: string }> {
    const item = await this.storage.read(key);
    if (!item) return { stored: { dialogVersion: DIALOG_VERSION, dialog: this.assistant.newDialog(locale) } };
    if (item.value.dialogVersion !== DIALOG_VERSION || !item.value.dialog?.context) {
      this.logger.warn({ event: 'dialog.reset', reason: 'version', stored: item.value.dialogVersion }, 'stored dialog from another version: starting fresh');
      return { stored: { dialogVersion: DIALOG_VERSION, dialog: this.assistant.newDialog(locale) }, eTag: item.eTag };
    }
    return { stored: item.value, eTag: item.eTag };
  }

  private async withState(
    input: Pick<ChannelInput, 'conversationKey' | 'locale'>,
    run: (stored: StoredConversation) => { result: TurnResult; stored: StoredConversation },
  ): Promise<TurnResult> {
    const locale = localeOf(input.locale) ?? 'en';
    for (let attempt = 0; ; attempt++) {
      const { stored, eTag } = await this.load(input.conversationKey, locale);
      let outcome: { result: TurnResult; stored: StoredConversation };
      try {
        outcome = run(stored);
      } catch (error) {
        // A dialog that cannot be restored (corrupt or from an incompatible build) starts over once.
        if (attempt > 0) throw error;
        this.logger.warn({ event: 'dialog.reset', reason: 'restore', error: (error as Error).message }, 'dialog could not be restored: starting fresh');
        await this.storage.delete(input.conversationKey);
        continue;
      }
      try {
        await this.storage.write(input.conversationKey, outcome.stored, eTag ?? null);
        return outcome.result;
      } catch (error) {
        if (error instanceof ConflictError && attempt < MAX_CONFLICT_RETRIES) continue;
        throw error;
      }
    }
  }

  /** A user's message or card submit. */
  handleMessage(input: ChannelInput): Promise<TurnResult> {
    return this.withState(input, (stored) => {
      const result = this.assistant.message(stored.dialog, input.text, input.at, input.value);
      return { result, stored: { ...stored, dialog: result.dialog } };
    });
  }

  /** The bot joined a conversation: welcome once, never again for the same conversation. */
  async handleConversationStart(input: Pick<ChannelInput, 'conversationKey' | 'locale' | 'at'>): Promise<TurnResult | undefined> {
    let welcomedBefore = false;
    const result = await this.withState(input, (stored) => {
      welcomedBefore = stored.welcomed === true;
      const locale = localeOf(input.locale) ?? stored.dialog.context.locale;
      const result = this.assistant.start(stored.dialog, locale, input.at);
      return { result, stored: { ...stored, dialog: welcomedBefore ? stored.dialog : result.dialog, welcomed: true } };
    });
    return welcomedBefore ? undefined : result;
  }
}
