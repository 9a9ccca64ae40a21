"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { ZodError } from "zod";
import { authorizePatientAccess } from "@/lib/access/authorize-patient-access";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { addObservation, ZObservationInput } from "@/lib/vault/add-observation";

export type TAddObservationState = {
  ok: boolean;
  message: string | null;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
};

export async function addObservationAction(
  patientId: string,
  _prev: TAddObservationState,
  form: FormData,
): Promise<TAddObservationState> {
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
        network: h.get("x-forwarded-for"),
        userAgent: h.get("user-agent"),
      },
      async () =>
        addObservation(prisma, {
          patientId,
          authorId: user.id,
          input: ZObservationInput.parse(Object.fromEntries(form)),
        }),
    );
  } catch (error) {
    if (error instanceof ZodError) {
      const fieldErrors = Object.fromEntries(error.issues.map((i) => [String(i.path[0] ?? "form"), i.message]));
      return { ok: false, message: "The observation was not saved.", fieldErrors, values };
    }
    if (error instanceof AppError) return { ok: false, message: error.message, fieldErrors: {}, values };
    throw error;
  }
  revalidatePath(`/records/${patientId}`);
  return { ok: true, message: "Observation saved and anchored in the ledger.", fieldErrors: {}, values: {} };
}
