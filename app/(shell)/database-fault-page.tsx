import { DatabaseUnavailable } from "@/components/errors/database-unavailable";
import { databaseFault } from "@/lib/db/database-fault";
import { DATABASE_FAULT_ANSWER } from "@/lib/http/database-fault-answer";
import { setPageStatus } from "@/lib/http/page-status";

/**
 * What a server page shows when reading for it failed because of the database (down, busy, disk
 * full): this notice, with 503 and Retry-After as the API answers; null when `error` is not the
 * database's, to be rethrown. `inShell` for a page inside the shell's layout.
 */
export function databaseFaultPage(error: unknown, o: { inShell: boolean }): React.ReactElement | null {
  const fault = databaseFault(error);
  if (!fault) return null;
  setPageStatus(503, DATABASE_FAULT_ANSWER[fault].retryAfterSeconds);
  return <DatabaseUnavailable fault={fault} inShell={o.inShell} />;
}
