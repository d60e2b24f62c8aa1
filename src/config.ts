import { AppError } from './errors';
import { DEFAULT_DIRECT_LINE_ENDPOINT } from './web/directLineToken';

/**
 * Configuration from the environment, read in one place. Every variable has an embedded default so
 * that `npm start` works on a fresh machine with no .env and no Azure.
 */
export type BotSdkName = 'agents' | 'botbuilder';

export type StorageConfig =
  { kind: 'memory' } | { kind: 'blob'; connectionString: string; container: string };

export interface Config {
  port: number;
  host: string;
  logLevel: string;
  knowledgeDir?: string;
  nodeEnv: string;
  /** which SDK serves /api/messages: the Microsoft 365 Agents SDK (default) or botbuilder */
  botSdk: BotSdkName;
  /** the bot's Entra app registration; no app id = local mode, anonymous requests accepted */
  credentials: { appId?: string; appPassword?: string; tenantId?: string };
  /** anonymous mode: no app id is configured */
  anonymous: boolean;
  storage: StorageConfig;
  /** production mode of the website: Web Chat connects through Azure Direct Line with tokens from us */
  directLine?: { secret: string; endpoint: string };
}

export const DEFAULT_CONTAINER = 'iag-conversations';

function invalid(detail: string): AppError {
  return new AppError('IAG_E_CONFIG_INVALID', detail);
}

function port(value: string | undefined): number {
  if (value === undefined || value === '') return 3978;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw invalid(`PORT must be a whole number from 0 to 65535, not "${value}"`);
  return n;
}

function botSdk(value: string | undefined): BotSdkName {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === 'agents') return 'agents';
  if (v === 'botbuilder') return 'botbuilder';
  throw invalid(`BOT_SDK must be "agents" or "botbuilder", not "${value}"`);
}

function flag(name: string, value: string | undefined): boolean {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true' || v === '1') return true;
  throw invalid(`${name} must be "true" or "false", not "${value}"`);
}

/** The Bot Framework names (MicrosoftApp*) or the Agents SDK names (clientId, clientSecret, tenantId). */
const first = (...values: Array<string | undefined>): string | undefined =>
  values.map((v) => v?.trim()).find((v) => v) || undefined;

function directLine(env: NodeJS.ProcessEnv): Config['directLine'] {
  const secret = first(env.DIRECT_LINE_SECRET);
  const endpoint = first(env.DIRECT_LINE_ENDPOINT) ?? DEFAULT_DIRECT_LINE_ENDPOINT;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw invalid(`DIRECT_LINE_ENDPOINT must be a URL, not "${endpoint}"`);
  }
  // The secret travels in this request: only over TLS, except to a local test service.
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !(local && url.protocol === 'http:'))
    throw invalid(`DIRECT_LINE_ENDPOINT must be an https URL, not "${endpoint}"`);
  return secret ? { secret, endpoint } : undefined;
}

function storage(env: NodeJS.ProcessEnv): StorageConfig {
  const kind = (env.STORAGE ?? '').trim().toLowerCase();
  if (kind === '' || kind === 'memory') return { kind: 'memory' };
  if (kind !== 'blob') throw invalid(`STORAGE must be "memory" or "blob", not "${env.STORAGE}"`);
  const connectionString = first(env.AZURE_STORAGE_CONNECTION_STRING);
  if (!connectionString) throw invalid('STORAGE=blob needs AZURE_STORAGE_CONNECTION_STRING');
  return {
    kind: 'blob',
    connectionString,
    container: first(env.AZURE_STORAGE_CONTAINER) ?? DEFAULT_CONTAINER,
  };
}

export function readConfig(env: NodeJS.ProcessEnv): Config {
  const nodeEnv = env.NODE_ENV || 'development';
  const credentials = {
    appId: first(env.MicrosoftAppId, env.clientId),
    appPassword: first(env.MicrosoftAppPassword, env.clientSecret),
    tenantId: first(env.MicrosoftAppTenantId, env.tenantId),
  };
  const anonymous = credentials.appId === undefined;
  const allowAnonymous = flag('ALLOW_ANONYMOUS', env.ALLOW_ANONYMOUS);
  // Both SDKs accept unauthenticated requests without an app id: in production that must be a choice.
  if (anonymous && nodeEnv === 'production' && !allowAnonymous) {
    throw new AppError(
      'IAG_E_CONFIG_ANONYMOUS_IN_PRODUCTION',
      'refusing to start: NODE_ENV=production and no MicrosoftAppId/clientId; set one, or ALLOW_ANONYMOUS=true to accept unauthenticated requests',
    );
  }
  return {
    port: port(env.PORT),
    host: env.HOST || '0.0.0.0',
    logLevel: env.LOG_LEVEL || 'info',
    knowledgeDir: env.KNOWLEDGE_DIR || undefined,
    nodeEnv,
    botSdk: botSdk(env.BOT_SDK),
    credentials,
    anonymous,
    storage: storage(env),
    directLine: directLine(env),
  };
}
