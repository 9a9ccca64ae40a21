import "server-only";
import type * as fhir4 from "fhir/r4";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { blindIndex, normalizeForIndex } from "./blind-index";
import { unwrapDataKey } from "@/lib/keys/patient-key";
import { decryptResource } from "./record-cipher";

export const ZPatientQuery = z
  .string()
  .trim()
  .min(2, "Enter an MRN or a last name (at least 2 characters).")
  .max(100, "Enter an MRN or a last name (at most 100 characters).")
  .refine(
    (q) => normalizeForIndex(queryKind(q), q) !== "",
    "Enter an MRN or a last name with at least one letter or digit.",
  );

export type TPatientHit = { patientId: string; name: string; birthDate: string | null; mrn: string | null };

/** MRNs look like "MRN1000001" or a run of digits; anything else is a last name. */
export function queryKind(query: string): "mrn" | "lastName" {
  return /^(mrn)?[\s-]*\d[\d\s-]*$/i.test(query.trim()) ? "mrn" : "lastName";
}

/**
 * Find patients by exact MRN or normalized last name through the keyed blind indexes (no
 * decryption to search), then decrypt only the hits' Patient resources to show who they are.
 * Erased patients have no indexes left and can no longer be found.
 */
export async function findPatients(
  prisma: PrismaClient,
  rawQuery: string,
): Promise<{ by: "mrn" | "lastName"; hits: TPatientHit[] }> {
  const query = ZPatientQuery.parse(rawQuery);
  const by = queryKind(query);
  const index = blindIndex(by, query);
  const patients = await prisma.patient.findMany({
    where: { erasedAt: null, ...(by === "mrn" ? { mrnIndex: index } : { lastNameIndex: index }) },
    include: {
      records: { where: { resourceType: "Patient" }, include: { versions: { orderBy: { version: "desc" }, take: 1 } } },
    },
    take: 50,
  });
  const hits = patients.flatMap((p) => {
    const v = p.records[0]?.versions[0];
    if (!p.wrappedKey || !v) return [];
    const dek = unwrapDataKey(p.wrappedKey, p.id);
    try {
      const r = decryptResource<fhir4.Patient>({
        dek,
        recordId: v.recordId,
        version: v.version,
        iv: v.iv,
        ciphertext: v.ciphertext,
      });
      const n = r.name?.[0];
      return [
        {
          patientId: p.id,
          name: [n?.given?.join(" "), n?.family].filter(Boolean).join(" "),
          birthDate: r.birthDate ?? null,
          mrn: r.identifier?.[0]?.value ?? null,
        },
      ];
    } finally {
      dek.fill(0);
    }
  });
  return { by, hits: hits.sort((a, b) => a.name.localeCompare(b.name)) };
}
