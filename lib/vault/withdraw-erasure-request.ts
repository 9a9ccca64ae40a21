import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { writeErasureDecision } from "./write-erasure-decision";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The person who filed an erasure request takes it back before it is decided: an anchored
 * decision with outcome "withdrawn", and the request becomes WITHDRAWN. Nobody else can withdraw
 * it (a compliance officer who disagrees refuses it, citing a ground).
 */
export async function withdrawErasureRequest(prisma: PrismaClient, opts: { requestId: string; userId: string }) {
  if (!UUID.test(opts.requestId)) throw new AppError("not_found", "No such erasure request.");
  return prisma.$transaction(async (tx) => {
    const [request] = await tx.$queryRaw<{ patientId: string; status: string; requestedById: string }[]>`
      SELECT "patientId", status::text, "requestedById"::text FROM "ErasureRequest" WHERE id = ${opts.requestId}::uuid FOR UPDATE`;
    if (!request) throw new AppError("not_found", "No such erasure request.");
    if (request.requestedById !== opts.userId)
      throw new AppError("forbidden", "Only the person who filed this request can withdraw it.");
    if (request.status !== "REQUESTED") throw new AppError("conflict", "This request has already been decided.");
    const [patient] = await tx.$queryRaw<{ pseudonym: string }[]>`
      SELECT pseudonym FROM "Patient" WHERE id = ${request.patientId}::uuid FOR UPDATE`;
    const decision = await writeErasureDecision(tx, {
      requestId: opts.requestId,
      patientId: request.patientId,
      pseudonym: patient.pseudonym,
      outcome: "withdrawn",
      ground: "withdrawn",
      reason: "",
      decidedById: opts.userId,
      recordCount: 0,
    });
    await tx.erasureRequest.update({
      where: { id: opts.requestId },
      data: { status: "WITHDRAWN", decidedAt: decision.createdAt },
    });
    return { decisionId: decision.id };
  });
}
