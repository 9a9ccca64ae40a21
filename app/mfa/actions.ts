"use server";

import { redirect } from "next/navigation";
import { ROLE_HOME } from "@/lib/access/permissions";
import { confirmMfaEnrolment } from "@/lib/auth/confirm-mfa-enrolment";
import { requireSignedInForEnrolment } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { formFailure, type TFormState } from "@/lib/http/form-state";

export async function confirmMfaAction(_prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requireSignedInForEnrolment();
  try {
    await confirmMfaEnrolment(getPrisma(), { userId: user.id, code: String(form.get("code") ?? "") });
  } catch (error) {
    return formFailure(error);
  }
  redirect(`${ROLE_HOME[user.role]}?mfa=enabled`);
}
