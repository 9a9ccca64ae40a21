"use server";

import { revalidatePath } from "next/cache";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { formFailure, type TFormState } from "@/lib/http/form-state";
import { changePrivacyCase } from "@/lib/monitor/cases/change-privacy-case";
import { RISK_FACTOR_KEYS } from "@/lib/monitor/cases/case-codes";

const field = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : undefined;
};

/** The change the pressed button names, with the fields its form holds (validated in lib). */
function changeOf(form: FormData, userId: string): unknown {
  const action = field(form, "action");
  switch (action) {
    case "intake":
      return { action, discoveredAt: field(form, "discoveredAt"), discoveredHow: field(form, "discoveredHow") };
    case "assign":
      return { action, ownerId: userId };
    case "assess":
      return {
        action,
        levels: Object.fromEntries(RISK_FACTOR_KEYS.map((f) => [f, field(form, `level-${f}`)])),
        rationales: Object.fromEntries(RISK_FACTOR_KEYS.map((f) => [f, field(form, `rationale-${f}`)])),
        exceptions: form.getAll("exception").slice(0, 3),
      };
    case "determine":
      return { action, determination: field(form, "determination"), sanctionTier: field(form, "sanctionTier") };
    case "notify":
      return { action, notifiedAt: field(form, "notifiedAt") };
    case "note":
      return { action, text: field(form, "text") };
    default:
      return { action };
  }
}

/** One officer's change to one case: the pressed button's value names it. */
export async function changeCaseAction(caseId: string, _prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("cases.manage");
  try {
    await changePrivacyCase(getPrisma(), { caseId, change: changeOf(form, user.id), byId: user.id });
  } catch (error) {
    return formFailure(error);
  }
  revalidatePath(`/cases/${caseId}`);
  return { ok: true, message: "Saved." };
}
