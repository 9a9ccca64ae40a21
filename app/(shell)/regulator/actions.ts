"use server";

import { revalidatePath } from "next/cache";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { formFailure, type TFormState } from "@/lib/http/form-state";
import { issueReport } from "@/lib/reports/issue/issue-report";
import { reportRequestFromForm } from "@/lib/reports/issue/report-form";

/** Issues a report from the audit-evidence page; the action checks reports.issue itself. */
export async function issueReportAction(_prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("reports.issue");
  try {
    const issued = await issueReport(reportRequestFromForm(form), user, { prisma: getPrisma() });
    revalidatePath("/regulator");
    return {
      ok: true,
      message: issued.quorumMet
        ? `Issued report ${issued.id}, witnessed by ${issued.cosignedBy.join(", ")}. Download its evidence bundle below.`
        : `Issued report ${issued.id}, but the witnesses' quorum was not met in time: the report says so on its first page.`,
    };
  } catch (error) {
    return formFailure(error);
  }
}
