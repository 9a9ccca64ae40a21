"use server";

import { revalidatePath } from "next/cache";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { formFailureNamingFields } from "@/lib/http/form-state";
import { prepareReportIssue } from "@/lib/reports/issue/issue-report";
import { startReportBuild } from "@/lib/reports/issue/report-build-job";
import { reportRequestFromForm, type TIssueFormState } from "@/lib/reports/issue/report-form";

/**
 * Issues a report from the audit-evidence page; the action checks reports.issue itself. A refusal
 * answers at once; the build goes on in the background and the form follows its progress.
 */
export async function issueReportAction(_prev: TIssueFormState, form: FormData): Promise<TIssueFormState> {
  const user = await requirePagePermission("reports.issue");
  try {
    const prisma = getPrisma();
    const build = await startReportBuild(await prepareReportIssue(reportRequestFromForm(form), user, { prisma }), {
      prisma,
    });
    revalidatePath("/regulator");
    return { ok: true, message: `Building report ${build.id}…`, reportId: build.id };
  } catch (error) {
    return formFailureNamingFields(error);
  }
}
