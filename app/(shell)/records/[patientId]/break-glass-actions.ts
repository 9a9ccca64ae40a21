"use server";

import { redirect } from "next/navigation";
import { declareBreakGlass } from "@/lib/access/break-glass/declare-break-glass";
import { requirePagePermission } from "@/lib/auth/guards";
import { formFailure, type TFormState } from "@/lib/http/form-state";
import { getPrisma } from "@/lib/db/prisma";

/** Declare an emergency for this patient, then open the chart (every access flagged ETREAT). */
export async function declareBreakGlassAction(
  patientId: string,
  _prev: TFormState,
  form: FormData,
): Promise<TFormState> {
  const user = await requirePagePermission("breakglass.declare");
  const reason = form.get("reason");
  try {
    await declareBreakGlass(getPrisma(), { actor: user, patientId, reason });
  } catch (error) {
    const values = { reason: String(reason ?? "").slice(0, 1000) };
    return formFailure(error, { values });
  }
  redirect(`/records/${patientId}`);
}
