import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { findPatients, queryKind, ZPatientQuery } from "@/lib/vault/find-patients";
import { authorizePatientSearch, type TPatientSearchRequest } from "./authorize-patient-search";

export { ZPatientQuery };

export type TSearchHit =
  | { view: "full"; patientId: string; name: string; birthDate: string | null; mrn: string | null }
  | { view: "limited"; patientId: string; name: string; birthYear: string | null };

export type TSearchPatientsInput = {
  actor: TPatientSearchRequest["actor"];
  query: string;
  context?: Pick<TPatientSearchRequest, "network" | "userAgent" | "requestId">;
};

/**
 * A clinician's search by MRN or last name (docs/access-policy.md, rule clinician-search): each
 * hit as the policy lets this actor see it — in full, as name and year of birth only, or not at
 * all — with the search and every hit on the record. Invalid input is a ZodError, before anything
 * is looked up or recorded.
 */
export async function searchPatients(
  prisma: PrismaClient,
  input: TSearchPatientsInput,
): Promise<{ by: "mrn" | "lastName"; hits: TSearchHit[] }> {
  const query = ZPatientQuery.parse(input.query);
  const by = queryKind(query);
  const decided = await authorizePatientSearch(
    prisma,
    { actor: input.actor, by, query, ...input.context },
    async () => (await findPatients(prisma, query)).hits,
  );
  const hits = decided.map(({ hit, view }): TSearchHit => {
    if (view === "full")
      return { view, patientId: hit.patientId, name: hit.name, birthDate: hit.birthDate, mrn: hit.mrn };
    return { view, patientId: hit.patientId, name: hit.name, birthYear: hit.birthDate?.slice(0, 4) ?? null };
  });
  return { by, hits };
}
