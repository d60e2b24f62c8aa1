/**
 * The assistant core, built once from the knowledge base: understanding, the dialog machine and the
 * renderer. Channel-free and storage-free: the turn runner feeds it.
 */
import { initialTransition, transition } from 'xstate';
import type { KnowledgeBase, Locale } from '../knowledge/loadKnowledge';
import { Understander } from '../../dialogs/understand';
import type { MatcherTuning } from '../knowledge/matcher';
import { createAssistantMachine, type AssistantMachine } from '../../dialogs/assistantMachine';
import type { DialogContext, DialogEvent, Outcome } from '../../dialogs/types';
import { Renderer, type OutgoingMessage } from './render';

export interface PersistedDialog {
  value: string;
  context: DialogContext;
}

export interface TurnResult {
  dialog: PersistedDialog;
  messages: OutgoingMessage[];
  outcome: Outcome;
  locale: Locale;
  /** what the understanding found, for logs: never the text itself */
  trace: { matchedTopic?: string; matchKind: string; personalData: boolean };
}

export class Assistant {
  readonly understander: Understander;
  readonly machine: AssistantMachine;
  readonly renderer: Renderer;

  /** @param options.tuning other decision numbers than the named defaults, for evaluation tools */
  constructor(
    readonly kb: KnowledgeBase,
    options: { tuning?: Partial<MatcherTuning> } = {},
  ) {
    this.understander = new Understander(kb, options);
    this.renderer = new Renderer(kb);
    this.machine = createAssistantMachine({
      titles: (id) => this.renderer.topicTitles(id),
      deadlineRules: kb.deadlines.rules.map((r) => ({ id: r.id, country: r.country, days: r.days, text: { en: r.en, fr: r.fr } })),
    });
  }

  newDialog(locale: Locale): PersistedDialog {
    const [snapshot] = initialTransition(this.machine, { locale });
    return { value: String(snapshot.value), context: snapshot.context };
  }

  private step(dialog: PersistedDialog, event: DialogEvent): PersistedDialog {
    const snapshot = this.machine.resolveState({ value: dialog.value, context: dialog.context });
    const [next] = transition(this.machine, snapshot, event);
    return { value: String(next.value), context: next.context };
  }

  start(dialog: PersistedDialog, locale: Locale, at: number): TurnResult {
    const next = this.step(dialog, { type: 'conversation.start', locale, at });
    return this.result(next, { matchKind: 'none', personalData: false });
  }

  message(dialog: PersistedDialog, text: string, at: number, value?: string): TurnResult {
    const context = dialog.context;
    // A card button sends its value; a typed reply sends text. Both are read the same way.
    const said = value ?? text;
    const understanding = this.understander.understand(said, {
      locale: context.locale,
      lastTopic: context.lastTopic,
      pendingChoices: context.choices,
      inDomain: context.inDomain,
      speakerSide: context.speaker.side,
      now: new Date(at),
    });
    const next = this.step(dialog, { type: 'user.message', understanding, at });
    const k = understanding.knowledge;
    return this.result(next, {
      matchKind: k.kind,
      matchedTopic: k.kind === 'answer' ? k.topicId : undefined,
      personalData: understanding.personalData,
    });
  }

  private result(dialog: PersistedDialog, trace: TurnResult['trace']): TurnResult {
    const { context } = dialog;
    const outcome: Outcome = context.outcome ?? { route: 'fallback' };
    return {
      dialog,
      messages: this.renderer.render(context.replies, context.locale),
      outcome,
      locale: context.locale,
      trace,
    };
  }
}
