"use server";

import { revalidatePath } from "next/cache";
import { authorizePatientAccess } from "@/lib/access/authorize-patient-access";
import { consentGrantFromForm } from "@/lib/access/consents/consent-input";
import { grantConsent } from "@/lib/access/consents/grant-consent";
import { revokeConsent } from "@/lib/access/consents/revoke-consent";
import { requirePagePermission } from "@/lib/auth/guards";
import { formFailure, type TFormState } from "@/lib/http/form-state";
import { getPrisma } from "@/lib/db/prisma";

const echo = (form: FormData) =>
  Object.fromEntries(
    ["provisionType", "granteeType", "grantee", "periodStart", "periodEnd", "purposes", "resourceTypes"].map((k) => [
      k,
      form.getAll(k).map(String).join(",").slice(0, 200),
    ]),
  );

/** A compliance officer records a consent directive on a patient's behalf (purpose OPERATIONS). */
export async function grantConsentAction(patientId: string, _prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("consents.manage");
  try {
    await authorizePatientAccess(
      getPrisma(),
      { actor: user, patientId, action: "create", resourceType: "Consent", entityWhat: "Consent" },
      () => grantConsent(getPrisma(), { patientId, recordedById: user.id, input: consentGrantFromForm(form) }),
    );
  } catch (error) {
    return formFailure(error, { values: echo(form) });
  }
  revalidatePath("/consents");
  return { ok: true, message: "The consent is recorded and anchored in the ledger; it applies at once." };
}

/** A compliance officer revokes a consent on a patient's behalf. */
export async function revokeConsentAction(patientId: string, _prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("consents.manage");
  try {
    await authorizePatientAccess(
      getPrisma(),
      { actor: user, patientId, action: "update", resourceType: "Consent", entityWhat: "Consent" },
      () => revokeConsent(getPrisma(), { patientId, consentId: form.get("consentId"), revokedById: user.id }),
    );
  } catch (error) {
    return formFailure(error);
  }
  revalidatePath("/consents");
  return { ok: true, message: "Consent revoked." };
}
