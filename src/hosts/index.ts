/** Picks the host for the configured SDK. */
import type { AssistantBot, BotLogger } from '../channels/assistantBot';
import { createAgentsHost } from './agentsHost';
import { createBotbuilderHost } from './botbuilderHost';
import type { BotCredentials, BotHost, BotSdk } from './host';

export type { BotHost, BotSdk, BotCredentials } from './host';

export function createHost(
  sdk: BotSdk,
  options: { bot: AssistantBot; credentials: BotCredentials; logger: BotLogger },
): BotHost {
  return sdk === 'botbuilder' ? createBotbuilderHost(options) : createAgentsHost(options);
}
