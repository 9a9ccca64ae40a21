"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { ZodError } from "zod";
import type { TDisclosureFormState } from "@/components/disclosures/disclosure-form";
import { correctDisclosure } from "@/lib/access/disclosures/correct-disclosure";
import { recordDisclosure } from "@/lib/access/disclosures/record-disclosure";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";

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

function failure(error: unknown, values: Record<string, string>): TDisclosureFormState {
  if (error instanceof ZodError) return { ok: false, message: error.issues.map((i) => i.message).join(" "), values };
  if (error instanceof AppError) return { ok: false, message: error.message, values };
  throw error;
}

export async function recordDisclosureAction(
  patientId: string,
  _prev: TDisclosureFormState,
  form: FormData,
): Promise<TDisclosureFormState> {
  const user = await requirePagePermission("disclosures.write");
  const values = valuesOf(form);
  try {
    await recordDisclosure(getPrisma(), { actor: user, patientId, input: values });
  } catch (error) {
    return failure(error, values);
  }
  revalidatePath("/disclosures");
  redirect(`/disclosures?patient=${patientId}&saved=recorded`);
}

export async function correctDisclosureAction(
  patientId: string,
  disclosureId: string,
  _prev: TDisclosureFormState,
  form: FormData,
): Promise<TDisclosureFormState> {
  const user = await requirePagePermission("disclosures.write");
  const values = valuesOf(form);
  try {
    await correctDisclosure(getPrisma(), { actor: user, patientId, disclosureId, input: values });
  } catch (error) {
    return failure(error, values);
  }
  revalidatePath("/disclosures");
  redirect(`/disclosures?patient=${patientId}&saved=corrected`);
}
