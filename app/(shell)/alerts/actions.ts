"use server";

import { revalidatePath } from "next/cache";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { acknowledgePrivacyAlert } from "@/lib/monitor/acknowledge-privacy-alert";

export async function acknowledgeAlertAction(alertId: string): Promise<{ ok: boolean; message: string | null }> {
  const user = await requirePagePermission("alerts.acknowledge");
  try {
    await acknowledgePrivacyAlert(getPrisma(), { alertId, userId: user.id });
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.message };
    throw error;
  }
  revalidatePath("/alerts");
  return { ok: true, message: "Acknowledged." };
}
