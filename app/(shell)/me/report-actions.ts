"use server";

import { revalidatePath } from "next/cache";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { formFailureNamingFields } from "@/lib/http/form-state";
import { prepareOwnReportIssue } from "@/lib/reports/issue/issue-own-report";
import { startReportBuild } from "@/lib/reports/issue/report-build-job";
import { reportRequestFromForm, type TIssueFormState } from "@/lib/reports/issue/report-form";

/**
 * A patient issues a report about themselves at /me; the patient is the session's, never the
 * form's. The build goes on in the background and the form follows it.
 */
export async function issueOwnReportAction(_prev: TIssueFormState, form: FormData): Promise<TIssueFormState> {
  const user = await requirePagePermission("self.reports");
  try {
    const prisma = getPrisma();
    const build = await startReportBuild(await prepareOwnReportIssue(reportRequestFromForm(form), user, { prisma }), {
      prisma,
    });
    revalidatePath("/me");
    return { ok: true, message: `Building your report ${build.id}…`, reportId: build.id };
  } catch (error) {
    return formFailureNamingFields(error);
  }
}
