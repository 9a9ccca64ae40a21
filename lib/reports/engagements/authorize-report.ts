import "server-only";
import { can } from "@/lib/access/permissions";
import { AUDIT_TYPE, recordAccessEvent } from "@/lib/access/record-access-event";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { catalogEntry, type TReportType } from "../issue/report-catalog";
import { decideIssueUnderEngagement, decideReadUnderEngagement } from "./engagement-policy";
import { engagementFactsOf } from "./list-engagements";

// Who may issue and read which report, in one place: reports.all (compliance) any; an auditor
// (reports.issue / reports.read) only within an active engagement of theirs; a patient
// (self.reports) only self-service reports about themselves that they issued. Every refusal is a
// denied access event, committed on its own (the request writes nothing else), then a 403.

export type TReportActor = { id: string; role: Role; patientId?: string | null };

export type TIssueGrant = {
  /** The engagement the report is issued under (auditors only). */
  engagementId: string | null;
  /** The period the report covers where the engagement decides it (an auditor who named none). */
  period?: { from: Date; to: Date };
};

export async function authorizeReportIssue(
  prisma: PrismaClient,
  actor: TReportActor,
  request: { type: TReportType; patientId?: string; period?: { from: Date; to: Date } },
  now: Date,
): Promise<TIssueGrant> {
  if (can(actor.role, "reports.all")) return { engagementId: null };
  const entry = catalogEntry(request.type);
  if (can(actor.role, "self.reports")) {
    if (!entry.selfService)
      return refuse(
        prisma,
        actor,
        "issue",
        `self_only: ${request.type}`,
        `${entry.title} cannot be issued by a patient.`,
      );
    if (!actor.patientId || request.patientId !== actor.patientId)
      return refuse(prisma, actor, "issue", "self_only: other patient", "You may only issue reports about yourself.");
    return { engagementId: null };
  }
  if (can(actor.role, "reports.issue")) {
    const decision = decideIssueUnderEngagement({
      auditorId: actor.id,
      engagements: await engagementFactsOf(prisma, { auditorId: actor.id }),
      type: request.type,
      takesPeriod: entry.period !== "none",
      period: request.period ?? null,
      now,
    });
    if (!decision.allowed)
      return refuse(prisma, actor, "issue", `engagement: ${decision.code}`, decision.message, request.type);
    return { engagementId: decision.engagementId, period: decision.period ?? undefined };
  }
  return refuse(prisma, actor, "issue", "role", "Your role may not issue reports.");
}

/** Checks a read of one issued report's bundle; returns the engagement it is read under, if any. */
export async function authorizeReportRead(
  prisma: PrismaClient,
  actor: TReportActor,
  report: { id: string; engagementId: string | null; patientId: string | null; issuedById: string },
  now = new Date(),
): Promise<{ engagementId: string | null }> {
  if (can(actor.role, "reports.all")) return { engagementId: null };
  if (can(actor.role, "self.reports")) {
    if (!actor.patientId || report.patientId !== actor.patientId || report.issuedById !== actor.id)
      return refuse(prisma, actor, report.id, "self_only", "This report is not one you issued about yourself.");
    return { engagementId: null };
  }
  if (can(actor.role, "reports.read")) {
    const [engagement] = report.engagementId ? await engagementFactsOf(prisma, { id: report.engagementId }) : [];
    const decision = decideReadUnderEngagement({ auditorId: actor.id, engagement: engagement ?? null, now });
    if (!decision.allowed) return refuse(prisma, actor, report.id, `engagement: ${decision.code}`, decision.message);
    return { engagementId: decision.engagementId };
  }
  return refuse(prisma, actor, report.id, "role", "Your role may not read reports.");
}

/** The where-clause of the reports a viewer may list (see authorizeReportRead). */
export async function listableReportsWhere(prisma: PrismaClient, viewer: TReportActor, now = new Date()) {
  if (can(viewer.role, "reports.all")) return {};
  if (can(viewer.role, "self.reports"))
    return viewer.patientId ? { issuedById: viewer.id, patientId: viewer.patientId } : { id: { in: [] } };
  if (!can(viewer.role, "reports.read")) throw new AppError("forbidden", "Your role may not list reports.");
  const active = (await engagementFactsOf(prisma, { auditorId: viewer.id })).filter(
    (e) => decideReadUnderEngagement({ auditorId: viewer.id, engagement: e, now }).allowed,
  );
  return { engagementId: { in: active.map((e) => e.id) } };
}

/** Records the refusal as a denied access event (committed: the 403 must leave a trace), then throws. */
async function refuse(
  prisma: PrismaClient,
  actor: TReportActor,
  what: "issue" | string,
  reason: string,
  message: string,
  type?: string,
): Promise<never> {
  const issuing = what === "issue";
  await recordAccessEvent(prisma, {
    type: AUDIT_TYPE.restful.type,
    subtype: issuing ? AUDIT_TYPE.restful.subtype.create : AUDIT_TYPE.restful.subtype.export,
    action: issuing ? "C" : "R",
    outcome: "4",
    outcomeDesc: reason,
    actorId: actor.id,
    actorRole: actor.role,
    entityWhat: issuing ? "IssuedReport" : `IssuedReport/${what}/bundle`,
    query: type ? `type=${type}` : null,
  });
  throw new AppError("forbidden", message, [{ path: "authorization", message: reason }]);
}
