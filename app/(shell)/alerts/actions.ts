"use server";

import { revalidatePath } from "next/cache";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { formFailure, type TFormState } from "@/lib/http/form-state";
import { acknowledgePrivacyAlert } from "@/lib/monitor/acknowledge-privacy-alert";

export async function acknowledgeAlertAction(alertId: string, _prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("alerts.acknowledge");
  const note = form.get("note");
  try {
    await acknowledgePrivacyAlert(getPrisma(), { alertId, userId: user.id, note: note ?? undefined });
  } catch (error) {
    return formFailure(error, { values: { note: String(note ?? "").slice(0, 1000) } });
  }
  revalidatePath("/alerts");
  return { ok: true, message: "Acknowledged." };
}
