"use server";

import { redirect } from "next/navigation";
import { changeOwnPassword } from "@/lib/auth/change-own-password";
import { requireSignedInForPasswordChange } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { formFailure, type TFormState } from "@/lib/http/form-state";

export async function changePasswordAction(_prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requireSignedInForPasswordChange();
  try {
    await changeOwnPassword(getPrisma(), {
      userId: user.id,
      current: String(form.get("current") ?? ""),
      next: String(form.get("next") ?? ""),
      confirm: String(form.get("confirm") ?? ""),
    });
  } catch (error) {
    return formFailure(error);
  }
  // Every session of the account has ended, this one too: sign in with the new password.
  redirect("/login?password=changed");
}
