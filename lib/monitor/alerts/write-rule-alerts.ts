import "server-only";
import type pg from "pg";
import { alertDigest, type TAlertIdentity } from "@/lib/ledger/kinds/alert-transition";
import { newAnchoredRowId } from "@/lib/ledger/anchored-row-id";
import { enqueueLeaves } from "@/lib/ledger/seal/enqueue-leaf";
import { findingKey } from "../rules/evaluate-rules";
import type { TFinding } from "../rules/types";
import { priorityOf } from "./alert-status";

/** An alert cites at most this many events (a bulk export can have thousands); details.events has the count. */
export const MAX_ALERT_EVENT_IDS = 500;

/** An inserted alert: what its raising transition commits to, and the priority it starts with. */
type TAlertRow = TAlertIdentity & { eventIds: string[]; priority: number };

/** The summary names the rule and reason only: ids, codes and counts, never PHI. */
export const ruleAlertSummary = (f: Pick<TFinding, "ruleId" | "reasonCode" | "eventIds">) =>
  `${f.ruleId}: ${f.reasonCode} (${f.eventIds.length} event${f.eventIds.length === 1 ? "" : "s"})`;

/**
 * Stores findings as privacy alerts, each (rule, actor, patient, day) once: the unique indexes of
 * the migration absorb a finding an earlier batch (or a re-read lookback, or a re-run backfill)
 * already raised, through ON CONFLICT DO NOTHING. Each alert actually inserted gets its raising
 * transition, anchored in the same transaction. One statement per table whatever the count;
 * rows go in key order so concurrent writers lock in one order. Returns the alerts inserted.
 */
export async function writeRuleAlerts(
  client: pg.ClientBase,
  o: { findings: readonly TFinding[]; ruleSetHash: string },
): Promise<TAlertRow[]> {
  if (o.findings.length === 0) return [];
  const findings = [...o.findings].sort((a, b) => (findingKey(a) < findingKey(b) ? -1 : 1));
  const { rows: inserted } = await client.query<TAlertRow>(
    `INSERT INTO "PrivacyAlert" (id, kind, "ruleId", "ruleSetHash", severity, "actorId", "patientId", day,
                                 "reasonCode", "eventIds", priority, summary, details)
     SELECT id, 'rule', rule, $2, sev, actor, patient, day, reason,
            CASE WHEN evs = '' THEN ARRAY[]::uuid[] ELSE string_to_array(evs, ',')::uuid[] END, prio, summary, details
       FROM unnest($1::uuid[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::date[], $8::text[], $9::text[],
                   $10::int[], $11::text[], $12::jsonb[])
         AS u(id, rule, sev, actor, patient, day, reason, evs, prio, summary, details)
     ON CONFLICT DO NOTHING
     RETURNING id, kind, "ruleId", "ruleSetHash", severity, "actorId", "patientId", to_char(day, 'YYYY-MM-DD') AS day,
               "reasonCode", "eventIds"::text[] AS "eventIds", priority`,
    [
      findings.map(() => crypto.randomUUID()),
      o.ruleSetHash,
      findings.map((f) => f.ruleId),
      findings.map((f) => f.severity),
      findings.map((f) => f.actorId),
      findings.map((f) => f.patientId),
      findings.map((f) => f.day),
      findings.map((f) => f.reasonCode),
      findings.map((f) => f.eventIds.slice(0, MAX_ALERT_EVENT_IDS).join(",")),
      findings.map((f) => priorityOf(f.severity)),
      findings.map((f) => ruleAlertSummary(f)),
      findings.map((f) => JSON.stringify({ ...f.details, events: f.eventIds.length })),
    ],
  );
  if (inserted.length === 0) return [];
  const { rows: transitions } = await client.query(
    `INSERT INTO "PrivacyAlertTransition" (id, "alertId", "toStatus", "reasonCode", priority, "alertDigest")
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::bytea[])
     RETURNING *`,
    [
      inserted.map(() => newAnchoredRowId()),
      inserted.map((a) => a.id),
      inserted.map(() => "new"),
      inserted.map((a) => a.reasonCode),
      inserted.map((a) => a.priority),
      inserted.map((a) => Buffer.from(alertDigest(a))),
    ],
  );
  await enqueueLeaves(client, { kind: "alert_transition", rows: transitions as { id: string }[] });
  return inserted;
}
