import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { enqueueLeaf } from "@/lib/ledger/seal/enqueue-leaf";
import { ZConsentGrant } from "./consent-input";

export type TGrantConsentInput = { patientId: string; recordedById: string; input: unknown };

/**
 * Record a consent directive, anchored as "consent". The grantee is stored as a code: a user id
 * (given by email), a role name, or a department of the staff directory (an organization).
 * The caller has authorized the change (resource type Consent).
 */
export async function grantConsent(prisma: PrismaClient, opts: TGrantConsentInput) {
  const c = ZConsentGrant.parse(opts.input);
  let granteeRef = c.grantee;
  if (c.granteeType === "user") {
    const user = await prisma.user.findUnique({
      where: { email: c.grantee.toLowerCase() },
      select: { id: true, role: true },
    });
    if (!user || user.role === "PATIENT")
      throw new AppError("unprocessable", "No staff member has that email address.", [
        { path: "grantee", message: "unknown staff email" },
      ]);
    granteeRef = user.id;
  } else if (c.granteeType === "organization") {
    const known = await prisma.user.findFirst({
      where: { department: { equals: c.grantee, mode: "insensitive" } },
      select: { department: true },
    });
    if (!known?.department)
      throw new AppError("unprocessable", "No organization of that name is in the staff directory.", [
        { path: "grantee", message: "unknown organization" },
      ]);
    granteeRef = known.department;
  }
  return prisma.$transaction(async (tx) => {
    const patient = await tx.patient.findUnique({ where: { id: opts.patientId }, select: { erasedAt: true } });
    if (!patient) throw new AppError("not_found", "No such patient.");
    if (patient.erasedAt) throw new AppError("conflict", "This patient's data was erased.");
    const row = await tx.consent.create({
      data: {
        patientId: opts.patientId,
        provisionType: c.provisionType,
        granteeType: c.granteeType,
        granteeRef,
        purposes: c.purposes,
        resourceTypes: c.resourceTypes,
        periodStart: c.periodStart ?? null,
        periodEnd: c.periodEnd ?? null,
        recordedById: opts.recordedById,
      },
    });
    await enqueueLeaf(tx, { kind: "consent", row });
    return row;
  });
}
