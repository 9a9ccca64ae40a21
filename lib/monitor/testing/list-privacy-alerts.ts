import "server-only";
// The tests' view of every alert with its sealed texts opened (the pages read one alert at a time:
// alerts/get-alert-detail.ts, alerts/read-alert-texts.ts).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { BREAK_GLASS_REASON_COLUMN } from "@/lib/access/break-glass/declare-break-glass";
import { withPatientKeys } from "@/lib/keys/patient-key-ring";
import { readPatientText, type TPatientText } from "@/lib/keys/patient-text";
import { ALERT_NOTE_COLUMN } from "../acknowledge-privacy-alert";
import { OPEN_ALERT_STATUSES, type TAlertStatus } from "../alerts/alert-status";

export type TPrivacyAlertRow = {
  id: string;
  kind: string;
  ruleId: string;
  reasonCode: string;
  severity: string;
  status: string;
  priority: number;
  closeReason: string | null;
  /** The staff member the alert is about (directory name), null for a signed-out attempt. */
  actor: string | null;
  /** The officer who owns it, by name. */
  owner: string | null;
  day: string;
  summary: string;
  /** What happened, for the page: the actor's name with the rule's summary (ids and codes only otherwise). */
  description: string;
  /** The patient's pseudonym (never a name), null for an alert about no patient. */
  patient: string | null;
  createdAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  /**
   * Break-glass alerts: the clinician's written reason (staff text, shown to compliance only),
   * opened under the patient's data key; the erased marker once the patient was erased.
   */
  reason: TPatientText | null;
  /** The acknowledging officer's note, opened the same way; null without one. */
  note: TPatientText | null;
};

function describeAlert(o: { kind: string; actor: string; patient: string | null; summary: string }): string {
  if (o.kind === "break_glass")
    return `${o.actor} declared emergency access${o.patient ? ` to patient ${o.patient}` : ""}.`;
  return `${o.actor}${o.patient ? ` → patient ${o.patient}` : ""}: ${o.summary}`;
}

/**
 * Open alerts (new, under review) first, newest first; then recently closed or escalated ones.
 * With a status: only the alerts in it, newest first.
 */
export async function listPrivacyAlerts(
  prisma: PrismaClient,
  opts: { limit?: number; status?: TAlertStatus } = {},
): Promise<TPrivacyAlertRow[]> {
  const take = Math.min(opts.limit ?? 50, 200);
  const [open, done] = await Promise.all(
    opts.status
      ? [prisma.privacyAlert.findMany({ where: { status: opts.status }, orderBy: { createdAt: "desc" }, take }), []]
      : [
          prisma.privacyAlert.findMany({
            where: { status: { in: [...OPEN_ALERT_STATUSES] } },
            orderBy: { createdAt: "desc" },
            take,
          }),
          prisma.privacyAlert.findMany({
            where: { status: { notIn: [...OPEN_ALERT_STATUSES] } },
            orderBy: { updatedAt: "desc" },
            take: 20,
          }),
        ],
  );
  const alerts = [...open, ...done];
  const glassIds = alerts
    .map((a) => (a.details as { breakGlassId?: string } | null)?.breakGlassId)
    .filter((x): x is string => !!x);
  const userIds = [
    ...new Set(alerts.flatMap((a) => [a.acknowledgedById, a.actorId, a.ownerId]).filter((x): x is string => !!x)),
  ];
  const patientIds = [...new Set(alerts.flatMap((a) => (a.patientId ? [a.patientId] : [])))];
  const [glasses, users, acks, pseudonyms] = await Promise.all([
    prisma.breakGlass.findMany({
      where: { id: { in: glassIds } },
      select: { id: true, patientId: true, reason: true, sealedReason: true },
    }),
    prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } }),
    prisma.privacyAlertAcknowledgement.findMany({
      where: { alertId: { in: alerts.map((a) => a.id) }, sealedNote: { not: null } },
      select: { id: true, alertId: true, patientId: true, sealedNote: true },
    }),
    prisma.patient.findMany({ where: { id: { in: patientIds } }, select: { id: true, pseudonym: true } }),
  ]);
  const pseudonymOf = new Map(pseudonyms.map((p) => [p.id, p.pseudonym]));
  const { reasonOf, noteOf } = await withPatientKeys(
    prisma,
    [...glasses.map((g) => g.patientId), ...acks.flatMap((a) => (a.patientId ? [a.patientId] : []))],
    (keyOf) => ({
      reasonOf: new Map(
        glasses.map((g) => [
          g.id,
          readPatientText(
            keyOf(g.patientId),
            { column: BREAK_GLASS_REASON_COLUMN, patientId: g.patientId, rowId: g.id },
            { sealed: g.sealedReason, legacy: g.reason },
          ),
        ]),
      ),
      noteOf: new Map(
        acks.map((a) => [
          a.alertId,
          readPatientText(
            a.patientId ? keyOf(a.patientId) : null,
            { column: ALERT_NOTE_COLUMN, patientId: a.patientId ?? "", rowId: a.id },
            { sealed: a.sealedNote },
          ),
        ]),
      ),
    }),
  );
  const nameOf = new Map(users.map((u) => [u.id, u.displayName]));
  return alerts.map((a) => ({
    id: a.id,
    kind: a.kind,
    ruleId: a.ruleId,
    reasonCode: a.reasonCode,
    severity: a.severity,
    status: a.status,
    priority: a.priority,
    closeReason: a.closeReason,
    actor: a.actorId ? (nameOf.get(a.actorId) ?? null) : null,
    patient: a.patientId ? (pseudonymOf.get(a.patientId) ?? null) : null,
    owner: a.ownerId ? (nameOf.get(a.ownerId) ?? null) : null,
    day: a.day.toISOString().slice(0, 10),
    description: describeAlert({
      kind: a.kind,
      actor: a.actorId ? (nameOf.get(a.actorId) ?? "An unknown account") : "A signed-out client",
      patient: a.patientId ? (pseudonymOf.get(a.patientId) ?? null) : null,
      summary: a.summary,
    }),
    summary: a.summary,
    createdAt: a.createdAt,
    acknowledgedAt: a.acknowledgedAt,
    acknowledgedBy: a.acknowledgedById ? (nameOf.get(a.acknowledgedById) ?? null) : null,
    reason: reasonOf.get((a.details as { breakGlassId?: string } | null)?.breakGlassId ?? "") ?? null,
    note: noteOf.get(a.id) ?? null,
  }));
}
