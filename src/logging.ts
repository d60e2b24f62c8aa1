/**
 * The logger: pino, JSON lines. Whatever a caller passes is scrubbed before it is written: e-mail
 * addresses and telephone numbers are replaced wherever they appear (strings, nested fields, error
 * messages), found both by the project's patterns and by the recognizers-text sequence recognizers.
 * Message text is never logged in the first place; this is the second line of defence.
 *
 * Fields that hold identifiers the assistant made itself (hashed conversation keys, reference ids, event
 * names, topic ids, routes, counts and durations) are written as they are: a hash has digits, and the
 * phone recognizer would otherwise rewrite `"conv":"bdc4817"` into `"conv":"bdc[phone]"`. A string with
 * neither a digit nor an '@' cannot hold a phone number or an e-mail address, so it skips the
 * recognizers, which are the slow part.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import { recognizeEmail, recognizePhoneNumber } from '@microsoft/recognizers-text-sequence';
import { redact } from './language/personalData';

export type { Logger };

const MAX_SCRUB_DEPTH = 6;
/** Strings this short cannot hold an e-mail or a phone number: skip the recognizers. */
const MIN_SCRUB_LENGTH = 6;

function replaceSpans(
  text: string,
  spans: Array<{ start: number; end: number }>,
  placeholder: string,
): string {
  let out = text;
  // Right to left so earlier offsets stay valid.
  for (const span of [...spans].sort((a, b) => b.start - a.start)) {
    out = `${out.slice(0, span.start)}${placeholder}${out.slice(span.end + 1)}`;
  }
  return out;
}

export function redactPersonalData(text: string): string {
  if (text.length < MIN_SCRUB_LENGTH || !/[\d@]/.test(text)) return text;
  let out = replaceSpans(text, recognizeEmail(text, 'en-us'), '[email]');
  out = replaceSpans(out, recognizePhoneNumber(out, 'en-us'), '[phone]');
  return redact(out);
}

/**
 * Fields whose values the assistant produces itself and which never carry what a user typed. Anything
 * not named here (reasons, error messages, channel names, activity types) is scrubbed.
 */
const OWN_ID_FIELDS = new Set([
  'event',
  'conv',
  'reference',
  'code',
  'topic',
  'route',
  'matchKind',
  'contact',
  'intent',
  'personalData',
  'reaction',
  'scope',
  'sdk',
  'storage',
  'nodeEnv',
  'signal',
  'stored',
  'ms',
  'warmUpMs',
  'textLength',
  'replyLength',
  'activities',
  'topics',
  'status',
  'port',
  'hasValue',
  'expectReplies',
]);

/**
 * A locale comes from the client: written as is only when it has the shape of a language tag (en,
 * fr-CA, zh-Hans-CN, es-419), which leaves no room for a phone number or an e-mail; otherwise scrubbed.
 */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z]{4})?(-(?:[a-z]{2}|\d{3}))?$/i;

function isOwnValue(key: string, value: unknown): boolean {
  if (key === 'locale') return typeof value === 'string' && LANGUAGE_TAG.test(value);
  return OWN_ID_FIELDS.has(key) && (typeof value !== 'object' || value === null);
}

export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactPersonalData(value);
  if (depth >= MAX_SCRUB_DEPTH || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      type: value.name,
      message: redactPersonalData(value.message),
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, isOwnValue(k, v) ? v : scrub(v, depth + 1)]),
  );
}

export interface LoggerOptions {
  level: string;
  /** where lines go (tests capture them); stdout by default */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: undefined,
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => scrub(a)) as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination(1),
  );
}
