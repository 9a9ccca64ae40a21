import type pg from "pg";

/**
 * Runs fn in a transaction on one pooled node-postgres connection; rolls back on any error and
 * releases the connection either way. (Prisma code uses prisma.$transaction instead.)
 */
export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
