import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { AUDIT_TYPE, type TAccessEventInput } from "@/lib/access/record-access-event";
import { writeAccessEvent } from "@/lib/access/write-access-event";
import { AppError } from "@/lib/errors";
import { parseExplorerFilters, type TExplorerFilters } from "./explorer-filters";
import { listAccessEvents, type TExplorerPage } from "./list-access-events";

export type TExploreInput = {
  params: URLSearchParams;
  actor: { id: string; role: Role };
  network?: string | null;
  userAgent?: string | null;
  requestId?: string;
};

/**
 * The access event that records one consultation of the access log (GDPR Art. 15 reports list
 * them, as for GET /api/fhir/AuditEvent): which filters were used, by name only, and the patient
 * filtered on as the event's patient, so the patient's own report shows who looked them up.
 */
export function consultationEvent(
  input: Omit<TExploreInput, "params"> & { names: string[]; subtype: string; patientId?: string | null },
): Omit<TAccessEventInput, "outcome"> {
  return {
    type: AUDIT_TYPE.restful.type,
    subtype: input.subtype,
    action: "E",
    actorId: input.actor.id,
    actorRole: input.actor.role,
    purposeOfUse: "OPERATIONS",
    patientId: input.patientId ?? null,
    entityWhat: `AuditEvent?${input.names.join(",")}`,
    network: input.network ?? null,
    userAgent: input.userAgent ?? null,
    requestId: input.requestId,
  };
}

/** Parameter names safe to keep (values never are: they may be anything a caller typed). */
export function parameterNames(params: URLSearchParams): string[] {
  return [...new Set(params.keys())].filter((k) => /^[A-Za-z_]{1,20}$/.test(k)).sort();
}

/**
 * Parse the filters, read one page, and record the consultation as an anchored access event:
 * outcome "0" with the patient filtered on, "4" when the filters were refused (nothing is read).
 * `prisma` only reads (it may be the replica's, lib/db/read-client.ts); the event is written on
 * the primary by writeAccessEvent.
 */
export async function exploreAccessEvents(
  prisma: PrismaClient,
  input: TExploreInput,
): Promise<{ filters: TExplorerFilters; page: TExplorerPage }> {
  const names = parameterNames(input.params);
  const base = { ...input, names, subtype: AUDIT_TYPE.restful.subtype.search };
  let filters: TExplorerFilters;
  let page: TExplorerPage;
  try {
    filters = parseExplorerFilters(input.params);
    page = await listAccessEvents(prisma, filters);
  } catch (error) {
    const invalid = error instanceof AppError && error.code === "bad_request";
    await writeAccessEvent({
      ...consultationEvent(base),
      outcome: invalid ? "4" : "8",
      outcomeDesc: invalid ? "invalid input" : "error",
    });
    throw error;
  }
  // Through node-postgres rather than Prisma: one event per page view (lib/access/write-access-event.ts).
  await writeAccessEvent({ ...consultationEvent({ ...base, patientId: filters.patient }), outcome: "0" });
  return { filters, page };
}
