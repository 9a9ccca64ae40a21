"use server";

import { revalidatePath } from "next/cache";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { formFailure, type TFormState } from "@/lib/http/form-state";
import { acknowledgePrivacyAlert } from "@/lib/monitor/acknowledge-privacy-alert";

export async function acknowledgeAlertAction(alertId: string): Promise<TFormState> {
  const user = await requirePagePermission("alerts.acknowledge");
  try {
    await acknowledgePrivacyAlert(getPrisma(), { alertId, userId: user.id });
  } catch (error) {
    return formFailure(error);
  }
  revalidatePath("/alerts");
  return { ok: true, message: "Acknowledged." };
}
