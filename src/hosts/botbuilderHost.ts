/**
 * The Bot Framework SDK (botbuilder) host, for existing Bot Framework deployments (BOT_SDK=botbuilder).
 * botbuilder accepts any bearer token when no app id is set; the server only runs it that way in local
 * mode, where every request is accepted anyway.
 *
 * botbuilder's connector client serialises outgoing activities through model mappers that drop every
 * entity field but `type`, `text` and a few others, so the route entity would reach the channel as
 * `{type: "iag.route"}` with normal delivery. The Entity mapper is told to keep additional properties.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type TurnContext,
} from 'botbuilder';
import { Entity as entityMapper } from 'botframework-connector/lib/connectorApi/models/mappers';
import type { AssistantBot, BotLogger } from '../channels/assistantBot';
import type { OutgoingActivity } from '../channels/activity';
import type { TurnContextLike } from '../channels/turnContext';
import type { BotCredentials, BotHost, HostRequest, HostResponse } from './host';
import { RecordedResponse } from './recordedResponse';

function keepEntityFields(): void {
  const type = entityMapper.type as { additionalProperties?: unknown };
  type.additionalProperties ??= { type: { name: 'Object' } };
}

export function createBotbuilderHost(options: {
  bot: AssistantBot;
  credentials: BotCredentials;
  logger: BotLogger;
}): BotHost {
  const { bot, credentials, logger } = options;
  keepEntityFields();
  const settings = {
    MicrosoftAppId: credentials.appId ?? '',
    MicrosoftAppPassword: credentials.appPassword ?? '',
    MicrosoftAppTenantId: credentials.tenantId ?? '',
    MicrosoftAppType: credentials.tenantId ? 'SingleTenant' : 'MultiTenant',
  };
  const auth = new ConfigurationBotFrameworkAuthentication(
    settings,
    new ConfigurationServiceClientCredentialFactory(settings),
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (_context, error) => {
    logger.error({ event: 'turn.error.unhandled', err: error }, 'error outside the boundary');
  };

  const wrap = (context: TurnContext, activity: HostRequest['activity']): TurnContextLike => ({
    activity,
    sendActivities: (activities: OutgoingActivity[]) =>
      context.sendActivities(activities as Array<Partial<Activity>>),
  });

  return {
    sdk: 'botbuilder',
    async handle({ headers, activity }: HostRequest): Promise<HostResponse> {
      const response = new RecordedResponse();
      await adapter.process(
        { headers: headers as Record<string, string | string[] | undefined>, body: activity, method: 'POST' },
        response,
        async (context) => {
          const turn = wrap(context, activity);
          try {
            await bot.onTurn(turn);
          } catch (error) {
            await bot.onTurnError(turn, error);
          }
        },
      );
      return response.result();
    },
  };
}
