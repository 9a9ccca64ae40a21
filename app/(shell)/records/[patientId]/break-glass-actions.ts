"use server";

import { redirect } from "next/navigation";
import { ZodError } from "zod";
import { declareBreakGlass } from "@/lib/access/break-glass/declare-break-glass";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";

export type TBreakGlassState = { ok: boolean; message: string | null; values?: Record<string, string> };

/** Declare an emergency for this patient, then open the chart (every access flagged ETREAT). */
export async function declareBreakGlassAction(patientId: string, _prev: TBreakGlassState, form: FormData): Promise<TBreakGlassState> {
  const user = await requirePagePermission("breakglass.declare");
  const reason = form.get("reason");
  try {
    await declareBreakGlass(getPrisma(), { actor: user, patientId, reason });
  } catch (error) {
    const values = { reason: String(reason ?? "").slice(0, 1000) };
    if (error instanceof ZodError) return { ok: false, message: error.issues.map((i) => i.message).join(" "), values };
    if (error instanceof AppError) return { ok: false, message: error.message, values };
    throw error;
  }
  redirect(`/records/${patientId}`);
}
