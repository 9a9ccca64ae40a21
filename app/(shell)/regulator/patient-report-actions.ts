"use server";

import { revalidatePath } from "next/cache";
import { lookupPatientByMrn } from "@/lib/access/search/lookup-patient-by-mrn";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { formFailureNamingFields } from "@/lib/http/form-state";
import { prepareReportIssue } from "@/lib/reports/issue/issue-report";
import { startReportBuild } from "@/lib/reports/issue/report-build-job";
import { reportRequestFromForm, type TIssueFormState } from "@/lib/reports/issue/report-form";

/**
 * Issues a report about one patient from the audit-evidence page. The officer types the MRN: it
 * travels in the POST body only, is looked up through the blind index (recorded as a search) and
 * never reaches a URL, the report or its leaf; the report names the patient by pseudonym.
 */
export async function issuePatientReportAction(_prev: TIssueFormState, form: FormData): Promise<TIssueFormState> {
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
    const prisma = getPrisma();
    const prepared = await prepareReportIssue({ ...request, patientId: found.patientId }, user, { prisma });
    const build = await startReportBuild(prepared, { prisma });
    revalidatePath("/regulator");
    const subject = `about patient ${found.pseudonym}`;
    return { ok: true, message: `Building report ${build.id} ${subject}…`, reportId: build.id, subject };
  } catch (error) {
    return formFailureNamingFields(error);
  }
}
