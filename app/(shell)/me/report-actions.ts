"use server";

import { revalidatePath } from "next/cache";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { formFailure, type TFormState } from "@/lib/http/form-state";
import { issueOwnReport } from "@/lib/reports/issue/issue-own-report";
import { reportRequestFromForm } from "@/lib/reports/issue/report-form";

/** A patient issues a report about themselves at /me; the patient is the session's, never the form's. */
export async function issueOwnReportAction(_prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("self.reports");
  try {
    const issued = await issueOwnReport(reportRequestFromForm(form), user, { prisma: getPrisma() });
    revalidatePath("/me");
    return { ok: true, message: `Your report ${issued.id} is ready: download it below.` };
  } catch (error) {
    return formFailure(error);
  }
}
