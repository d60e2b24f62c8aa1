/**
 * The one structural turn context both SDK hosts adapt to: what arrived, and a way to send replies.
 * The Microsoft 365 Agents SDK and botbuilder both expose `activity` and `sendActivities`; each host wraps
 * its SDK's context in a few lines, so nothing below the hosts knows which SDK is running.
 */
import type { IncomingActivity, OutgoingActivity } from './activity';

export interface TurnContextLike {
  readonly activity: IncomingActivity;
  sendActivities(activities: OutgoingActivity[]): Promise<unknown>;
}
