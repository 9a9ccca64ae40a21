"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePagePermission } from "@/lib/auth/guards";
import { formFailure, type TFormState } from "@/lib/http/form-state";
import { getPrisma } from "@/lib/db/prisma";
import { issueReport } from "@/lib/reports/issue/issue-report";
import { decideErasure, ZErasureDecision } from "@/lib/vault/decide-erasure";
import { requestErasure } from "@/lib/vault/request-erasure";
import { withdrawErasureRequest } from "@/lib/vault/withdraw-erasure-request";

const ZMrn = z.string().trim().min(3, "Enter the patient's MRN.").max(40);

export async function fileErasureAction(_prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("erasure.decide");
  try {
    await requestErasure(getPrisma(), {
      requestedById: user.id,
      filedBy: "compliance_officer",
      patient: { mrn: ZMrn.parse(form.get("mrn")) },
    });
  } catch (error) {
    return formFailure(error);
  }
  revalidatePath("/erasure");
  return { ok: true, message: "Request filed. A different compliance officer decides it; you can withdraw it." };
}

export async function decideErasureAction(requestId: string, _prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("erasure.decide");
  // Given back on failure: React resets a form after its action, and a reset must never turn a
  // refusal into an approval.
  const values = Object.fromEntries(
    ["outcome", "ground", "reason"].map((k) => [k, String(form.get(k) ?? "").slice(0, 2000)]),
  );
  try {
    const decision = ZErasureDecision.parse(Object.fromEntries(form));
    const r = await decideErasure(getPrisma(), { requestId, decidedById: user.id, decision });
    revalidatePath("/erasure");
    return {
      ok: true,
      message:
        r.outcome === "approved"
          ? "Erased. The certificate is available once the ledger has sealed the decision."
          : "Refused; the decision is recorded in the ledger.",
    };
  } catch (error) {
    return formFailure(error, { values });
  }
}

export async function withdrawErasureAction(requestId: string): Promise<TFormState> {
  const user = await requirePagePermission("erasure.decide");
  try {
    await withdrawErasureRequest(getPrisma(), { requestId, userId: user.id });
  } catch (error) {
    return formFailure(error);
  }
  revalidatePath("/erasure");
  return { ok: true, message: "Withdrawn; the withdrawal is recorded in the ledger." };
}

/** Issues the erasure certificate of an approved request as a signed evidence bundle (a report). */
export async function issueErasureCertificateAction(requestId: string): Promise<TFormState> {
  const user = await requirePagePermission("erasure.decide");
  try {
    const issued = await issueReport({ type: "erasure_certificate", erasureRequestId: requestId }, user, {
      prisma: getPrisma(),
    });
    revalidatePath("/erasure");
    return { ok: true, message: `Issued certificate ${issued.id}: download its evidence bundle here.` };
  } catch (error) {
    return formFailure(error);
  }
}
