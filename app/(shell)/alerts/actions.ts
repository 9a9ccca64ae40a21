"use server";

import { revalidatePath } from "next/cache";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { formFailure, type TFormState } from "@/lib/http/form-state";
import { acknowledgePrivacyAlert } from "@/lib/monitor/acknowledge-privacy-alert";
import { changePrivacyAlerts } from "@/lib/monitor/alerts/change-privacy-alert";
import { escalatePrivacyAlert } from "@/lib/monitor/alerts/escalate-privacy-alert";

function revalidateAlert(alertId: string) {
  revalidatePath("/alerts");
  revalidatePath(`/alerts/${alertId}`);
}

export async function acknowledgeAlertAction(alertId: string, _prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("alerts.acknowledge");
  const note = form.get("note");
  try {
    await acknowledgePrivacyAlert(getPrisma(), { alertId, userId: user.id, note: note ?? undefined });
  } catch (error) {
    return formFailure(error, { values: { note: String(note ?? "").slice(0, 1000) } });
  }
  revalidateAlert(alertId);
  return { ok: true, message: "Acknowledged." };
}

/**
 * One alert: start review, take it, give it to another officer, set its priority or close it with
 * a reason (the pressed button's value). Escalation has its own action, below.
 */
export async function changeAlertAction(alertId: string, _prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("alerts.acknowledge");
  const action = form.get("action");
  if (action === "escalate") return escalateAlertAction(alertId);
  const change =
    action === "close"
      ? { action, reasonCode: form.get("reasonCode") }
      : action === "take"
        ? { action: "assign", ownerId: user.id }
        : action === "assign"
          ? { action, ownerId: form.get("ownerId") }
          : action === "set_priority"
            ? { action, priority: form.get("priority") }
            : { action };
  try {
    await changePrivacyAlerts(getPrisma(), { alertIds: [alertId], change, byId: user.id });
  } catch (error) {
    return formFailure(error);
  }
  revalidateAlert(alertId);
  return { ok: true, message: "Saved." };
}

/** Escalate one alert: the one dispatch every Escalate button goes through. */
export async function escalateAlertAction(alertId: string): Promise<TFormState> {
  const user = await requirePagePermission("alerts.acknowledge");
  try {
    const { opened } = await escalatePrivacyAlert(getPrisma(), { alertId, byId: user.id });
    revalidateAlert(alertId);
    revalidatePath("/cases");
    return {
      ok: true,
      message: opened ? "Escalated into a new case." : "Escalated into the staff member's open case.",
    };
  } catch (error) {
    return formFailure(error);
  }
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
