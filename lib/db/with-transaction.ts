import type pg from "pg";

export type TTransactionOptions = {
  isolation?: "READ COMMITTED" | "REPEATABLE READ" | "SERIALIZABLE";
  readOnly?: boolean;
  /**
   * Read in the snapshot another transaction exported (pg_export_snapshot()), which must still be
   * open; needs REPEATABLE READ or SERIALIZABLE.
   */
  snapshot?: string;
};

/**
 * Runs fn in a transaction on one pooled node-postgres connection; rolls back on any error and
 * releases the connection either way. (Prisma code uses prisma.$transaction instead.)
 */
export async function withTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
  options: TTransactionOptions = {},
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(beginStatement(options));
    if (options.snapshot !== undefined)
      await client.query(`SET TRANSACTION SNAPSHOT '${options.snapshot.replace(/[^0-9A-F-]/gi, "")}'`);
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

function beginStatement(o: TTransactionOptions): string {
  const isolation = o.isolation ? ` ISOLATION LEVEL ${o.isolation}` : "";
  return `BEGIN${isolation}${o.readOnly ? " READ ONLY" : ""}`;
}
