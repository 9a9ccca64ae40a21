"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { TAdminFormState } from "@/components/admin/admin-forms";
import { decideLedgerTrust } from "@/lib/admin/decide-ledger-trust";
import { ZLedgerTrustDecisionInput, ZLedgerTrustRequestInput } from "@/lib/admin/ledger-trust-input";
import { requestLedgerTrust } from "@/lib/admin/request-ledger-trust";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { formFailure } from "@/lib/http/form-state";

// Each action checks ledger.trust itself: the admin layout's check does not cover actions.

async function run(work: (actorId: string) => Promise<TAdminFormState>): Promise<TAdminFormState> {
  const actor = await requirePagePermission("ledger.trust");
  try {
    const state = await work(actor.id);
    revalidatePath("/", "layout");
    return state;
  } catch (error) {
    return formFailure(error);
  }
}

export async function requestLedgerTrustAction(_prev: TAdminFormState, form: FormData): Promise<TAdminFormState> {
  return run(async (actorId) => {
    const input = ZLedgerTrustRequestInput.parse({ treeSize: form.get("treeSize"), confirm: form.get("confirm") });
    await requestLedgerTrust(getPrisma(), { actorId, ...input });
    return { ok: true, message: "Requested. A different administrator must approve it before patient data is served." };
  });
}

export async function decideLedgerTrustAction(
  requestId: string,
  _prev: TAdminFormState,
  form: FormData,
): Promise<TAdminFormState> {
  return run(async (actorId) => {
    const approve = z.enum(["approve", "reject"]).parse(form.get("decision")) === "approve";
    // Only an approval is confirmed by typing; a rejection or withdrawal ignores the field.
    const input = ZLedgerTrustDecisionInput.parse({
      requestId,
      approve,
      confirm: approve ? (form.get("confirm") ?? "") : undefined,
    });
    await decideLedgerTrust(getPrisma(), { actorId, ...input });
    return {
      ok: true,
      message: approve ? "Approved: the ledger head is trusted and patient data is served again." : "Rejected.",
    };
  });
}
