import "server-only";
import { z } from "zod";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { generateOneTimePassword } from "./one-time-password";
import { recordAdminAction } from "@/lib/auth/record-admin-action";
import { requireActiveAdmin } from "./require-admin";

/** ADMIN is never granted at creation (it needs a second admin's approval); PATIENT accounts belong to patients. */
export const CREATABLE_ROLES = ["COMPLIANCE_OFFICER", "CLINICIAN", "AUDITOR"] as const;

export const ZCreateUser = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address.").max(254),
  displayName: z.string().trim().min(2, "Enter the person's name.").max(120),
  role: z.enum(
    CREATABLE_ROLES,
    "Choose compliance officer, clinician or auditor. To make someone an administrator, create them first and then request the ADMIN role.",
  ),
  department: z
    .string()
    .trim()
    .max(80)
    .nullish()
    .transform((v) => v || null),
});
export type TCreateUser = z.input<typeof ZCreateUser>;

/** Create a staff account with a one-time password, returned once and never stored in clear. */
export async function createUser(prisma: PrismaClient, input: { actorId: string; user: TCreateUser }) {
  const data = ZCreateUser.parse(input.user);
  const password = generateOneTimePassword();
  const passwordHash = await hashPassword(password);
  try {
    const user = await prisma.$transaction(async (tx) => {
      await requireActiveAdmin(tx, input.actorId);
      const created = await tx.user.create({ data: { ...data, passwordHash, mustChangePassword: true } });
      await recordAdminAction(tx, {
        actorId: input.actorId,
        action: "user.create",
        targetUserId: created.id,
        details: { role: created.role },
      });
      return created;
    });
    return { userId: user.id, email: user.email, password };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", "An account with this email already exists.");
    }
    throw error;
  }
}
