/**
 * The floor the assistant is compared with: a bot that answers every message with its own text and does
 * nothing else, served by the same server and the same SDK host, so the difference between the two is
 * what the assistant itself costs (understanding, dialog, rendering, storage, logging).
 */
import type { AssistantBot } from '../src/channels/assistantBot';
import type { TurnContextLike } from '../src/channels/turnContext';

export type TurnHandler = Pick<AssistantBot, 'onTurn' | 'onTurnError'>;

export const echoBot: TurnHandler = {
  async onTurn(context: TurnContextLike): Promise<void> {
    if (context.activity.type !== 'message') return;
    await context.sendActivities([{ type: 'message', text: context.activity.text ?? '' }]);
  },
  async onTurnError(): Promise<void> {
    // nothing to tell: echoing cannot fail short of the connector, which the host reports
  },
};

/**
 * The hosts take an AssistantBot but call only onTurn and onTurnError; the echo bot has exactly those,
 * without the knowledge base behind them.
 */
export const asHostBot = (bot: TurnHandler): AssistantBot => bot as AssistantBot;
