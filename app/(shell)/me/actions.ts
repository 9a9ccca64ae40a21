"use server";

import { revalidatePath } from "next/cache";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { formFailure, type TFormState } from "@/lib/http/form-state";
import { requestErasure } from "@/lib/vault/request-erasure";
import { withdrawErasureRequest } from "@/lib/vault/withdraw-erasure-request";

export async function requestOwnErasureAction(): Promise<TFormState> {
  const user = await requirePagePermission("erasure.request");
  if (!user.patientId) return { ok: false, message: "This account is not linked to a patient record." };
  try {
    await requestErasure(getPrisma(), {
      requestedById: user.id,
      filedBy: "data_subject",
      patient: { id: user.patientId },
    });
  } catch (error) {
    return formFailure(error);
  }
  revalidatePath("/me");
  return { ok: true, message: "Your request was filed. A compliance officer will decide it; you can follow it here." };
}

export async function withdrawOwnErasureAction(requestId: string): Promise<TFormState> {
  const user = await requirePagePermission("erasure.request");
  try {
    await withdrawErasureRequest(getPrisma(), { requestId, userId: user.id });
  } catch (error) {
    return formFailure(error);
  }
  revalidatePath("/me");
  return { ok: true, message: "Your request was withdrawn." };
}
