/**
 * Failures that cross a boundary. The code maps to an HTTP status (4xx may be shown to
 * the caller, 5xx never: Koa's `expose` rule) and to a reply template `errors/<code>`.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  BAD_SIGNATURE: 401,
  STALE_TIMESTAMP: 403,
  REPLAY: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED: 415,
  TASK_NOT_FOUND: 404,
  TASK_NOT_IN_UNIT: 403,
  NOT_ADMIN: 403,
  NOT_LEADER: 403,
  BAD_DATE: 400,
  NO_TASKS: 422,
  BAD_DOCUMENT: 422,
  CONFIG: 500,
  UNAVAILABLE: 503,
  PLATFORM: 502,
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly expose: boolean;
  readonly detail: Record<string, unknown>;

  constructor(code: ErrorCode, detail: Record<string, unknown> = {}, message?: string) {
    super(message ?? code);
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.expose = this.status < 500;
    this.detail = detail;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
