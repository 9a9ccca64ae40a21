// Split a connection string into discrete fields: the PrismaPg adapter needs them (not only a
// URL) to derive its shadow database, and node-postgres accepts the same shape.
export type TPoolConfig = {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  max?: number;
};

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
  };
}
