"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { authorizePatientAccess } from "@/lib/access/authorize-patient-access";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { formFailure, type TFormState } from "@/lib/http/form-state";
import { addObservation, ZObservationInput } from "@/lib/vault/add-observation";
import { requestContext } from "@/lib/http/request-context";

export async function addObservationAction(patientId: string, _prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("records.write");
  const prisma = getPrisma();
  const h = await headers();
  // Given back on failure so the form (reset by React after every action) keeps what was typed.
  const values = Object.fromEntries(
    ["code", "value", "effective"].map((k) => [k, String(form.get(k) ?? "").slice(0, 40)]),
  );
  try {
    await authorizePatientAccess(
      prisma,
      {
        actor: user,
        patientId,
        action: "create",
        resourceType: "Observation",
        entityWhat: "Observation",
        ...requestContext(h),
      },
      async () =>
        addObservation(prisma, {
          patientId,
          authorId: user.id,
          input: ZObservationInput.parse(Object.fromEntries(form)),
        }),
    );
  } catch (error) {
    return formFailure(error, { values, fieldSummary: "The observation was not saved." });
  }
  revalidatePath(`/records/${patientId}`);
  return { ok: true, message: "Observation saved and anchored in the ledger." };
}
