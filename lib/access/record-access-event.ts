import "server-only";
import crypto from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";

// Access events use FHIR AuditEvent / IHE BALP vocabulary (DICOM DCM codes for type and
// subtype) so they export as AuditEvent resources without translation.

export const AUDIT_TYPE = {
  userAuthentication: { type: "110114", subtype: { login: "110122", logout: "110123" } },
  restful: { type: "rest", subtype: { read: "read", search: "search-type", create: "create", update: "update", export: "export" } },
} as const;

export type TAccessEventInput = {
  type: string;
  subtype: string;
  action: "C" | "R" | "U" | "D" | "E";
  outcome: "0" | "4" | "8";
  outcomeDesc?: string;
  actorId?: string | null;
  actorRole?: Role | null;
  network?: string | null;
  userAgent?: string | null;
  purposeOfUse?: string | null;
  patientId?: string | null;
  entityWhat?: string | null;
  query?: string | null;
  requestId?: string;
};

/** Write one access event inside the caller's transaction (anchoring joins it there). */
export async function recordAccessEvent(tx: Prisma.TransactionClient, input: TAccessEventInput) {
  return tx.accessEvent.create({
    data: { ...input, requestId: input.requestId ?? crypto.randomUUID() },
  });
}
