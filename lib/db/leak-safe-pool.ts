import pg from "pg";
import { noteCheckedOut, noteReleased } from "./transaction-connection";

/**
 * The pool the app's Prisma client runs on. Prisma 6.19's transaction manager sends ROLLBACK (or
 * COMMIT) through the connection and only then tells the pg adapter to release it; when the
 * connection is already gone (PostgreSQL restarted with `pg_ctl stop -m immediate` mid-transaction)
 * that statement throws, the release never happens, and the pool slot is lost for good. After a
 * few such transactions every request waited for a free connection and was refused as busy until
 * the app was restarted (found by `npm run bench -- faults --scenario b`). Here a checked-out
 * connection that stops being usable is given back to the pool at once, with its error (so the
 * pool drops it and opens a new one when needed), and any later release of it does nothing.
 */
export class LeakSafePool extends pg.Pool {
  connect(): Promise<pg.PoolClient>;
  connect(
    callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): void;
  connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ) {
    // The callback form is pool.query's own, which always releases what it took.
    if (callback) return super.connect(callback);
    return super.connect().then(guard);
  }
}

type TRawClient = pg.PoolClient & { _queryable?: boolean; _ending?: boolean };

function guard(client: pg.PoolClient): pg.PoolClient {
  const c = client as TRawClient;
  const release = c.release;
  let released = false;
  const releaseOnce = (err?: Error | boolean) => {
    if (released) return;
    released = true;
    noteReleased(c);
    c.removeListener("error", onLost);
    release(err);
  };
  // A connection lost while idle in the caller's hands is reported here; one lost under a query
  // fails that query, after which the client says it is no longer queryable.
  const onLost = (err: Error) => releaseOnce(err);
  c.on("error", onLost);
  c.release = releaseOnce;
  const query = c.query.bind(c) as (...args: unknown[]) => unknown;
  c.query = ((...args: unknown[]) => {
    const result = query(...args);
    if (result && typeof (result as Promise<unknown>).catch === "function")
      (result as Promise<unknown>).catch((err: Error) => {
        if (c._queryable === false || c._ending) releaseOnce(err);
      });
    return result;
  }) as typeof c.query;
  noteCheckedOut(c);
  return client;
}
