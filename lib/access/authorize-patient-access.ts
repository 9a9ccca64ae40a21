import "server-only";
import { ZodError } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { assertNotRolledBack } from "@/lib/ledger/rollback/rollback-guard";
import { loadAccessFacts } from "./load-access-facts";
import { decideAccess, type TAccessDecision } from "./policy/decide-access";
import type { TAccessAction, TPurposeOfUse } from "./policy/policy-rules";
import { AUDIT_TYPE, recordAccessEvent } from "./record-access-event";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AUDIT_ACTION = { read: "R", search: "E", create: "C", update: "U", export: "R" } as const;
/** The purpose of use an access has when its caller names none. */
export const DEFAULT_PURPOSE: Record<Role, TPurposeOfUse> = {
  CLINICIAN: "TREAT",
  PATIENT: "PATIENT_REQUEST",
  COMPLIANCE_OFFICER: "OPERATIONS",
  ADMIN: "OPERATIONS",
  AUDITOR: "OPERATIONS",
};

export type TPatientAccessRequest = {
  actor: { id: string; role: Role; department?: string | null; patientId?: string | null };
  /** null for searches and for registering new patients. */
  patientId: string | null;
  action: TAccessAction;
  purposeOfUse?: TPurposeOfUse;
  /** Omitted = the whole record. */
  resourceType?: string;
  /** Resource reference or type, never PHI (e.g. "Patient/<uuid>", "Observation"). */
  entityWhat: string;
  query?: string | null;
  network?: string | null;
  userAgent?: string | null;
  requestId?: string;
};

function failure(error: unknown): { outcome: "4" | "8"; desc: string } {
  if (error instanceof ZodError) return { outcome: "4", desc: "invalid input" };
  if (error instanceof AppError) return { outcome: error.code === "forbidden" ? "8" : "4", desc: error.code };
  return { outcome: "8", desc: "error" };
}

/**
 * The one gate to patient data: load the facts, let decideAccess rule, and record the attempt as
 * an anchored access event — denied ("4", reason and policy version; then AppError "forbidden"),
 * or allowed and run ("0", or the failure of `run`). Under break-glass the event's purpose is ETREAT.
 * A malformed patient id is a 404 before anything else; an unknown one a 404 with its event.
 * After a detected rollback of the ledger (an old backup restored) every call answers 503.
 */
export async function authorizePatientAccess<T>(
  prisma: PrismaClient,
  req: TPatientAccessRequest,
  run: (decision: TAccessDecision) => Promise<T>,
): Promise<T> {
  if (req.patientId !== null && !UUID.test(req.patientId)) throw new AppError("not_found", "No such patient.");
  // A restored old backup could bring erased keys back: no patient data until an admin reconciles.
  await assertNotRolledBack();
  const now = new Date();
  const purposeOfUse = req.purposeOfUse ?? DEFAULT_PURPOSE[req.actor.role];
  const facts = req.patientId
    ? await loadAccessFacts(prisma, { actorId: req.actor.id, patientId: req.patientId, now })
    : null;
  const base = {
    type: AUDIT_TYPE.restful.type,
    subtype: AUDIT_TYPE.restful.subtype[req.action],
    action: AUDIT_ACTION[req.action],
    actorId: req.actor.id,
    actorRole: req.actor.role,
    purposeOfUse,
    patientId: req.patientId,
    entityWhat: req.entityWhat,
    query: req.query ?? null,
    network: req.network ?? null,
    userAgent: req.userAgent ?? null,
    requestId: req.requestId,
  };
  if (facts && !facts.patientExists) {
    await recordAccessEvent(prisma, { ...base, patientId: null, outcome: "4", outcomeDesc: "not_found" });
    throw new AppError("not_found", "No such patient.");
  }
  const decision = decideAccess({
    actor: {
      id: req.actor.id,
      role: req.actor.role,
      organization: req.actor.department ?? null,
      patientId: req.actor.patientId ?? null,
    },
    action: req.action,
    purposeOfUse,
    patientId: req.patientId,
    resourceType: req.resourceType,
    careTeam: facts?.careTeam ?? false,
    consents: facts?.consents ?? [],
    breakGlass: facts?.breakGlass ?? false,
    now,
  });
  const event = { ...base, purposeOfUse: decision.breakGlass ? "ETREAT" : purposeOfUse };
  const because = `${decision.reason} (policy ${decision.policyVersion})`;
  if (decision.decision === "deny") {
    await recordAccessEvent(prisma, { ...event, outcome: "4", outcomeDesc: because });
    throw new AppError("forbidden", decision.reason);
  }
  try {
    const result = await run(decision);
    await recordAccessEvent(prisma, { ...event, outcome: "0", outcomeDesc: because });
    return result;
  } catch (error) {
    const { outcome, desc } = failure(error);
    await recordAccessEvent(prisma, { ...event, outcome, outcomeDesc: `${desc} (policy ${decision.policyVersion})` });
    throw error;
  }
}
