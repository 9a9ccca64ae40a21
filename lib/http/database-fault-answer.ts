import type { TDatabaseFault } from "@/lib/db/database-fault";
import type { TErrorCode } from "@/lib/errors";

// What each database fault tells the caller, in one place for the API (handle-api.ts), forms
// (form-state.ts) and pages: a code to match, a sentence to show, and when to try again (a restart
// takes seconds; freeing disk space takes a person). 503 with Retry-After is what clients, load
// balancers and uptime monitors expect of a dependency that is down, never a 500.
export const DATABASE_FAULT_ANSWER: Record<
  TDatabaseFault,
  { code: TErrorCode; message: string; retryAfterSeconds: number; log: string }
> = {
  busy: {
    code: "unavailable",
    message: "The server is busy. Try again in a moment.",
    retryAfterSeconds: 1,
    log: "the database had no connection free in time",
  },
  unavailable: {
    code: "database_unavailable",
    message:
      "The database is unavailable (restarting or unreachable). Nothing was changed; try again in a few seconds.",
    retryAfterSeconds: 5,
    log: "the database is unavailable",
  },
  storage_full: {
    code: "storage_full",
    message:
      "The database's disk is full, so nothing new can be saved and nothing was changed. Reading still works; an operator must free space.",
    retryAfterSeconds: 60,
    log: "the database's disk is full (SQLSTATE 53100)",
  },
};
