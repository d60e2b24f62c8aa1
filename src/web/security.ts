/**
 * The website's security rules in one place: the Content-Security-Policy of every page and script we
 * serve (no inline scripts, no third-party origins), and the same-origin check of the widget's routes.
 */
import type { IncomingMessage } from 'node:http';

export interface CspOptions {
  /** per-response nonce: Web Chat's style engine inserts <style> elements and passes it on */
  styleNonce?: string;
  /** origins the page may connect to besides itself (the Direct Line service in production mode) */
  connect?: readonly string[];
  /** who may frame the page: 'none' for the full page, '*' or a list for the widget's frame */
  frameAncestors?: string;
}

const EMPTY_STYLE_HASH = 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';

export function contentSecurityPolicy(options: CspOptions = {}): string {
  // The empty-string hash admits only empty <style> elements: Web Chat creates some and fills them
  // through the CSS object model, which the policy does not govern.
  const styles = options.styleNonce ? `'self' 'nonce-${options.styleNonce}' '${EMPTY_STYLE_HASH}'` : `'self'`;
  return [
    `default-src 'none'`,
    `script-src 'self'`,
    `style-src ${styles}`,
    // Web Chat draws its avatars and icons as data: images.
    `img-src 'self' data:`,
    `font-src 'self'`,
    `connect-src ${['self', ...(options.connect ?? [])].map((o) => (o === 'self' ? `'self'` : o)).join(' ')}`,
    `frame-ancestors ${options.frameAncestors ?? `'none'`}`,
    `base-uri 'none'`,
    `form-action 'self'`,
    `object-src 'none'`,
  ].join('; ');
}

/** The https and wss origins of an endpoint such as https://directline.botframework.com/v3/directline. */
export function endpointOrigins(endpoint: string): string[] {
  const url = new URL(endpoint);
  const socket = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return [url.origin, `${socket}//${url.host}`];
}

/** Headers every web response carries. */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

export type OriginCheck = { ok: true } | { ok: false; reason: string };

/**
 * The widget's API answers only pages it served itself. Browsers say where a request comes from:
 * Sec-Fetch-Site (modern browsers) and Origin (every cross-origin POST). A request with neither is not a
 * browser acting for another site, so it cannot be a cross-site request forgery.
 */
export function checkSameOrigin(req: IncomingMessage): OriginCheck {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return { ok: false, reason: `sec-fetch-site ${site}` };
  const origin = req.headers.origin;
  if (origin === undefined) return { ok: true };
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return { ok: false, reason: 'malformed origin' };
  }
  return host === req.headers.host ? { ok: true } : { ok: false, reason: 'cross-origin' };
}
