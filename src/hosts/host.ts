/**
 * What the HTTP server needs from a host: hand it a validated activity and the request headers, get back
 * the HTTP status and body (the replies themselves, with expectReplies). Each SDK sits behind this.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { IncomingActivity } from '../channels/activity';

export type BotSdk = 'agents' | 'botbuilder';

export interface HostRequest {
  headers: IncomingHttpHeaders;
  activity: IncomingActivity;
}

export interface HostResponse {
  status: number;
  body?: unknown;
}

export interface BotHost {
  readonly sdk: BotSdk;
  handle(request: HostRequest): Promise<HostResponse>;
}

/** Credentials of the bot's Entra app registration; none means local (anonymous) mode. */
export interface BotCredentials {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
}
