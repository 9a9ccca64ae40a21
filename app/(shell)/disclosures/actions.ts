"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { correctDisclosure } from "@/lib/access/disclosures/correct-disclosure";
import { findRegisterPatient } from "@/lib/access/disclosures/find-register-patient";
import { recordDisclosure } from "@/lib/access/disclosures/record-disclosure";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { formFailure, type TFormState } from "@/lib/http/form-state";
import { requestContext } from "@/lib/http/request-context";

const FIELDS = [
  "disclosedAt",
  "recipientName",
  "recipientAddress",
  "legalBasis",
  "description",
  "purpose",
  "requestCopy",
];

function valuesOf(form: FormData): Record<string, string> {
  return Object.fromEntries(FIELDS.map((k) => [k, String(form.get(k) ?? "").slice(0, 10_000)]));
}

/**
 * Open a patient's register by MRN. The MRN arrives in the POST body; the register's address
 * holds only the patient's pseudonymous id.
 */
export async function openRegisterAction(_prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("disclosures.read");
  const h = await headers();
  const mrn = String(form.get("mrn") ?? "").slice(0, 100);
  let patientId: string;
  try {
    const context = requestContext(h);
    patientId = (await findRegisterPatient(getPrisma(), { actor: user, mrn, context })).patientId;
  } catch (error) {
    return formFailure(error, { values: { mrn } });
  }
  redirect(`/disclosures?patient=${patientId}`);
}

export async function recordDisclosureAction(
  patientId: string,
  _prev: TFormState,
  form: FormData,
): Promise<TFormState> {
  const user = await requirePagePermission("disclosures.write");
  const values = valuesOf(form);
  try {
    await recordDisclosure(getPrisma(), { actor: user, patientId, input: values });
  } catch (error) {
    return formFailure(error, { values });
  }
  revalidatePath("/disclosures");
  redirect(`/disclosures?patient=${patientId}&saved=recorded`);
}

export async function correctDisclosureAction(
  patientId: string,
  disclosureId: string,
  _prev: TFormState,
  form: FormData,
): Promise<TFormState> {
  const user = await requirePagePermission("disclosures.write");
  const values = valuesOf(form);
  try {
    await correctDisclosure(getPrisma(), { actor: user, patientId, disclosureId, input: values });
  } catch (error) {
    return formFailure(error, { values });
  }
  revalidatePath("/disclosures");
  redirect(`/disclosures?patient=${patientId}&saved=corrected`);
}
