/**
 * Asks the Agents SDK itself whether it can build its Activity from a request body. The server's
 * activity check already applies the SDK's rules to both hosts; this second check is there so that a
 * rule a later SDK version adds makes the request a 400 instead of a ZodError inside `process` (a 500).
 */
import { Activity } from '@microsoft/agents-activity';

/** Before parsing, the SDK renames the wire's `relatesTo.bot` to `agent`; the check must see the same. */
function asTheSdkParsesIt(body: Record<string, unknown>): Record<string, unknown> {
  const relatesTo = body.relatesTo as Record<string, unknown> | undefined;
  if (!relatesTo || typeof relatesTo !== 'object' || !relatesTo.bot) return body;
  const { bot, ...rest } = relatesTo;
  return { ...body, relatesTo: { ...rest, agent: bot } };
}

interface ParseIssue {
  path?: unknown;
  code?: unknown;
}

/** Names the field and the kind of problem, never the value: the body may hold personal data. */
function problemOf(error: unknown): string {
  const issues = (error as { issues?: unknown })?.issues;
  const issue = (Array.isArray(issues) ? issues[0] : undefined) as ParseIssue | undefined;
  if (!issue) return '(body): not accepted by the SDK';
  const field = Array.isArray(issue.path) && issue.path.length ? issue.path.join('.') : '(body)';
  return `${field}: ${typeof issue.code === 'string' ? issue.code : 'invalid'}`;
}

/** Why the SDK cannot take this activity, or undefined when it can. */
export function sdkRefusal(body: Record<string, unknown>): string | undefined {
  try {
    Activity.fromObject(asTheSdkParsesIt(body));
    return undefined;
  } catch (error) {
    return problemOf(error);
  }
}
