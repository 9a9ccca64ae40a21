import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { unwrapDataKey } from "./patient-key";

/** A patient's data key, or null when the patient was erased (or is unknown). */
export type TKeyOf = (patientId: string) => Buffer | null;

/**
 * Unwraps the data keys of the given patients once each, for pages that list sealed text of many
 * patients (alerts, erasure requests), and zeroes them when `read` returns.
 */
export async function withPatientKeys<T>(
  db: Prisma.TransactionClient | PrismaClient,
  patientIds: readonly string[],
  read: (keyOf: TKeyOf) => T | Promise<T>,
): Promise<T> {
  const ids = [...new Set(patientIds)];
  const patients = ids.length
    ? await db.patient.findMany({ where: { id: { in: ids } }, select: { id: true, wrappedKey: true, erasedAt: true } })
    : [];
  const keys = new Map<string, Buffer>();
  try {
    for (const p of patients) if (p.wrappedKey && !p.erasedAt) keys.set(p.id, unwrapDataKey(p.wrappedKey, p.id));
    return await read((patientId) => keys.get(patientId) ?? null);
  } finally {
    for (const k of keys.values()) k.fill(0);
  }
}
