"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { authorizePatientAccess } from "@/lib/access/authorize-patient-access";
import { consentChange } from "@/lib/access/consents/change-consent";
import { consentFormValues, consentGrantFromForm } from "@/lib/access/consents/consent-input";
import { lookupPatientByMrn } from "@/lib/access/search/lookup-patient-by-mrn";
import { requirePagePermission } from "@/lib/auth/guards";
import { formFailure, type TFormState } from "@/lib/http/form-state";
import { getPrisma } from "@/lib/db/prisma";
import { requestContext } from "@/lib/http/request-context";

/**
 * A compliance officer finds the patient by MRN. The MRN arrives in the POST body; the page it
 * leads to is keyed by the patient's pseudonymous id, so no address carries the MRN.
 */
export async function findConsentPatientAction(_prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("consents.manage");
  const h = await headers();
  const mrn = String(form.get("mrn") ?? "").slice(0, 100);
  let patientId: string;
  try {
    const found = await lookupPatientByMrn(getPrisma(), {
      actor: user,
      mrn,
      resourceType: "Consent",
      context: requestContext(h),
    });
    if (!found) return { ok: false, message: "No patient has that MRN.", values: { mrn } };
    patientId = found.patientId;
  } catch (error) {
    return formFailure(error, { values: { mrn } });
  }
  redirect(`/consents?patient=${patientId}`);
}

/** A compliance officer records a consent directive on a patient's behalf (purpose OPERATIONS). */
export async function grantConsentAction(patientId: string, _prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("consents.manage");
  try {
    const { request, run } = consentChange(getPrisma(), {
      actor: user,
      patientId,
      change: "grant",
      input: consentGrantFromForm(form),
    });
    await authorizePatientAccess(getPrisma(), request, run);
  } catch (error) {
    return formFailure(error, { values: consentFormValues(form) });
  }
  revalidatePath("/consents");
  return { ok: true, message: "The consent is recorded and anchored in the ledger; it applies at once." };
}

/** A compliance officer revokes a consent on a patient's behalf. */
export async function revokeConsentAction(patientId: string, _prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("consents.manage");
  try {
    const { request, run } = consentChange(getPrisma(), {
      actor: user,
      patientId,
      change: "revoke",
      consentId: form.get("consentId"),
    });
    await authorizePatientAccess(getPrisma(), request, run);
  } catch (error) {
    return formFailure(error);
  }
  revalidatePath("/consents");
  return { ok: true, message: "Consent revoked." };
}
