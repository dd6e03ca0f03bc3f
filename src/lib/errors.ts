/**
 * The one error contract. Anything that refuses input throws an `AppError` with a code; the
 * code gives the HTTP status (4xx may be shown to the caller, 5xx never: Koa's `expose`
 * rule) and, for errors a chat user can meet, the reply template `templates/errors/<code>.md`
 * (code in kebab case) filled with the error's `detail`. Operators read the detail and the
 * message in the log; users read only the template.
 */
export const ERRORS = {
  /** a malformed callback or request (bad JSON/XML, missing fields) */
  BAD_REQUEST: { status: 400, userFacing: false },
  /** a callback whose signature or decryption does not verify */
  BAD_SIGNATURE: { status: 401, userFacing: false },
  /** a callback outside the platform's time window */
  STALE_TIMESTAMP: { status: 403, userFacing: false },
  /** a signed callback seen before (the same signature carrying another body) */
  REPLAY: { status: 403, userFacing: false },
  BODY_TOO_LARGE: { status: 413, userFacing: false },
  /** a document that cannot be read as a plan: detail.reason says why (templates/errors/bad-document.md) */
  BAD_DOCUMENT: { status: 422, userFacing: true },
  /** a readable document with no numbered task items or task table */
  NO_TASKS: { status: 422, userFacing: true },
  /** a file over the platform's (or our) size limit: detail.mb */
  FILE_TOO_LARGE: { status: 413, userFacing: true },
  /** a file the platform would not hand over (link expired, download refused): detail.platform */
  FILE_UNAVAILABLE: { status: 502, userFacing: true },
  /** a file that arrived damaged or could not be decrypted */
  FILE_UNREADABLE: { status: 422, userFacing: true },
  /** a file that may not be kept whatever its name says (a program, an empty file): detail.reason */
  FILE_REFUSED: { status: 422, userFacing: true },
  /** a missing or contradictory setting; the message names it */
  CONFIG: { status: 500, userFacing: false },
  INTERNAL: { status: 500, userFacing: true },
} as const;
export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly expose: boolean;
  readonly detail: Record<string, unknown>;

  constructor(code: ErrorCode, detail: Record<string, unknown> = {}, message?: string) {
    super(message ?? `${code}${typeof detail.reason === 'string' ? `: ${detail.reason}` : ''}`);
    this.name = 'AppError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.expose = this.status < 500;
    this.detail = detail;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** `errors/file-too-large` for FILE_TOO_LARGE: the template a chat user reads for this code. */
export function errorTemplate(code: ErrorCode): `errors/${string}` {
  return `errors/${code.toLowerCase().replace(/_/g, '-')}`;
}

/**
 * What a chat user is told about any failure: the template and data of a user-facing
 * AppError (detail.reason becomes a flag, so templates can say each reason in its words),
 * else the generic errors/internal. The caller logs the failure for operators.
 */
export function userError(e: unknown, what?: string): { key: `errors/${string}`; data: Record<string, unknown> } {
  if (isAppError(e) && ERRORS[e.code].userFacing) {
    const reason = typeof e.detail.reason === 'string' ? { [e.detail.reason]: true } : {};
    return { key: errorTemplate(e.code), data: { ...e.detail, ...reason, ...(what ? { what } : {}) } };
  }
  return { key: 'errors/internal', data: what ? { what } : {} };
}
