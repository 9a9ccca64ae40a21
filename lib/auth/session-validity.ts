// Server-side limits on a session, checked at every request against the user's row. A JWT cannot
// be recalled once issued, so it carries the user's session version and the time of sign-in:
// raising the version in the database ends every session issued before, and a session that began
// more than SESSION_ABSOLUTE_SECONDS ago ends however active it has been.

/** Sessions end after 8 hours without activity; each request within that rolls the window. */
export const SESSION_IDLE_SECONDS = 8 * 60 * 60;
/** …and 12 hours after sign-in whatever the activity: a clinical shift, not a week on a shared PC. */
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;

export type TSessionClaims = { sessionVersion?: number; authenticatedAt?: number };

/** Why a session may no longer be used, or null when it may. */
export function sessionEndReason(
  claims: TSessionClaims,
  user: { sessionVersion: number; disabled: boolean },
  now: Date = new Date(),
): "disabled" | "revoked" | "expired" | null {
  if (user.disabled) return "disabled";
  if (claims.sessionVersion !== user.sessionVersion) return "revoked";
  if (typeof claims.authenticatedAt !== "number") return "expired";
  if (now.getTime() - claims.authenticatedAt > SESSION_ABSOLUTE_SECONDS * 1000) return "expired";
  return null;
}

/** Prisma update data that ends every open session of a user. */
export const END_SESSIONS = { sessionVersion: { increment: 1 } } as const;
