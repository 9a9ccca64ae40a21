"use server";

import { revalidatePath } from "next/cache";
import { authorizePatientAccess } from "@/lib/access/authorize-patient-access";
import { consentChange } from "@/lib/access/consents/change-consent";
import { consentFormValues, consentGrantFromForm } from "@/lib/access/consents/consent-input";
import { requirePagePermission } from "@/lib/auth/guards";
import { formFailure, type TFormState } from "@/lib/http/form-state";
import { getPrisma } from "@/lib/db/prisma";

const NOT_LINKED: TFormState = { ok: false, message: "This account is not linked to a patient record." };

/** A patient records a consent directive about their own data. */
export async function grantOwnConsentAction(_prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("self.consents");
  if (!user.patientId) return NOT_LINKED;
  try {
    const { request, run } = consentChange(getPrisma(), {
      actor: user,
      patientId: user.patientId,
      change: "grant",
      input: consentGrantFromForm(form),
    });
    await authorizePatientAccess(getPrisma(), request, run);
  } catch (error) {
    return formFailure(error, { values: consentFormValues(form) });
  }
  revalidatePath("/me");
  return { ok: true, message: "Your consent is recorded and anchored in the ledger; it applies at once." };
}

/** A patient revokes one of their own consents. */
export async function revokeOwnConsentAction(_prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("self.consents");
  if (!user.patientId) return NOT_LINKED;
  try {
    const { request, run } = consentChange(getPrisma(), {
      actor: user,
      patientId: user.patientId,
      change: "revoke",
      consentId: form.get("consentId"),
    });
    await authorizePatientAccess(getPrisma(), request, run);
  } catch (error) {
    return formFailure(error);
  }
  revalidatePath("/me");
  return { ok: true, message: "Consent revoked." };
}
