// One error type for the domain; lib/http/handle-api.ts maps codes to HTTP statuses.
// Messages must be safe to show: never PHI, never internals.

export const ERROR_CODES = [
  "bad_request",
  "unprocessable",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  /** A request body over its route's cap (lib/http/body-limits.ts). */
  "payload_too_large",
  "locked",
  "rate_limited",
  "unavailable",
  /** Every password-check slot is taken (lib/auth/hashing-slots.ts): nothing was checked, retry. */
  "sign_in_busy",
  /** The rollback guard is closed: patient data waits until the ledger head is trusted (docs/rollback.md). */
  "ledger_untrusted",
  /** PostgreSQL cannot be reached, is restarting, or did not answer in time (lib/db/database-fault.ts). */
  "database_unavailable",
  /** PostgreSQL's disk is full (SQLSTATE 53100): writes fail until space is freed, reads go on. */
  "storage_full",
] as const;
export type TErrorCode = (typeof ERROR_CODES)[number];

export type TErrorDetail = { path: string; message: string };

export type TAppErrorOptions = {
  /** When trying again may succeed (a report still being built): sent as Retry-After. */
  retryAfterSeconds?: number;
};

export class AppError extends Error {
  readonly code: TErrorCode;
  readonly details?: TErrorDetail[];
  readonly retryAfterSeconds?: number;
  constructor(code: TErrorCode, message: string, details?: TErrorDetail[], options: TAppErrorOptions = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
