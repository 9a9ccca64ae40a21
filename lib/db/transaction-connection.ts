import type pg from "pg";

// The node-postgres connection under a Prisma interactive transaction, found by its server
// process id (pg_backend_pid()), for a bulk statement inside that transaction. Prisma's raw-query
// path maps every parameter through its query compiler: measured on this machine, 4.6 ms of node
// CPU for one 160 KB bytea parameter and 2 ms for two arrays of 500 uuids, against 0.3 ms through
// node-postgres; a 500-row vault batch spent more CPU there than in encryption. The connections
// are the app's own pool's (leak-safe-pool.ts notes each one it hands out until it is released).

const checkedOut = new Map<number, Set<pg.PoolClient>>();

type TKeyed = pg.PoolClient & { processID?: number | null };

export function noteCheckedOut(client: pg.PoolClient): void {
  const pid = (client as TKeyed).processID;
  if (typeof pid !== "number") return;
  let set = checkedOut.get(pid);
  if (!set) checkedOut.set(pid, (set = new Set()));
  set.add(client);
}

export function noteReleased(client: pg.PoolClient): void {
  const pid = (client as TKeyed).processID;
  if (typeof pid !== "number") return;
  const set = checkedOut.get(pid);
  set?.delete(client);
  if (set?.size === 0) checkedOut.delete(pid);
}

/**
 * The checked-out connection served by server process `pid`, or undefined when there is none or
 * more than one (pools of this process on two servers whose processes share the number). The
 * caller must still prove, in its statement, that it runs in the transaction it means (the
 * transaction id, pg_current_xact_id()): a process id alone names a session, not a transaction.
 */
export function checkedOutConnection(pid: number): pg.ClientBase | undefined {
  const set = checkedOut.get(pid);
  return set?.size === 1 ? set.values().next().value : undefined;
}
