/** Picks the host for the configured SDK. */
import type { AssistantBot, BotLogger } from '../channels/assistantBot';
import type { BotCredentials, BotHost, BotSdk } from './host';

export type { BotHost, BotSdk, BotCredentials } from './host';

/**
 * Only the configured SDK is loaded: each takes about half a second to load, and the one not used would
 * only slow the start down.
 */
export function createHost(
  sdk: BotSdk,
  options: { bot: AssistantBot; credentials: BotCredentials; logger: BotLogger },
): BotHost {
  if (sdk === 'botbuilder') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createBotbuilderHost } = require('./botbuilderHost') as typeof import('./botbuilderHost');
    return createBotbuilderHost(options);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createAgentsHost } = require('./agentsHost') as typeof import('./agentsHost');
  return createAgentsHost(options);
}
