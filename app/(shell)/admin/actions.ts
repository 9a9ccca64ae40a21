"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createUser, ZCreateUser } from "@/lib/admin/create-user";
import { decideAccountReset } from "@/lib/admin/decide-account-reset";
import { decideRoleChange } from "@/lib/admin/decide-role-change";
import { requestAccountReset } from "@/lib/admin/request-account-reset";
import { requestRoleChange, ZRoleChangeRequest } from "@/lib/admin/request-role-change";
import { resetPassword } from "@/lib/admin/reset-password";
import { setUserDisabled } from "@/lib/admin/set-user-disabled";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { formFailure } from "@/lib/http/form-state";
import type { TAdminFormState } from "@/components/admin/admin-forms";

// Every mutation checks users.manage itself: the admin layout's check does not cover actions.

async function run(
  work: (actorId: string) => Promise<TAdminFormState>,
  { revalidate = true } = {},
): Promise<TAdminFormState> {
  const actor = await requirePagePermission("users.manage");
  try {
    const state = await work(actor.id);
    if (revalidate) revalidatePath("/admin", "layout");
    return state;
  } catch (error) {
    return formFailure(error);
  }
}

export async function createUserAction(_prev: TAdminFormState, form: FormData): Promise<TAdminFormState> {
  return run(async (actorId) => {
    const r = await createUser(getPrisma(), { actorId, user: ZCreateUser.parse(Object.fromEntries(form)) });
    return {
      ok: true,
      message: `Account created for ${r.email}. Give them this one-time password in person; it is not shown again.`,
      password: r.password,
      email: r.email,
    };
  });
}

export async function setDisabledAction(
  userId: string,
  _prev: TAdminFormState,
  form: FormData,
): Promise<TAdminFormState> {
  return run(async (actorId) => {
    const disabled = z.enum(["true", "false"]).parse(form.get("disabled")) === "true";
    await setUserDisabled(getPrisma(), { actorId, userId, disabled });
    return {
      ok: true,
      message: disabled ? "Account disabled. Open sessions end at their next request." : "Account enabled.",
    };
  });
}

const HAND_OVER = "Give the user this one-time password in person; it is not shown again.";

export async function resetPasswordAction(userId: string): Promise<TAdminFormState> {
  return run(async (actorId) => {
    const r = await resetPassword(getPrisma(), { actorId, userId });
    if (r.status === "pending")
      return {
        ok: true,
        message:
          "Requested. This account can see patient data: another administrator must approve the reset, and gets the one-time password.",
      };
    return { ok: true, message: `Password reset. ${HAND_OVER}`, password: r.password };
  });
}

export async function requestMfaResetAction(userId: string): Promise<TAdminFormState> {
  return run(async (actorId) => {
    await requestAccountReset(getPrisma(), { actorId, userId, kind: "MFA" });
    return { ok: true, message: "Requested. Another administrator must approve the reset of two-step sign-in." };
  });
}

export async function decideAccountResetAction(
  resetId: string,
  _prev: TAdminFormState,
  form: FormData,
): Promise<TAdminFormState> {
  // Not revalidated: the request would leave the list and take the one-time password with it.
  return run(
    async (actorId) => {
      const approve = z.enum(["approve", "reject"]).parse(form.get("decision")) === "approve";
      const d = await decideAccountReset(getPrisma(), { actorId, resetId, approve });
      if (!approve) return { ok: true, message: "Rejected: nothing was reset." };
      if (d.password)
        return { ok: true, message: `Approved: the password is reset. ${HAND_OVER}`, password: d.password };
      return { ok: true, message: "Approved: two-step sign-in is reset; the user enrols again at the next sign-in." };
    },
    { revalidate: false },
  );
}

export async function requestRoleChangeAction(
  userId: string,
  _prev: TAdminFormState,
  form: FormData,
): Promise<TAdminFormState> {
  return run(async (actorId) => {
    const r = await requestRoleChange(getPrisma(), {
      actorId,
      ...ZRoleChangeRequest.parse({ userId, toRole: form.get("toRole") }),
    });
    return {
      ok: true,
      message:
        r.status === "pending"
          ? "Requested. Another administrator must approve the ADMIN role before it applies."
          : "Role changed.",
    };
  });
}

export async function decideRoleChangeAction(
  roleChangeId: string,
  _prev: TAdminFormState,
  form: FormData,
): Promise<TAdminFormState> {
  return run(async (actorId) => {
    const approve = z.enum(["approve", "reject"]).parse(form.get("decision")) === "approve";
    await decideRoleChange(getPrisma(), { actorId, roleChangeId, approve });
    return { ok: true, message: approve ? "Approved: the role is now in effect." : "Rejected: the role is unchanged." };
  });
}
