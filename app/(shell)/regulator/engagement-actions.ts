"use server";

import { revalidatePath } from "next/cache";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { formFailureNamingFields, type TFormState } from "@/lib/http/form-state";
import { engagementRequestFromForm } from "@/lib/reports/engagements/engagement-form";
import { grantEngagement } from "@/lib/reports/engagements/grant-engagement";
import { revokeEngagement } from "@/lib/reports/engagements/revoke-engagement";

const failure = (error: unknown, values?: Record<string, string>) => formFailureNamingFields(error, { values });

/** A compliance officer grants an auditor an engagement from /regulator; checks engagements.manage itself. */
export async function grantEngagementAction(_prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("engagements.manage");
  try {
    const { id } = await grantEngagement(getPrisma(), engagementRequestFromForm(form), user);
    revalidatePath("/regulator");
    return { ok: true, message: `Granted engagement ${id}.` };
  } catch (error) {
    // Given back so the form, which React resets after the action, keeps what was chosen.
    const text = (k: string) => (typeof form.get(k) === "string" ? (form.get(k) as string) : "");
    return failure(error, {
      auditorId: text("auditorId"),
      from: text("from"),
      to: text("to"),
      expires: text("expires"),
      reportTypes: form.getAll("reportTypes").join(","),
    });
  }
}

/** Revokes the engagement named by the form's engagementId; checks engagements.manage itself. */
export async function revokeEngagementAction(_prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("engagements.manage");
  try {
    const id = form.get("engagementId");
    await revokeEngagement(getPrisma(), typeof id === "string" ? id : "", user);
    revalidatePath("/regulator");
    return { ok: true, message: "Engagement revoked." };
  } catch (error) {
    return failure(error);
  }
}
