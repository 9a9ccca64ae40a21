import "server-only";
import crypto from "node:crypto";
import { ZodError } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { assertNotRolledBack } from "@/lib/ledger/rollback/rollback-guard";
import type { TBlindField } from "@/lib/vault/blind-index";
import { searchQueryHash } from "@/lib/vault/search-query-hash";
import { DEFAULT_PURPOSE, type TPatientAccessRequest } from "../authorize-patient-access";
import { loadAccessFacts } from "../load-access-facts";
import { decideAccess } from "../policy/decide-access";
import { decideSearchHit, type TSearchHitView } from "../policy/decide-search-hit";
import type { TPurposeOfUse } from "../policy/policy-rules";
import { AUDIT_TYPE, recordAccessEvents, type TAccessEventInput } from "../record-access-event";

export type TPatientSearchRequest = {
  actor: TPatientAccessRequest["actor"];
  purposeOfUse?: TPurposeOfUse;
  /** What the hits are for: omitted = the record (clinicians); "Consent" or "Disclosure" for the privacy office. */
  resourceType?: string;
  /** Which blind index the query goes through; the query itself is only ever stored as a keyed hash. */
  by: TBlindField;
  query: string;
  network?: string | null;
  userAgent?: string | null;
  requestId?: string;
};

export type TDecidedHit<T> = { hit: T; view: Exclude<TSearchHitView, "hidden"> };

function failureDesc(error: unknown): { outcome: "4" | "8"; desc: string } {
  if (error instanceof ZodError) return { outcome: "4", desc: "invalid input" };
  if (error instanceof AppError) return { outcome: error.code === "forbidden" ? "8" : "4", desc: error.code };
  return { outcome: "8", desc: "error" };
}

/**
 * The gate for searches, as authorizePatientAccess is for one patient: the search itself is
 * decided (rule clinician-search or privacy-office), then every hit on its own, with the facts
 * opening its chart would use (decideSearchHit). What comes back is what the actor may see;
 * patients whose consent denies the actor are left out. One transaction then records the search
 * (its query as a keyed hash, never the text) and one event per patient it matched, sharing a
 * request id: returned hits with outcome "0", hidden ones with "4" — a look for a patient is an
 * access attempt like any other.
 */
export async function authorizePatientSearch<T extends { patientId: string }>(
  prisma: PrismaClient,
  req: TPatientSearchRequest,
  find: () => Promise<T[]>,
): Promise<TDecidedHit<T>[]> {
  await assertNotRolledBack();
  const now = new Date();
  const purposeOfUse = req.purposeOfUse ?? DEFAULT_PURPOSE[req.actor.role];
  const actor = {
    id: req.actor.id,
    role: req.actor.role,
    organization: req.actor.department ?? null,
    patientId: req.actor.patientId ?? null,
  };
  const base = {
    type: AUDIT_TYPE.restful.type,
    subtype: AUDIT_TYPE.restful.subtype.search,
    action: "E" as const,
    actorId: actor.id,
    actorRole: actor.role,
    purposeOfUse,
    query: searchQueryHash(req.by, req.query),
    network: req.network ?? null,
    userAgent: req.userAgent ?? null,
    requestId: req.requestId ?? crypto.randomUUID(),
  };
  const searchEvent = { ...base, patientId: null, entityWhat: `Patient?by=${req.by}` };
  const search = decideAccess({
    actor,
    action: "search",
    purposeOfUse,
    patientId: null,
    resourceType: req.resourceType,
    careTeam: false,
    consents: [],
    breakGlass: false,
    now,
  });
  const policy = `(policy ${search.policyVersion})`;
  if (search.decision === "deny") {
    await recordAccessEvents(prisma, [{ ...searchEvent, outcome: "4", outcomeDesc: `${search.reason} ${policy}` }]);
    throw new AppError("forbidden", search.reason);
  }
  let found: T[];
  try {
    found = await find();
  } catch (error) {
    const { outcome, desc } = failureDesc(error);
    await recordAccessEvents(prisma, [{ ...searchEvent, outcome, outcomeDesc: `${desc} ${policy}` }]);
    throw error;
  }
  // One loadAccessFacts per hit (a search returns at most 50): the same facts, and the same
  // checks on them, as opening each chart would use.
  const decided = await Promise.all(
    found.map(async (hit) => {
      const facts = await loadAccessFacts(prisma, { actorId: actor.id, patientId: hit.patientId, now });
      const d = decideSearchHit({
        ...facts,
        actor,
        purposeOfUse,
        patientId: hit.patientId,
        resourceType: req.resourceType,
        now,
      });
      return { hit, d };
    }),
  );
  const shown = decided.filter(({ d }) => d.view !== "hidden");
  const hitEvents: TAccessEventInput[] = decided.map(({ hit, d }) => ({
    ...base,
    patientId: hit.patientId,
    entityWhat: `Patient/${hit.patientId}`,
    outcome: d.view === "hidden" ? "4" : "0",
    outcomeDesc: `${d.view}: ${d.reason} (policy ${d.policyVersion})`,
  }));
  await recordAccessEvents(prisma, [
    {
      ...searchEvent,
      outcome: "0",
      outcomeDesc: `${search.reason} ${policy}; ${shown.length} of ${found.length} shown`,
    },
    ...hitEvents,
  ]);
  return shown.map(({ hit, d }) => ({ hit, view: d.view as TDecidedHit<T>["view"] }));
}
