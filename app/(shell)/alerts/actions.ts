"use server";

import { revalidatePath } from "next/cache";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { formFailure, type TFormState } from "@/lib/http/form-state";
import { acknowledgePrivacyAlert } from "@/lib/monitor/acknowledge-privacy-alert";
import { changePrivacyAlerts } from "@/lib/monitor/alerts/change-privacy-alert";

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

/** One alert: start review, escalate, close with a reason, take it, or set its priority (the pressed button's value). */
export async function changeAlertAction(alertId: string, _prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("alerts.acknowledge");
  const action = form.get("action");
  const change =
    action === "close"
      ? { action, reasonCode: form.get("reasonCode") }
      : action === "assign"
        ? { action, ownerId: user.id }
        : action === "set_priority"
          ? { action, priority: form.get("priority") }
          : { action };
  try {
    await changePrivacyAlerts(getPrisma(), { alertIds: [alertId], change, byId: user.id });
  } catch (error) {
    return formFailure(error);
  }
  revalidatePath("/alerts");
  return { ok: true, message: "Saved." };
}

/** Close every selected alert with one reason, all or nothing. */
export async function bulkCloseAlertsAction(_prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("alerts.acknowledge");
  const alertIds = form.getAll("alertId").slice(0, 1000);
  try {
    const { changed } = await changePrivacyAlerts(getPrisma(), {
      alertIds,
      change: { action: "close", reasonCode: form.get("reasonCode") },
      byId: user.id,
    });
    revalidatePath("/alerts");
    return { ok: true, message: `Closed ${changed} alert${changed === 1 ? "" : "s"}.` };
  } catch (error) {
    return formFailure(error);
  }
}
