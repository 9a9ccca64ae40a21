"use server";

import { revalidatePath } from "next/cache";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { formFailure, type TFormState } from "@/lib/http/form-state";
import { engagementRequestFromForm } from "@/lib/reports/engagements/engagement-form";
import { grantEngagement } from "@/lib/reports/engagements/grant-engagement";
import { revokeEngagement } from "@/lib/reports/engagements/revoke-engagement";

/** The refusal with what is wrong with each field, for a form that shows one message. */
function failure(error: unknown): TFormState {
  const state = formFailure(error);
  if (error instanceof AppError && error.details?.length)
    return { ...state, message: `${state.message} ${error.details.map((d) => `${d.path}: ${d.message}.`).join(" ")}` };
  return state;
}

/** A compliance officer grants an auditor an engagement from /regulator; checks engagements.manage itself. */
export async function grantEngagementAction(_prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("engagements.manage");
  try {
    const { id } = await grantEngagement(getPrisma(), engagementRequestFromForm(form), user);
    revalidatePath("/regulator");
    return { ok: true, message: `Granted engagement ${id}.` };
  } catch (error) {
    return failure(error);
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
