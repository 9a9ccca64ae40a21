import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { recordAdminAction } from "@/lib/auth/record-admin-action";
import { AppError } from "@/lib/errors";
import { ZCreateUser } from "./create-user";
import { generateOneTimePassword } from "./one-time-password";

const ZFirstAdmin = ZCreateUser.pick({ email: true, displayName: true });

/**
 * The first-run path of a database without demo data (`healthledger users create-admin`): one
 * ADMIN with a one-time password, to be replaced at first sign-in, where MFA enrolment follows.
 * Only while no active administrator exists: after that, accounts are made in /admin, where a new
 * admin needs a second admin's approval. Anchored as user.create by the new account itself, the
 * only actor there is.
 */
export async function createFirstAdmin(prisma: PrismaClient, input: { email: string; displayName: string }) {
  const data = ZFirstAdmin.parse(input);
  const password = generateOneTimePassword();
  const passwordHash = await hashPassword(password);
  const user = await prisma.$transaction(async (tx) => {
    // Two first-run commands at once must not both find "no admin yet".
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('healthledger:first-admin'))`;
    if ((await tx.user.count({ where: { role: "ADMIN", disabled: false } })) > 0)
      throw new AppError("conflict", "An active administrator exists already: create further accounts in /admin.");
    if (await tx.user.findUnique({ where: { email: data.email } }))
      throw new AppError("conflict", "An account with this email already exists.");
    const created = await tx.user.create({ data: { ...data, role: "ADMIN", passwordHash, mustChangePassword: true } });
    await recordAdminAction(tx, {
      actorId: created.id,
      action: "user.create",
      targetUserId: created.id,
      details: { role: "ADMIN" },
    });
    return created;
  });
  return { userId: user.id, email: user.email, password };
}
