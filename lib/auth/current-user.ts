import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { getPrisma } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/enums";
import { authOptions } from "./auth-options";
import { sessionEndReason } from "./session-validity";

export type TCurrentUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  department: string | null;
  patientId: string | null;
  /** Enrolled in TOTP (sign-in asks for a code). */
  mfaEnabled: boolean;
  /** Signed in with a one-time password: must choose their own before anything else. */
  mustChangePassword: boolean;
};

/**
 * The signed-in user, re-read from the database on every request so that a disabled account, a
 * changed role or a revoked session (lib/auth/session-validity.ts) takes effect at once rather
 * than when the session cookie expires. Cached per request: the shell layout and the page both
 * ask, and one read answers both.
 */
export const getCurrentUser = cache(async (): Promise<TCurrentUser | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) return null;
  const user = await getPrisma().user.findUnique({ where: { id: session.user.id } });
  if (!user || sessionEndReason(session.claims ?? {}, user) !== null) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.displayName,
    role: user.role,
    department: user.department,
    patientId: user.patientId,
    mfaEnabled: !!user.mfaEnabledAt,
    mustChangePassword: user.mustChangePassword,
  };
});
