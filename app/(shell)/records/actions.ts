"use server";

import { headers } from "next/headers";
import type { TPatientSearchState } from "@/components/records/patient-search-form";
import { searchPatients } from "@/lib/access/search/search-patients";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { formFailure } from "@/lib/http/form-state";
import { requestContext } from "@/lib/http/request-context";

/** A clinician's patient search, by POST: the query never appears in a URL. */
export async function searchPatientsAction(_prev: TPatientSearchState, form: FormData): Promise<TPatientSearchState> {
  const user = await requirePagePermission("records.read");
  const h = await headers();
  const query = String(form.get("q") ?? "").slice(0, 200);
  try {
    const result = await searchPatients(getPrisma(), {
      actor: user,
      query,
      context: requestContext(h),
    });
    return { ok: true, message: null, values: { q: query }, result };
  } catch (error) {
    return formFailure(error, { values: { q: query } });
  }
}
