import "server-only";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { changeCareTeam } from "./change-care-team";

export const ZCareTeamChange = z.object({
  email: z.email("Enter the clinician's email address.").trim().toLowerCase().max(200),
  change: z.enum(["add", "remove"], "Choose add or remove."),
});

/**
 * Add a clinician to a patient's care team, or remove one, by email. Only clinicians treat, so
 * only they can be members. The caller has authorized the change (resource type CareTeam).
 */
export async function updateCareTeam(prisma: PrismaClient, opts: { patientId: string; byId: string; input: unknown }) {
  const { email, change } = ZCareTeamChange.parse(opts.input);
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, role: true, disabled: true } });
  if (!user || user.role !== "CLINICIAN" || user.disabled)
    throw new AppError("unprocessable", "No active clinician has that email address.");
  const row = await prisma.$transaction((tx) =>
    changeCareTeam(tx, { patientId: opts.patientId, userId: user.id, change, byId: opts.byId }),
  );
  if (!row)
    throw new AppError(
      "conflict",
      change === "add" ? "That clinician is already on the care team." : "That clinician is not on the care team.",
    );
  return row;
}
