"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { ZodError } from "zod";
import { authorizePatientAccess } from "@/lib/access/authorize-patient-access";
import { updateCareTeam } from "@/lib/access/care-team/update-care-team";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";

export type TCareTeamState = { ok: boolean; message: string | null; values?: Record<string, string> };

/** Add or remove a care-team member; the policy decides who may (resource type CareTeam). */
export async function changeCareTeamAction(patientId: string, _prev: TCareTeamState, form: FormData): Promise<TCareTeamState> {
  const user = await requirePagePermission("careteam.manage");
  const h = await headers();
  const values = { email: String(form.get("email") ?? "").slice(0, 200) };
  const input = { email: form.get("email"), change: form.get("change") };
  try {
    await authorizePatientAccess(
      getPrisma(),
      { actor: user, patientId, action: "update", resourceType: "CareTeam", entityWhat: `CareTeam?patient=${patientId}`, network: h.get("x-forwarded-for"), userAgent: h.get("user-agent") },
      () => updateCareTeam(getPrisma(), { patientId, byId: user.id, input }),
    );
  } catch (error) {
    if (error instanceof ZodError) return { ok: false, message: error.issues.map((i) => i.message).join(" "), values };
    if (error instanceof AppError) return { ok: false, message: error.message, values };
    throw error;
  }
  revalidatePath(`/records/${patientId}`);
  revalidatePath("/consents");
  return { ok: true, message: input.change === "add" ? "Added to the care team; the change is anchored in the ledger." : "Removed from the care team; the change is anchored in the ledger." };
}
