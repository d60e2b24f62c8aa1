/**
 * Production mode: the page talks to Azure Direct Line, and the Direct Line secret never leaves the
 * server. Each visitor gets a short-lived token bound to a user id issued here.
 * https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-direct-line-3-0-authentication
 */
export const DEFAULT_DIRECT_LINE_ENDPOINT = 'https://directline.botframework.com/v3/directline';

export interface DirectLineConfig {
  secret: string;
  /** e.g. https://directline.botframework.com/v3/directline (or a regional endpoint) */
  endpoint: string;
}

export interface DirectLineToken {
  token: string;
  conversationId?: string;
  expiresIn?: number;
  userId: string;
  /** where Web Chat connects with the token */
  domain: string;
}

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

export class TokenServiceError extends Error {
  constructor(readonly status: number | undefined) {
    super(status ? `token service answered ${status}` : 'token service unreachable');
    this.name = 'TokenServiceError';
  }
}

const TIMEOUT_MS = 10_000;

export async function generateToken(
  config: DirectLineConfig,
  userId: string,
  fetchImpl: FetchLike,
): Promise<DirectLineToken> {
  const endpoint = config.endpoint.replace(/\/+$/, '');
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await fetchImpl(`${endpoint}/tokens/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user: { id: userId } }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new TokenServiceError(undefined);
  }
  if (!response.ok) throw new TokenServiceError(response.status);
  const body = (await response.json().catch(() => undefined)) as
    | { token?: unknown; conversationId?: unknown; expires_in?: unknown }
    | undefined;
  if (!body || typeof body.token !== 'string' || !body.token) throw new TokenServiceError(response.status);
  return {
    token: body.token,
    ...(typeof body.conversationId === 'string' ? { conversationId: body.conversationId } : {}),
    ...(typeof body.expires_in === 'number' ? { expiresIn: body.expires_in } : {}),
    userId,
    domain: endpoint,
  };
}
