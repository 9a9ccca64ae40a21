"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { authorizePatientAccess } from "@/lib/access/authorize-patient-access";
import { updateCareTeam } from "@/lib/access/care-team/update-care-team";
import { requirePagePermission } from "@/lib/auth/guards";
import { formFailure, type TFormState } from "@/lib/http/form-state";
import { getPrisma } from "@/lib/db/prisma";
import { requestContext } from "@/lib/http/request-context";

/** Add or remove a care-team member; the policy decides who may (resource type CareTeam). */
export async function changeCareTeamAction(patientId: string, _prev: TFormState, form: FormData): Promise<TFormState> {
  const user = await requirePagePermission("careteam.manage");
  const h = await headers();
  const values = { email: String(form.get("email") ?? "").slice(0, 200) };
  const input = { email: form.get("email"), change: form.get("change") };
  try {
    await authorizePatientAccess(
      getPrisma(),
      {
        actor: user,
        patientId,
        action: "update",
        resourceType: "CareTeam",
        entityWhat: `CareTeam?patient=${patientId}`,
        ...requestContext(h),
      },
      () => updateCareTeam(getPrisma(), { patientId, byId: user.id, input }),
    );
  } catch (error) {
    return formFailure(error, { values });
  }
  revalidatePath(`/records/${patientId}`);
  revalidatePath("/consents");
  return {
    ok: true,
    message:
      input.change === "add"
        ? "Added to the care team; the change is anchored in the ledger."
        : "Removed from the care team; the change is anchored in the ledger.",
  };
}
