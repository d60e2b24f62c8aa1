/**
 * The Microsoft 365 Agents SDK host (the default). Uses the SDK's CloudAdapter only, not AgentApplication:
 * AgentApplication 1.5-1.8 saves its turn state only when an afterTurn handler exists, and the turn
 * runner keeps its own state anyway. The SDK's expectReplies body holds Activity instances whose JSON
 * has `_channelId` instead of `channelId`; the body is rewritten to the wire format here. A body the
 * SDK cannot parse is a 400 here, before `process` would throw on it.
 */
import {
  CloudAdapter,
  type AuthConfiguration,
  type Request,
  type TurnContext,
} from '@microsoft/agents-hosting';
import { Activity } from '@microsoft/agents-activity';
import type { AssistantBot, BotLogger } from '../channels/assistantBot';
import type { OutgoingActivity } from '../channels/activity';
import type { TurnContextLike } from '../channels/turnContext';
import type { BotCredentials, BotHost, HostRequest, HostResponse } from './host';
import { sdkRefusal } from './agentsActivityCheck';
import { RecordedResponse } from './recordedResponse';

/**
 * The SDK refuses to build an adapter without a client id when NODE_ENV=production, even when anonymous
 * mode was explicitly allowed. Anonymous requests carry no identity, so this id never obtains a token.
 */
const ANONYMOUS_CLIENT_ID = '00000000-0000-0000-0000-000000000000';

/** An Activity instance or plain object as it goes on the wire: `channelId`, never `_channelId`. */
export function toWireActivity(activity: unknown): unknown {
  if (activity instanceof Activity) return JSON.parse(activity.toJsonString()) as unknown;
  if (activity && typeof activity === 'object' && '_channelId' in activity) {
    const { _channelId, ...rest } = activity as Record<string, unknown>;
    return { ...rest, channelId: rest.channelId ?? _channelId };
  }
  return activity;
}

export function toWireBody(body: unknown): unknown {
  if (body && typeof body === 'object' && Array.isArray((body as { activities?: unknown }).activities)) {
    return { ...body, activities: (body as { activities: unknown[] }).activities.map(toWireActivity) };
  }
  return body;
}

export function createAgentsHost(options: {
  bot: AssistantBot;
  credentials: BotCredentials;
  logger: BotLogger;
}): BotHost {
  const { bot, credentials, logger } = options;
  const authConfig: AuthConfiguration = credentials.appId
    ? { clientId: credentials.appId, clientSecret: credentials.appPassword, tenantId: credentials.tenantId }
    : { clientId: ANONYMOUS_CLIENT_ID };
  const adapter = new CloudAdapter(authConfig);
  // Our boundary runs inside the turn; this only catches a failure of the boundary itself, and keeps
  // the SDK's English-only "The agent encountered an error" messages away from users.
  adapter.onTurnError = async (_context, error) => {
    logger.error({ event: 'turn.error.unhandled', err: error }, 'error outside the boundary');
  };

  const wrap = (context: TurnContext, activity: HostRequest['activity']): TurnContextLike => ({
    activity,
    sendActivities: (activities: OutgoingActivity[]) =>
      context.sendActivities(activities.map((a) => Activity.fromObject(a))),
  });

  return {
    sdk: 'agents',
    async handle({ headers, activity }: HostRequest): Promise<HostResponse> {
      const response = new RecordedResponse();
      const request: Request = { headers: headers as Request['headers'], body: activity, method: 'POST' };
      if (credentials.appId) {
        let authorized = false;
        await adapter.authorizeRequest(request, response, () => {
          authorized = true;
        });
        if (!authorized) return { status: 401 };
      }
      const refusal = sdkRefusal(activity);
      if (refusal) return { status: 400, body: { error: `not an activity: ${refusal}` } };
      await adapter.process(request, response, async (context) => {
        const turn = wrap(context, activity);
        try {
          await bot.onTurn(turn);
        } catch (error) {
          await bot.onTurnError(turn, error);
        }
      });
      const result = response.result();
      return result.body === undefined ? result : { ...result, body: toWireBody(result.body) };
    },
  };
}
