import "server-only";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAccessEvent, AUDIT_TYPE } from "@/lib/access/record-access-event";
import { AppError } from "@/lib/errors";
import { consultationEvent, parameterNames, type TExploreInput } from "../explorer/explore-access-events";
import { listWhoLooked, type TWhoLookedPage } from "./list-who-looked";
import { parseWhoLookedQuery, type TWhoLookedQuery } from "./who-looked-query";

/**
 * The privacy office's "who looked at this record": parse the page's query, read the page, and
 * record the consultation as an anchored access event about the patient (as every explorer view
 * is), so the patient's own access report shows that the privacy office looked. A malformed or
 * unknown patient id answers null (a 404 for the page), recorded as refused; bad parameters are a
 * 400, recorded the same way.
 */
export async function viewWhoLooked(
  prisma: PrismaClient,
  input: Omit<TExploreInput, "params"> & { patientId: string; params: URLSearchParams },
): Promise<{ query: TWhoLookedQuery; page: TWhoLookedPage } | null> {
  const names = [...new Set(["patient", ...parameterNames(input.params)])].sort();
  const patientId = z.uuid().safeParse(input.patientId).success ? input.patientId : null;
  const base = { ...input, names, subtype: AUDIT_TYPE.restful.subtype.search };
  const refuse = (why: string, outcome: "4" | "8" = "4", id: string | null = null) =>
    recordAccessEvent(prisma, { ...consultationEvent({ ...base, patientId: id }), outcome, outcomeDesc: why });
  if (!patientId) {
    await refuse("invalid input");
    return null;
  }
  let query: TWhoLookedQuery;
  let page: TWhoLookedPage | null;
  try {
    query = parseWhoLookedQuery(input.params);
    page = await listWhoLooked(prisma, { patientId, query });
  } catch (error) {
    const invalid = error instanceof AppError && error.code === "bad_request";
    await refuse(invalid ? "invalid input" : "error", invalid ? "4" : "8");
    throw error;
  }
  if (!page) {
    await refuse("no such patient");
    return null;
  }
  await recordAccessEvent(prisma, { ...consultationEvent({ ...base, patientId }), outcome: "0" });
  return { query, page };
}
