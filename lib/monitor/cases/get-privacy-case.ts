import "server-only";
import { loadActiveRuleSet } from "../load-rule-set";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { openCaseText, unwrapCaseKey } from "@/lib/keys/case-key";
import type { TAssessmentCodes } from "./breach-assessment";
import { CASE_TEXT_COLUMN, latestAssessment } from "./change-privacy-case";
import { caseClockRules, computeClocks, type TClock } from "./case-clocks";
import type { TDetermination } from "./case-codes";

/** The accesses a case page lists at most: the alerts' own events, oldest first. */
export const MAX_CASE_ACCESSES = 500;

export type TCaseHistoryStep = {
  id: string;
  action: string;
  fromState: string | null;
  toState: string;
  at: Date;
  by: string;
  alertIds: string[];
  owner: string | null;
  discoveredAt: Date | null;
  discoveredHow: string | null;
  determination: string | null;
  sanctionTier: number | null;
  notifiedAt: Date | null;
  conclusion: string | null;
};

export type TPrivacyCaseView = Awaited<ReturnType<typeof getPrivacyCase>>;

/**
 * One case for its page: intake, the staff member, the alerts, the accesses behind them (patient
 * pseudonyms only), clocks, the full history and, with `withText` (the page, not the API), the
 * notes and the latest assessment's rationales opened under the case key.
 */
export async function getPrivacyCase(prisma: PrismaClient, id: unknown, o: { now?: Date; withText?: boolean } = {}) {
  const caseId = z.uuid().safeParse(id);
  if (!caseId.success) throw new AppError("not_found", "No such case.");
  const c = await prisma.privacyCase.findUnique({ where: { id: caseId.data } });
  if (!c) throw new AppError("not_found", "No such case.");
  const clockRules = caseClockRules((await loadActiveRuleSet(prisma)).config.otherClocks);
  const withText = o.withText ?? true;
  const [alerts, steps, codes] = await Promise.all([
    prisma.privacyAlert.findMany({ where: { caseId: c.id }, orderBy: { createdAt: "asc" } }),
    prisma.privacyCaseTransition.findMany({ where: { caseId: c.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    latestAssessment(prisma, c.id),
  ]);
  const eventIds = [...new Set(alerts.flatMap((a) => a.eventIds))];
  const events = await prisma.accessEvent.findMany({
    where: { id: { in: eventIds } },
    orderBy: [{ recorded: "asc" }, { id: "asc" }],
    take: MAX_CASE_ACCESSES,
  });
  const userIds = [...new Set([c.actorId, c.ownerId, ...steps.map((s) => s.byId), ...steps.map((s) => s.ownerId)])];
  const patientIds = [...new Set(events.map((e) => e.patientId).filter((p): p is string => p !== null))];
  const [users, patients] = await Promise.all([
    prisma.user.findMany({
      where: { id: { in: userIds.filter((u): u is string => !!u) } },
      select: { id: true, displayName: true, role: true, department: true },
    }),
    prisma.patient.findMany({ where: { id: { in: patientIds } }, select: { id: true, pseudonym: true } }),
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const name = (uid: string | null) => (uid ? (userById.get(uid)?.displayName ?? "—") : null);
  const pseudonym = new Map(patients.map((p) => [p.id, p.pseudonym]));

  const dek = withText ? unwrapCaseKey(c.wrappedKey, c.id) : null;
  const open = (s: { id: string; sealed: Uint8Array | null }) =>
    dek && s.sealed ? openCaseText(dek, { column: CASE_TEXT_COLUMN, caseId: c.id, rowId: s.id }, s.sealed) : null;
  try {
    const notes = steps
      .filter((s) => s.action === "note")
      .map((s) => ({ id: s.id, at: s.createdAt, by: name(s.byId)!, text: open(s) }));
    const lastAssess = [...steps].reverse().find((s) => s.action === "assess");
    const rationales = lastAssess ? open(lastAssess) : null;
    const clocks: TClock[] = computeClocks(
      {
        discoveredAt: c.discoveredAt,
        determination: c.determination as TDetermination | null,
        notifiedAt: c.notifiedAt,
        now: o.now ?? new Date(),
      },
      clockRules,
    );
    const actor = userById.get(c.actorId);
    return {
      id: c.id,
      state: c.state,
      actor: {
        id: c.actorId,
        name: actor?.displayName ?? "—",
        role: actor?.role ?? null,
        department: actor?.department ?? null,
      },
      owner: c.ownerId ? { id: c.ownerId, name: name(c.ownerId)! } : null,
      discoveredAt: c.discoveredAt,
      discoveredHow: c.discoveredHow,
      determination: c.determination,
      sanctionTier: c.sanctionTier,
      notifiedAt: c.notifiedAt,
      openedAt: c.createdAt,
      updatedAt: c.updatedAt,
      alerts: alerts.map((a) => ({
        id: a.id,
        ruleId: a.ruleId,
        severity: a.severity,
        day: a.day.toISOString().slice(0, 10),
        summary: a.summary,
        raisedAt: a.createdAt,
        events: a.eventIds.length,
      })),
      accesses: events.map((e) => ({
        id: e.id,
        recorded: e.recorded,
        type: e.type,
        subtype: e.subtype,
        action: e.action,
        outcome: e.outcome,
        purposeOfUse: e.purposeOfUse,
        patient: e.patientId ? (pseudonym.get(e.patientId) ?? null) : null,
      })),
      accessesTruncated: eventIds.length > events.length,
      /** The patients the page names (its alerts' and listed accesses'): each view is recorded against them. */
      patientIds: [...new Set([...alerts.map((a) => a.patientId), ...patientIds])].filter((p): p is string => !!p),
      notes,
      assessment:
        codes && lastAssess
          ? {
              ...(codes as TAssessmentCodes),
              at: lastAssess.createdAt,
              by: name(lastAssess.byId)!,
              rationales: rationales ? (JSON.parse(rationales) as Record<string, string>) : null,
            }
          : null,
      clocks,
      history: steps.map((s): TCaseHistoryStep => ({
        id: s.id,
        action: s.action,
        fromState: s.fromState,
        toState: s.toState,
        at: s.createdAt,
        by: name(s.byId)!,
        alertIds: s.alertIds,
        owner: name(s.ownerId),
        discoveredAt: s.discoveredAt,
        discoveredHow: s.discoveredHow,
        determination: s.determination,
        sanctionTier: s.sanctionTier,
        notifiedAt: s.notifiedAt,
        conclusion: (s.assessment as TAssessmentCodes | null)?.conclusion ?? null,
      })),
    };
  } finally {
    dek?.fill(0);
  }
}
