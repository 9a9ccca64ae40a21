import "server-only";
import { ZodError } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { AUDIT_TYPE, recordAccessEvent } from "./record-access-event";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TPatientAccess = {
  actor: { id: string; role: Role };
  patientId: string | null;
  subtype: (typeof AUDIT_TYPE.restful.subtype)[keyof typeof AUDIT_TYPE.restful.subtype];
  action: "C" | "R" | "U" | "D" | "E";
  /** Resource reference or type, never PHI (e.g. "Patient/<uuid>", "Observation"). */
  entityWhat: string;
  purposeOfUse?: string;
  network?: string | null;
  userAgent?: string | null;
  requestId?: string;
};

function outcomeOf(error: unknown): { outcome: "4" | "8"; desc: string } {
  if (error instanceof ZodError) return { outcome: "4", desc: "invalid input" };
  if (error instanceof AppError) return { outcome: error.code === "forbidden" ? "8" : "4", desc: error.code };
  return { outcome: "8", desc: "error" };
}

/**
 * Run an operation on patient data and record it as an anchored access event with its outcome,
 * allowed or failed. Any CLINICIAN may act with purpose TREAT for now; consent rules come with
 * the access-control policy. A malformed patient id is a 404 before anything else runs.
 */
export async function withPatientAccess<T>(prisma: PrismaClient, access: TPatientAccess, run: () => Promise<T>): Promise<T> {
  if (access.patientId !== null && !UUID.test(access.patientId)) throw new AppError("not_found", "No such patient.");
  const base = {
    type: AUDIT_TYPE.restful.type,
    subtype: access.subtype,
    action: access.action,
    actorId: access.actor.id,
    actorRole: access.actor.role,
    purposeOfUse: access.purposeOfUse ?? "TREAT",
    patientId: access.patientId,
    entityWhat: access.entityWhat,
    network: access.network ?? null,
    userAgent: access.userAgent ?? null,
    requestId: access.requestId,
  };
  try {
    const result = await run();
    await recordAccessEvent(prisma, { ...base, outcome: "0" });
    return result;
  } catch (error) {
    const { outcome, desc } = outcomeOf(error);
    const known = error instanceof AppError && error.code === "not_found" ? { patientId: null } : {};
    await recordAccessEvent(prisma, { ...base, ...known, outcome, outcomeDesc: desc });
    throw error;
  }
}
