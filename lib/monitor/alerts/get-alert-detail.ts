import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { RULE_DOCS } from "../rules/rule-docs";
import { LEDGER_TRUST_DOC, LEDGER_TRUST_RULE } from "../integrity/ledger-trust-rule";
import { BREAK_GLASS_RULE } from "./alert-queue-filters";

/** What a declared break-glass alert means, beside the monitoring rules' own doc lines. */
export const BREAK_GLASS_DOC = "A clinician declared emergency (break-glass) access to a chart the policy would deny.";

export const ruleDocOf = (ruleId: string): string =>
  ruleId === BREAK_GLASS_RULE
    ? BREAK_GLASS_DOC
    : ruleId === LEDGER_TRUST_RULE
      ? LEDGER_TRUST_DOC
      : ((RULE_DOCS as Record<string, string>)[ruleId] ?? "");

export type TAlertDetail = {
  id: string;
  kind: string;
  ruleId: string;
  ruleDoc: string;
  ruleSetHash: string | null;
  reasonCode: string;
  severity: string;
  status: string;
  priority: number;
  closeReason: string | null;
  day: string;
  summary: string;
  createdAt: Date;
  actorId: string | null;
  actorName: string | null;
  ownerId: string | null;
  ownerName: string | null;
  patientId: string | null;
  patientPseudonym: string | null;
  acknowledgedAt: Date | null;
  acknowledgedByName: string | null;
  /** The cited access events' ids, in ledger order (the alert's own list). */
  eventIds: string[];
  /** The break-glass declaration a declared alert is about (its reason is sealed: read-alert-texts.ts). */
  breakGlassId: string | null;
  /** The privacy case it was escalated into, if any (lib/monitor/cases). */
  caseId: string | null;
};

/** One cited access event: codes, times and the patient's pseudonym (never a name or an MRN). */
export type TAlertEvent = {
  id: string;
  recorded: Date;
  subtype: string;
  action: string;
  outcome: string;
  purposeOfUse: string | null;
  breakGlass: boolean;
  patientId: string | null;
  patientPseudonym: string | null;
  ledgerIndex: string | null;
};

/** One step of the alert's history, with the ledger index of its leaf once sealed. */
export type TAlertTransition = {
  id: string;
  createdAt: Date;
  fromStatus: string | null;
  toStatus: string;
  reasonCode: string | null;
  priority: number | null;
  ownerId: string | null;
  ownerName: string | null;
  /** Who made the change: an officer, the declaring clinician for a raised break-glass, null for the monitor. */
  byId: string | null;
  byName: string | null;
  ledgerIndex: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const idx = (v: bigint | null) => (v === null ? null : String(v));

/**
 * An alert with the access events it cites and its anchored history, for the alert page and
 * GET /api/monitor/alerts/:id. Ids, codes, directory names and pseudonyms only: nothing here
 * decrypts, and no staff free text is read (the page opens those on its own).
 */
export async function getAlertDetail(
  prisma: PrismaClient,
  alertId: string,
): Promise<{ alert: TAlertDetail; events: TAlertEvent[]; transitions: TAlertTransition[] }> {
  if (!UUID.test(alertId)) throw new AppError("not_found", "No such alert.");
  const a = await prisma.privacyAlert.findUnique({ where: { id: alertId } });
  if (!a) throw new AppError("not_found", "No such alert.");
  const [users, patient, events, transitions] = await Promise.all([
    prisma.user.findMany({
      where: { id: { in: [a.actorId, a.ownerId, a.acknowledgedById].filter((x): x is string => !!x) } },
      select: { id: true, displayName: true },
    }),
    a.patientId ? prisma.patient.findUnique({ where: { id: a.patientId }, select: { pseudonym: true } }) : null,
    prisma.$queryRaw<(Omit<TAlertEvent, "breakGlass" | "ledgerIndex"> & { ledgerIndex: bigint | null })[]>`
      SELECT e.id, e.recorded, e.subtype, e.action, e.outcome, e."purposeOfUse", e."patientId",
             p.pseudonym AS "patientPseudonym", le.index AS "ledgerIndex"
      FROM "AccessEvent" e
      LEFT JOIN "Patient" p ON p.id = e."patientId"
      LEFT JOIN "LedgerEntry" le ON le."rowId" = e.id AND le.kind = 'access_event'
      WHERE e.id = ANY(${a.eventIds}::uuid[])
      ORDER BY e.recorded, e.id`,
    prisma.$queryRaw<(Omit<TAlertTransition, "ledgerIndex"> & { ledgerIndex: bigint | null })[]>`
      SELECT t.id, t."createdAt", t."fromStatus", t."toStatus", t."reasonCode", t.priority, t."ownerId",
             o."displayName" AS "ownerName", t."byId", b."displayName" AS "byName", le.index AS "ledgerIndex"
      FROM "PrivacyAlertTransition" t
      LEFT JOIN "User" o ON o.id = t."ownerId"
      LEFT JOIN "User" b ON b.id = t."byId"
      LEFT JOIN "LedgerEntry" le ON le."rowId" = t.id AND le.kind = 'alert_transition'
      WHERE t."alertId" = ${a.id}::uuid
      ORDER BY t."createdAt", t.id`,
  ]);
  const nameOf = (id: string | null) => (id ? (users.find((u) => u.id === id)?.displayName ?? null) : null);
  return {
    alert: {
      id: a.id,
      kind: a.kind,
      ruleId: a.ruleId,
      ruleDoc: ruleDocOf(a.ruleId),
      ruleSetHash: a.ruleSetHash,
      reasonCode: a.reasonCode,
      severity: a.severity,
      status: a.status,
      priority: a.priority,
      closeReason: a.closeReason,
      day: a.day.toISOString().slice(0, 10),
      summary: a.summary,
      createdAt: a.createdAt,
      actorId: a.actorId,
      actorName: nameOf(a.actorId),
      ownerId: a.ownerId,
      ownerName: nameOf(a.ownerId),
      patientId: a.patientId,
      patientPseudonym: patient?.pseudonym ?? null,
      acknowledgedAt: a.acknowledgedAt,
      acknowledgedByName: nameOf(a.acknowledgedById),
      eventIds: a.eventIds,
      breakGlassId: (a.details as { breakGlassId?: string } | null)?.breakGlassId ?? null,
      caseId: a.caseId,
    },
    events: events.map((e) => ({ ...e, breakGlass: e.purposeOfUse === "ETREAT", ledgerIndex: idx(e.ledgerIndex) })),
    transitions: transitions.map((t) => ({ ...t, ledgerIndex: idx(t.ledgerIndex) })),
  };
}
