/** The route entity of the outside contract (CONTRACT §3): what a reply to a user message was about. */
import type { Locale } from '../knowledge/loadKnowledge';
import type { Outcome } from '../../dialogs/types';

export const ROUTE_ENTITY_TYPE = 'iag.route';

export interface RouteEntity extends Record<string, unknown> {
  type: typeof ROUTE_ENTITY_TYPE;
  route: Outcome['route'];
  topic?: string;
  contact?: string;
  intent?: string;
  locale: Locale;
}

export function routeEntity(outcome: Outcome, locale: Locale): RouteEntity {
  return {
    type: ROUTE_ENTITY_TYPE,
    route: outcome.route,
    ...(outcome.route === 'answer' && outcome.topic ? { topic: outcome.topic } : {}),
    ...(outcome.route === 'contact' && outcome.contact ? { contact: outcome.contact } : {}),
    ...(outcome.route === 'smalltalk' && outcome.intent ? { intent: outcome.intent } : {}),
    locale,
  };
}
