import "server-only";
import type pg from "pg";
import { newAnchoredRowId } from "@/lib/ledger/anchored-row-id";
import { alertDigest } from "@/lib/ledger/kinds/alert-transition";
import type { TRollbackCheck } from "@/lib/ledger/rollback/rollback-guard";
import { enqueueLeaf } from "@/lib/ledger/seal/enqueue-leaf";
import { priorityOf } from "../alerts/alert-status";
import { LEDGER_TRUST_RULE } from "./ledger-trust-rule";

export { LEDGER_TRUST_RULE };

/**
 * Raises a high integrity alert for a closed rollback guard (an old backup restored, a history
 * that differs from what the log issued or a witness cosigned, no store knowing the ledger):
 * one open alert per guard state, about no person. Its raising is anchored like any alert's.
 * Returns whether an alert was raised (false when one for this state is still open).
 */
export async function raiseLedgerTrustAlert(
  pool: pg.Pool,
  check: Extract<TRollbackCheck, { ok: false }>,
  now = new Date(),
): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // One writer at a time across instances, so two cannot both find none open and raise two.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [LEDGER_TRUST_RULE]);
    const open = await client.query(
      `SELECT 1 FROM "PrivacyAlert" WHERE "ruleId" = $1 AND "reasonCode" = $2 AND status <> 'closed' LIMIT 1`,
      [LEDGER_TRUST_RULE, check.state],
    );
    if (open.rowCount) {
      await client.query("ROLLBACK");
      return false;
    }
    const alert = {
      id: crypto.randomUUID(),
      kind: "integrity",
      ruleId: LEDGER_TRUST_RULE,
      ruleSetHash: null,
      severity: "high",
      actorId: null,
      patientId: null,
      day: now.toISOString().slice(0, 10),
      reasonCode: check.state,
      eventIds: [] as string[],
    };
    const priority = priorityOf(alert.severity);
    // The reason names sizes and stores only (no paths, no PHI): the same sentence the guard gives.
    await client.query(
      `INSERT INTO "PrivacyAlert" (id, kind, "ruleId", severity, day, "reasonCode", priority, summary, details, "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8, $9, $10, $10)`,
      [
        alert.id,
        alert.kind,
        alert.ruleId,
        alert.severity,
        alert.day,
        alert.reasonCode,
        priority,
        `Ledger integrity: patient data stopped (${check.state}): ${check.reason}`.slice(0, 500),
        JSON.stringify({ treeSize: check.treeSize, issuedTreeSize: check.issuedTreeSize, logId: check.logId }),
        now,
      ],
    );
    const { rows } = await client.query(
      `INSERT INTO "PrivacyAlertTransition" (id, "alertId", "toStatus", "reasonCode", priority, "alertDigest", "createdAt")
       VALUES ($1, $2, 'new', $3, $4, $5, $6) RETURNING *`,
      [newAnchoredRowId(), alert.id, alert.reasonCode, priority, Buffer.from(alertDigest(alert)), now],
    );
    await enqueueLeaf(client, { kind: "alert_transition", row: rows[0] });
    await client.query("COMMIT");
    return true;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
