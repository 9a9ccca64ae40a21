"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { lookupPatientByMrn } from "@/lib/access/search/lookup-patient-by-mrn";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { formFailure, type TFormState } from "@/lib/http/form-state";
import { requestContext } from "@/lib/http/request-context";
import { parseExplorerFilters } from "@/lib/monitor/explorer/explorer-filters";
import { explorerSearchParams } from "@/lib/monitor/explorer/explorer-query-string";

const FIELDS = [
  "from",
  "to",
  "actor",
  "role",
  "department",
  "patient",
  "action",
  "outcome",
  "purpose",
  "breakGlass",
  "rule",
  "limit",
];

/**
 * The explorer's filter form. It is a POST so that an MRN typed into it travels in the body:
 * the MRN is looked up through the blind index (a recorded search, purpose OPERATIONS) and the
 * answer is a redirect to /explorer with the patient's pseudonymous id, never the MRN.
 */
export async function applyExplorerFiltersAction(_prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("events.read");
  const params = new URLSearchParams();
  for (const name of FIELDS) {
    const v = form.get(name);
    if (typeof v === "string" && v.trim() !== "") params.set(name, v.trim().slice(0, 100));
  }
  if (form.get("clearPatient")) params.delete("patient");
  const mrn = String(form.get("mrn") ?? "").slice(0, 100);
  const values = Object.fromEntries(params);
  let target: string;
  try {
    if (mrn.trim()) {
      const found = await lookupPatientByMrn(getPrisma(), {
        actor: user,
        mrn,
        resourceType: "AuditEvent",
        context: requestContext(await headers()),
      });
      if (!found) return { ok: false, message: "No patient has that MRN.", values: { ...values, mrn } };
      params.set("patient", found.patientId);
    }
    target = explorerSearchParams(parseExplorerFilters(params)).toString();
  } catch (error) {
    if (error instanceof AppError && error.code === "bad_request")
      return {
        ok: false,
        message: (error.details ?? []).map((d) => d.message).join("; ") || error.message,
        values: { ...values, mrn },
      };
    return formFailure(error, { values: { ...values, mrn } });
  }
  redirect(target ? `/explorer?${target}` : "/explorer");
}
