// AccessEvent and most tables store `timestamp` (without zone) in UTC. A Date handed to pg is
// sent in the process's local zone, so timestamps go in as UTC strings and are cast.
export const pgTimestamp = (d: Date) => d.toISOString().replace("Z", "");

/** YYYY-MM-DD of an instant, UTC (the rollups' day). */
export const utcDay = (d: Date) => d.toISOString().slice(0, 10);

export const DAY_MS = 86_400_000;
