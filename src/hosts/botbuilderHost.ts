/**
 * The Bot Framework SDK (botbuilder) host, for existing Bot Framework deployments (BOT_SDK=botbuilder).
 * botbuilder accepts any bearer token when no app id is set; the server only runs it that way in local
 * mode, where every request is accepted anyway.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type TurnContext,
} from 'botbuilder';
import type { AssistantBot, BotLogger } from '../channels/assistantBot';
import type { OutgoingActivity } from '../channels/activity';
import type { TurnContextLike } from '../channels/turnContext';
import type { BotCredentials, BotHost, HostRequest, HostResponse } from './host';
import { RecordedResponse } from './recordedResponse';

export function createBotbuilderHost(options: { bot: AssistantBot; credentials: BotCredentials; logger: BotLogger }): BotHost {
  const { bot, credentials, logger } = options;
  const settings = {
    MicrosoftAppId: credentials.appId ?? '',
    MicrosoftAppPassword: credentials.appPassword ?? '',
    MicrosoftAppTenantId: credentials.tenantId ?? '',
    MicrosoftAppType: credentials.tenantId ? 'SingleTenant' : 'MultiTenant',
  };
  const auth = new ConfigurationBotFrameworkAuthentication(settings, new ConfigurationServiceClientCredentialFactory(settings));
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (_context, error) => {
    logger.error({ event: 'turn.error.unhandled', err: error }, 'error outside the boundary');
  };

  const wrap = (context: TurnContext, activity: HostRequest['activity']): TurnContextLike => ({
    activity,
    sendActivities: (activities: OutgoingActivity[]) => context.sendActivities(activities as Array<Partial<Activity>>),
  });

  return {
    sdk: 'botbuilder',
    async handle({ headers, activity }: HostRequest): Promise<HostResponse> {
      const response = new RecordedResponse();
      await adapter.process({ headers: headers as Record<string, string | string[] | undefined>, body: activity, method: 'POST' }, response, async (context) => {
        const turn = wrap(context, activity);
        try {
          await bot.onTurn(turn);
        } catch (error) {
          await bot.onTurnError(turn, error);
        }
      });
      return response.result();
    },
  };
}
