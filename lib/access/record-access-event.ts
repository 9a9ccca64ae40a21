import "server-only";
import crypto from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { enqueueLeaf, enqueueLeaves } from "@/lib/ledger/seal/enqueue-leaf";

// Access events use FHIR AuditEvent / IHE BALP vocabulary (DICOM DCM codes for type and
// subtype) so they export as AuditEvent resources without translation.

export const AUDIT_TYPE = {
  userAuthentication: { type: "110114", subtype: { login: "110122", logout: "110123" } },
  restful: {
    type: "rest",
    subtype: { read: "read", search: "search-type", create: "create", update: "update", export: "export" },
  },
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

async function writeAnchored(tx: Prisma.TransactionClient, input: TAccessEventInput) {
  const event = await tx.accessEvent.create({
    data: { ...input, requestId: input.requestId ?? crypto.randomUUID() },
  });
  await enqueueLeaf(tx, { kind: "access_event", row: event });
  return event;
}

/**
 * Write one access event and queue it for the ledger, inside the caller's transaction; given
 * the plain client, in a transaction of its own, so an event never exists unanchored.
 */
export async function recordAccessEvent(tx: Prisma.TransactionClient | PrismaClient, input: TAccessEventInput) {
  if ("$transaction" in tx) return tx.$transaction((t) => writeAnchored(t, input));
  return writeAnchored(tx, input);
}

/**
 * Write several access events (a search and one per patient it returned) in one INSERT and queue
 * them for the ledger in one more, inside the caller's transaction or a transaction of its own.
 */
export async function recordAccessEvents(
  tx: Prisma.TransactionClient | PrismaClient,
  inputs: readonly TAccessEventInput[],
) {
  const write = async (t: Prisma.TransactionClient) => {
    const rows = await t.accessEvent.createManyAndReturn({
      data: inputs.map((input) => ({ ...input, requestId: input.requestId ?? crypto.randomUUID() })),
    });
    await enqueueLeaves(t, { kind: "access_event", rows });
    return rows;
  };
  if ("$transaction" in tx) return tx.$transaction(write);
  return write(tx);
}
