/**
 * The one catalogue of errors that stop the assistant: misconfiguration and invalid content.
 * Expected outcomes (no match, unknown country...) are values, never exceptions.
 */
export const ERROR_CODES = {
  IAG_E_CONTENT_INVALID: 'The knowledge content does not match its schema.',
  IAG_E_CONTENT_MISSING: 'A knowledge file or folder is missing.',
  IAG_E_CONFIG_INVALID: 'A configuration value is invalid.',
  IAG_E_STORAGE_UNAVAILABLE: 'The conversation storage could not be reached.',
  IAG_E_CONFIG_ANONYMOUS_IN_PRODUCTION: 'NODE_ENV=production with no app id: set MicrosoftAppId (or clientId), or ALLOW_ANONYMOUS=true.',
  IAG_E_TURN_FAILED: 'A turn failed unexpectedly; the user was told and given a reference id.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, detail: string, options?: { cause?: unknown }) {
    super(`${code}: ${detail}`, options);
    this.name = 'AppError';
    this.code = code;
  }
}
