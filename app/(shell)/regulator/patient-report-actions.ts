"use server";

import { revalidatePath } from "next/cache";
import { lookupPatientByMrn } from "@/lib/access/search/lookup-patient-by-mrn";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { formFailure, type TFormState } from "@/lib/http/form-state";
import { issueReport } from "@/lib/reports/issue/issue-report";
import { reportRequestFromForm } from "@/lib/reports/issue/report-form";

/**
 * Issues a report about one patient from the audit-evidence page. The officer types the MRN: it
 * travels in the POST body only, is looked up through the blind index (recorded as a search) and
 * never reaches a URL, the report or its leaf; the report names the patient by pseudonym.
 */
export async function issuePatientReportAction(_prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("reports.all");
  try {
    const request = reportRequestFromForm(form);
    // The patient is the one the MRN names, never an id the form could carry.
    if (request.patientId) throw new AppError("unprocessable", "Name the patient by MRN.");
    const mrn = form.get("mrn");
    const found = await lookupPatientByMrn(getPrisma(), {
      actor: user,
      mrn: typeof mrn === "string" ? mrn : "",
      // The search is recorded under what the report opens: the disclosure register or the access log.
      resourceType: request.type === "hipaa_disclosure_accounting" ? "Disclosure" : "AuditEvent",
    });
    if (!found) throw new AppError("not_found", "No patient has that MRN.");
    const issued = await issueReport({ ...request, patientId: found.patientId }, user, { prisma: getPrisma() });
    revalidatePath("/regulator");
    return {
      ok: true,
      message: `Issued report ${issued.id} about patient ${found.pseudonym}${issued.quorumMet ? "" : " (the witnesses' quorum was not met in time: the report says so)"}. Download its evidence bundle below.`,
    };
  } catch (error) {
    return formFailure(error);
  }
}
