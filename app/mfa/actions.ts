"use server";

import { redirect } from "next/navigation";
import { ZodError } from "zod";
import { ROLE_HOME } from "@/lib/access/permissions";
import { confirmMfaEnrolment } from "@/lib/auth/confirm-mfa-enrolment";
import { requireSignedInForEnrolment } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";

export type TMfaFormState = { ok: boolean; message: string | null };

export async function confirmMfaAction(_prev: TMfaFormState, form: FormData): Promise<TMfaFormState> {
  const user = await requireSignedInForEnrolment();
  try {
    await confirmMfaEnrolment(getPrisma(), { userId: user.id, code: String(form.get("code") ?? "") });
  } catch (error) {
    if (error instanceof ZodError) return { ok: false, message: error.issues.map((i) => i.message).join(" ") };
    if (error instanceof AppError) return { ok: false, message: error.message };
    throw error;
  }
  redirect(`${ROLE_HOME[user.role]}?mfa=enabled`);
}
