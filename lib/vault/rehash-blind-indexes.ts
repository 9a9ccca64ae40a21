import "server-only";
import type * as fhir4 from "fhir/r4";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { optionalBlindIndex } from "./blind-index";
import { addressOf, mrnOf } from "./create-patient";
import { readPatientResources } from "./read-patient-resources";

export type TRehashResult = { checked: number; changed: number; failed: string[] };

/**
 * Recompute every patient's blind indexes from the decrypted Patient resource, after a change
 * of normalisation (names with ß, ø, ł or in other scripts were indexed without those letters
 * before) or of HL_BLIND_INDEX_KEY. Only differing rows are written, so it is idempotent and
 * resumable; erased patients have no key and no index and are skipped. A new MRN index that
 * collides with another patient's is reported, not written.
 */
export async function rehashBlindIndexes(
  prisma: PrismaClient,
  opts: { batchSize?: number } = {},
): Promise<TRehashResult> {
  const result: TRehashResult = { checked: 0, changed: 0, failed: [] };
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const batch = await prisma.patient.findMany({
      where: { id: { gt: after }, wrappedKey: { not: null }, erasedAt: null },
      select: { id: true, mrnIndex: true, lastNameIndex: true, addressIndex: true },
      orderBy: { id: "asc" },
      take: opts.batchSize ?? 500,
    });
    if (batch.length === 0) return result;
    for (const p of batch) {
      result.checked++;
      try {
        const [record] = await readPatientResources(prisma, { patientId: p.id, resourceTypes: ["Patient"] });
        const patient = record?.resource as fhir4.Patient | undefined;
        if (!patient) continue;
        const next = {
          mrnIndex: optionalBlindIndex("mrn", mrnOf(patient)),
          lastNameIndex: optionalBlindIndex("lastName", patient.name?.[0]?.family),
          addressIndex: optionalBlindIndex("address", addressOf(patient)),
        };
        if (
          next.mrnIndex === p.mrnIndex &&
          next.lastNameIndex === p.lastNameIndex &&
          next.addressIndex === p.addressIndex
        )
          continue;
        // An erasure that ran in between wins: it nulls the indexes and destroys the key.
        const r = await prisma.patient.updateMany({ where: { id: p.id, wrappedKey: { not: null } }, data: next });
        result.changed += r.count;
      } catch {
        result.failed.push(p.id);
      }
    }
    after = batch[batch.length - 1].id;
  }
}
