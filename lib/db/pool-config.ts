// Split a connection string into discrete fields: the PrismaPg adapter needs them (not only a
// URL) to derive its shadow database, and node-postgres accepts the same shape.
export type TPoolConfig = {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  max?: number;
  /** Give up opening a connection after this long (node-postgres waits forever by default). */
  connectionTimeoutMillis?: number;
  /** TCP keepalive, so a connection to a server that vanished fails instead of waiting. */
  keepAlive?: boolean;
  /** Server-side limits, in ms (0: none). */
  statement_timeout?: number;
  idle_in_transaction_session_timeout?: number;
};

/**
 * A server that is unreachable fails a request within this, as a 503 (lib/db/database-fault.ts),
 * instead of holding it until the client gives up (a refused connection fails at once anyway).
 * node-postgres also counts the wait for a free pooled connection against it, so it must outlast
 * a burst queued behind busy connections: 40 sign-ins at once, each holding one through its
 * scrypt, wait several seconds on two loaded cores, and 5 s refused some of them.
 */
export const CONNECT_TIMEOUT_MS = 30_000;

export function poolConfigFromUrl(url: string, max?: number): TPoolConfig {
  const u = new URL(url);
  if (u.protocol !== "postgresql:" && u.protocol !== "postgres:") {
    throw new Error(`DATABASE_URL must be a postgresql:// URL, got ${u.protocol}`);
  }
  return {
    host: decodeURIComponent(u.hostname) || "localhost",
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || "postgres",
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres",
    ...(max ? { max } : {}),
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
  };
}
