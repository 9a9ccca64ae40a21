// Which failures of the database a person can act on, whatever client raised them (node-postgres
// directly, or Prisma through its pg adapter, which wraps the driver's error once or twice):
// - "unavailable": the server cannot be reached, is shutting down or starting up, dropped the
//   connection, or did not answer in time. Nothing the request did; retry later.
// - "storage_full": PostgreSQL could not extend a file (SQLSTATE 53100 disk_full). Writes fail
//   until space is freed; reads go on.
// - "busy": up, but no connection was free in time, or the statement lost a conflict it may win
//   when retried (a replica cancelling a query its replay conflicts with, a deadlock).
// Pure (no driver imported), so the form helpers that client components share can use it.
export type TDatabaseFault = "unavailable" | "storage_full" | "busy";

// PostgreSQL SQLSTATEs (Appendix A of its manual): class 08 connection exception; 57P01
// admin_shutdown (also what pg_terminate_backend sends), 57P02 crash_shutdown, 57P03
// cannot_connect_now (starting up or in recovery), 57014 query_canceled (statement_timeout),
// 53300 too_many_connections, 53000/53200 insufficient resources / out of memory.
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "57014", "53000", "53200", "53300"]);
const STORAGE_FULL_SQLSTATE = "53100";
// Node's socket errors while connecting or talking to the server.
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);
// Prisma's codes for the same: can't reach (P1001), timed out (P1008), server closed the
// connection (P1017), too many connections (P2037).
const PRISMA_UNAVAILABLE = new Set(["P1001", "P1008", "P1017", "P2037"]);
// Prisma's codes for a database that is up but has no connection free in time: P2024, a
// connection could not be taken from the pool; P2028, a transaction could not start within its
// wait. Both mean overload, not a fault of the request (seen under 50 connections on the explorer).
const PRISMA_BUSY = new Set(["P2024", "P2028", "P2034"]);
// Conflicts a retry may win: 40001 serialization_failure, which is also what a streaming replica
// raises when it cancels a query that its replay conflicts with ("conflict with recovery"), and
// 40P01 deadlock_detected. Prisma's P2034 above is the same ("write conflict or a deadlock").
const RETRYABLE_SQLSTATES = new Set(["40001", "40P01"]);
// node-postgres's pool says this when no connection came free (or opened) within
// connectionTimeoutMillis: the server is overloaded or hung, and the answer is the same as busy.
const POOL_WAIT_TIMEOUT = /^timeout exceeded when trying to connect/;
// node-postgres raises these as plain Errors without a code.
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
  /^Cannot use a pool after calling end/,
  /^Query read timeout/,
];

/** The codes an error and the errors it wraps carry (SQLSTATE, errno name, Prisma code), outermost first. */
function codesOf(error: unknown, depth = 0): string[] {
  if (depth > 4 || error === null || typeof error !== "object") return [];
  const e = error as {
    code?: unknown;
    originalCode?: unknown;
    cause?: unknown;
    meta?: { driverAdapterError?: unknown };
  };
  const own = [e.code, e.originalCode].filter((c): c is string => typeof c === "string");
  return [
    ...own,
    ...codesOf(e.cause, depth + 1),
    ...codesOf(e.meta?.driverAdapterError, depth + 1),
    ...(typeof e.cause === "object" && e.cause && "kind" in e.cause ? [`kind:${String(e.cause.kind)}`] : []),
  ];
}

function messagesOf(error: unknown, depth = 0): string[] {
  if (depth > 4 || !(error instanceof Error)) return [];
  return [error.message, ...messagesOf(error.cause, depth + 1)];
}

/** The fault `error` shows, or null when it is not the database's (a bug, a constraint, a bad request). */
export function databaseFault(error: unknown): TDatabaseFault | null {
  const codes = codesOf(error);
  if (codes.some((c) => PRISMA_BUSY.has(c) || RETRYABLE_SQLSTATES.has(c))) return "busy";
  if (messagesOf(error).some((m) => POOL_WAIT_TIMEOUT.test(m))) return "busy";
  if (codes.includes(STORAGE_FULL_SQLSTATE)) return "storage_full";
  for (const code of codes) {
    if (code.startsWith("08") && code.length === 5) return "unavailable";
    if (UNAVAILABLE_SQLSTATES.has(code) || SOCKET_CODES.has(code) || PRISMA_UNAVAILABLE.has(code)) return "unavailable";
    if (code === "kind:DatabaseNotReachable" || code === "kind:ConnectionClosed" || code === "kind:SocketTimeout")
      return "unavailable";
  }
  // A lost socket also surfaces as an AggregateError of every address tried (::1 and 127.0.0.1).
  if (error instanceof AggregateError && error.errors.some((e) => databaseFault(e) === "unavailable"))
    return "unavailable";
  if (messagesOf(error).some((m) => UNAVAILABLE_MESSAGES.some((re) => re.test(m)))) return "unavailable";
  return null;
}
