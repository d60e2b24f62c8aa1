/**
 * Adaptive Card rules for Teams: the card names its schema version (Teams renders up to 1.5 on every
 * client) and shows at most six actions in any one action list; more are cut, not wrapped off-screen.
 */
export const ADAPTIVE_CARD_VERSION = '1.5';
export const MAX_CARD_ACTIONS = 6;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version?: string;
  body?: unknown[];
  actions?: unknown[];
  [key: string]: unknown;
}

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A copy of the card with its version set and every action list cut to six. */
export function limitActions<T extends { type: 'AdaptiveCard'; version?: string }>(card: T): T {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!isNode(node)) return node;
    const copy: Node = {};
    for (const [key, value] of Object.entries(node)) {
      copy[key] =
        key === 'actions' && Array.isArray(value)
          ? value.slice(0, MAX_CARD_ACTIONS).map(visit)
          : visit(value);
    }
    return copy;
  };
  const limited = visit(card) as T;
  return { ...limited, version: limited.version ?? ADAPTIVE_CARD_VERSION };
}

/** What is wrong with a card for Teams; an empty list means it is fine. */
export function cardProblems(card: unknown): string[] {
  if (!isNode(card) || card.type !== 'AdaptiveCard') return ['type: must be "AdaptiveCard"'];
  const problems: string[] = [];
  if (typeof card.version !== 'string' || !/^1\.[0-5]$/.test(card.version)) {
    problems.push(
      `version: must be set, 1.0 to ${ADAPTIVE_CARD_VERSION} (is ${JSON.stringify(card.version)})`,
    );
  }
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((item, i) => visit(item, `${path}[${i}]`));
    if (!isNode(node)) return;
    for (const [key, value] of Object.entries(node)) {
      const here = path ? `${path}.${key}` : key;
      if (key === 'actions' && Array.isArray(value) && value.length > MAX_CARD_ACTIONS) {
        problems.push(`${here}: ${value.length} actions, at most ${MAX_CARD_ACTIONS}`);
      }
      visit(value, here);
    }
  };
  visit(card, '');
  return problems;
}
